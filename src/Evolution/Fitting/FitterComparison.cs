using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>One program to fit: its starting constants, and the best error known for its structure if any.</summary>
public sealed record FitCase(string Name, Program Start, TargetSamples Samples, double KnownOptimum = double.NaN);

/// <summary>One fitter on one case: final max error on the samples and mean wall time per fit.</summary>
public sealed record FitMeasurement(string Case, string Fitter, double MaxError, double MillisecondsPerFit, int Evaluations, bool DoubleDouble);

/// <summary>
/// The comparison issue 3 asks for ("choose what is fastest for equal quality and show the comparison"): every
/// fitter on every case, to its own convergence, plus CMA-ES given a large budget and asked to reach the quality of
/// the best gradient fit (within 1%), so its cost at equal quality is measured rather than guessed.
/// </summary>
public static class FitterComparison
{
    /// <summary>
    /// Standard cases for e^x on [0,1] (relative error, Chebyshev samples): Horner polynomials of the given degrees
    /// starting from the minimax coefficients perturbed by about 10% (their optimum is the Remez minimax error),
    /// an Estrin-form cubic, a rational (c0 + c1 x + c2 x^2)/(d0 + d1 x + x^2), the paper-style DAG
    /// c4 + x*(c0 + x*(c1 + c2/(x + c3))), and the sloppy symmetric [5/5] continued fraction the lifted Remez is for.
    /// </summary>
    public static List<FitCase> ExpCases(int samples, IEnumerable<int> degrees, ulong seed = 7)
    {
        var target = TargetFunction.Create("exp", 0, 1);
        var s = new TargetSamples(target, samples);
        var rng = new Xoshiro256(seed);
        var cases = new List<FitCase>();
        foreach (int d in degrees)
        {
            var mm = Remez.Minimax(target, d);
            var c = mm.CoefficientsDouble.Select(v => v * (1 + 0.1 * rng.NextGaussian())).ToArray();
            cases.Add(new FitCase($"Horner deg {d} ({2 * d} ops)", ProgramBuilder.Horner(c), s, mm.MaxError));
        }
        {
            // Estrin cubic: (c0 + c1 x) + x^2 (c2 + c3 x), a DAG with a shared x^2; same optimum as Horner deg 3.
            var mm = Remez.Minimax(target, 3);
            var c = mm.CoefficientsDouble.Select(v => v * (1 + 0.1 * rng.NextGaussian())).ToArray();
            var b = new ProgramBuilder();
            int x = b.Input();
            int x2 = b.Mul(x, x);
            int lo = b.Add(b.Const(c[0]), b.Mul(b.Const(c[1]), x));
            int hi = b.Add(b.Const(c[2]), b.Mul(b.Const(c[3]), x));
            cases.Add(new FitCase("Estrin deg 3 (6 ops)", b.Build(b.Add(lo, b.Mul(x2, hi))), s, mm.MaxError));
        }
        {
            // Rational [2/2] with monic denominator, started near the Pade approximant (x^2+6x+12)/(x^2-6x+12).
            var b = new ProgramBuilder();
            int x = b.Input();
            int num = b.Add(b.Mul(b.Add(b.Mul(b.Const(1.1), x), b.Const(5.7)), x), b.Const(12.5));
            int den = b.Add(b.Mul(b.Add(x, b.Const(-6.3)), x), b.Const(11.6));
            cases.Add(new FitCase("Rational 2/2 (8 ops)", b.Build(b.Div(num, den)), s));
        }
        {
            // c4 + x*(c0 + x*(c1 + c2/(x + c3))): Taylor-matched start is c = (1, -1/6, -8/3, -4, 1).
            var b = new ProgramBuilder();
            int x = b.Input();
            int q = b.Div(b.Const(-2.5), b.Add(x, b.Const(-3.8)));
            int inner = b.Add(b.Const(-0.15), q);
            int mid = b.Add(b.Const(1.05), b.Mul(x, inner));
            cases.Add(new FitCase("c4+x(c0+x(c1+c2/(x+c3))) (7 ops)", b.Build(b.Add(b.Const(0.97), b.Mul(x, mid))), s));
        }
        {
            // (H + x)/(H - x), H = a + b/(s + c + d/(s + e)), s = x^2: the sloppy symmetric [5/5], from its Pade start.
            // Its optimum comes from an independent 60-digit Remez on the coefficients (symmetric_remez.py).
            var b = new ProgramBuilder();
            int x = b.Input();
            int s2 = b.Mul(x, x);
            int inner = b.Div(b.Const(-2024.5), b.Add(s2, b.Const(45.818)));
            int h = b.Add(b.Div(b.Const(-9240), b.Add(b.Add(inner, s2), b.Const(374.18))), b.Const(30));
            cases.Add(new FitCase("symmetric [5/5] continued fraction (10 ops)", b.Build(b.Div(b.Add(h, x), b.Sub(h, x))), s, 9.7083e-14));
        }
        return cases;
    }

    /// <summary>Runs every fitter on every case. Each fit is repeated until ~minMillis of wall time to time it.</summary>
    public static List<FitMeasurement> Run(IReadOnlyList<FitCase> cases, IReadOnlyList<IConstantFitter> fitters,
        FitBudget budget, double minMillis = 150, int cmaEvaluationsForEqualQuality = 60_000)
    {
        var rows = new List<FitMeasurement>();
        // Warm-up so the timings see tier-1 code, not the JIT.
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 300)
            foreach (var f in fitters) f.Fit(cases[0].Start, cases[0].Samples, budget with { MaxEvaluations = 300 });
        foreach (var c in cases)
        {
            var results = new List<FitMeasurement>();
            foreach (var f in fitters) results.Add(Measure(c, f, budget, f.Name, minMillis));
            rows.AddRange(results);
            // Equal quality: the best gradient result (or the known optimum) within 1%, then CMA-ES must reach it.
            double best = results.Where(r => !r.Fitter.StartsWith("CMA", StringComparison.Ordinal)).Select(r => r.MaxError).DefaultIfEmpty(double.PositiveInfinity).Min();
            if (!double.IsNaN(c.KnownOptimum)) best = Math.Min(best, c.KnownOptimum);
            var cma = new CmaEsFitter();
            var target = budget with { TargetError = 1.01 * best, MaxEvaluations = cmaEvaluationsForEqualQuality, MaxIterations = 1000 };
            rows.Add(Measure(c, cma, target, "CMA-ES to 1.01x best", minMillis));
        }
        return rows;
    }

    private static FitMeasurement Measure(FitCase c, IConstantFitter f, FitBudget budget, string name, double minMillis)
    {
        var r = f.Fit(c.Start, c.Samples, budget); // warm-up (JIT) and the figures
        var sw = Stopwatch.StartNew();
        int reps = 0;
        do { f.Fit(c.Start, c.Samples, budget); reps++; } while (sw.Elapsed.TotalMilliseconds < minMillis && reps < 2000);
        return new FitMeasurement(c.Name, name, r.MaxError, sw.Elapsed.TotalMilliseconds / reps, r.Evaluations, r.UsedDoubleDouble);
    }

    /// <summary>Markdown table: one row per case, max error and ms per fit for each fitter.</summary>
    public static string Format(IReadOnlyList<FitCase> cases, IReadOnlyList<FitMeasurement> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var fitters = rows.Select(r => r.Fitter).Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append("| case | k | known optimum |");
        foreach (var f in fitters) sb.Append(' ').Append(f).Append(" error | ms | evals |");
        sb.AppendLine();
        sb.Append("|---|---|---|");
        foreach (var _ in fitters) sb.Append("---|---|---|");
        sb.AppendLine();
        foreach (var c in cases)
        {
            sb.Append("| ").Append(c.Name).Append(" | ").Append(c.Start.Constants.Length).Append(" | ")
              .Append(double.IsNaN(c.KnownOptimum) ? "-" : c.KnownOptimum.ToString("E3", inv)).Append(" |");
            foreach (var f in fitters)
            {
                var r = rows.First(x => x.Case == c.Name && x.Fitter == f);
                sb.Append(' ').Append(r.MaxError.ToString("E3", inv)).Append(r.DoubleDouble ? " (dd)" : "").Append(" | ")
                  .Append(r.MillisecondsPerFit.ToString("F3", inv)).Append(" | ").Append(r.Evaluations).Append(" |");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
