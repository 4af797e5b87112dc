using System.Diagnostics;
using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Fitting;

/// <summary>Shared, expensive-to-build fixtures: MPFR-labelled samples and Remez minimax polynomials of exp.</summary>
internal static class ExpFixtures
{
    public static readonly TargetFunction Exp01 = TargetFunction.Create("exp", 0, 1);
    public static readonly TargetSamples Samples = new(Exp01, 512);
    private static readonly Dictionary<int, MinimaxPolynomial> Minimax = [];

    public static MinimaxPolynomial Remez(int degree)
    {
        lock (Minimax)
        {
            if (!Minimax.TryGetValue(degree, out var mm)) Minimax[degree] = mm = AutoNumerics.Evolution.Baselines.Remez.Minimax(Exp01, degree);
            return mm;
        }
    }

    /// <summary>The minimax structure (Horner) with every coefficient perturbed by ~10%.</summary>
    public static Program PerturbedHorner(int degree, ulong seed = 3)
    {
        var rng = new Xoshiro256(seed);
        return ProgramBuilder.Horner(Remez(degree).CoefficientsDouble.Select(c => c * (1 + 0.1 * rng.NextGaussian())).ToArray());
    }

    /// <summary>c4 + x*(c0 + x*(c1 + c2/(x + c3))), started near its Taylor match (pole at x = -c3 = 3.8).</summary>
    public static Program RationalTail(double c3 = -3.8)
    {
        var b = new ProgramBuilder();
        int x = b.Input();
        int q = b.Div(b.Const(-2.5), b.Add(x, b.Const(c3)));
        int mid = b.Add(b.Const(1.05), b.Mul(x, b.Add(b.Const(-0.15), q)));
        return b.Build(b.Add(b.Const(0.97), b.Mul(x, mid)));
    }
}

public class FittingTests(ITestOutputHelper output)
{
    private static TargetSamples Samples => ExpFixtures.Samples;

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Perturbed_minimax_structure_converges_to_the_Remez_error_within_1_percent(int degree)
    {
        var mm = ExpFixtures.Remez(degree);
        var r = new MinimaxFitter().Fit(ExpFixtures.PerturbedHorner(degree), Samples);
        output.WriteLine($"degree {degree}: fitted {r.MaxError:E4}, Remez {mm.MaxError:E4}, {r.Evaluations} evaluations, {r.Jacobians} Jacobians");
        Assert.True(Math.Abs(r.MaxError / mm.MaxError - 1) < 0.01, $"fitted {r.MaxError:E6} vs minimax {mm.MaxError:E6}");
        // Between the samples too: a 20,001-point grid sees the fitted polynomial within 1% of the true minimax.
        var p = r.Program;
        var dense = DenseVerifier.Verify(ExpFixtures.Exp01, x => { var (h, l) = Interpreter.EvaluateDoubleDouble(p, x); return new(h, l); }, 20_001);
        Assert.True(Math.Abs(dense.MaxError / mm.MaxError - 1) < 0.01, $"dense {dense.MaxError:E6} vs minimax {mm.MaxError:E6}");
    }

    [Theory]
    [InlineData(MinimaxRefinement.None)]
    [InlineData(MinimaxRefinement.Lawson)]
    [InlineData(MinimaxRefinement.Remez)]
    [InlineData(MinimaxRefinement.LiftedRemez)]
    public void Linear_program_recovers_3x_plus_2_exactly(MinimaxRefinement refinement)
    {
        var b = new ProgramBuilder();
        int x = b.Input();
        var p = b.Build(b.Add(b.Mul(b.Const(0.5), x), b.Const(-1.0)));
        var xs = Enumerable.Range(0, 64).Select(i => -1 + i / 32.0).ToArray();
        var data = FitData.FromValues(xs, xs.Select(v => 3 * v + 2).ToArray());
        var r = new MinimaxFitter(refinement).Fit(p, data);
        Assert.Equal(3.0, r.Program.Constants[0], 14);
        Assert.Equal(2.0, r.Program.Constants[1], 14);
        Assert.True(r.MaxError < 1e-14);
    }

    [Fact]
    public void LM_decreases_the_least_squares_cost_monotonically()
    {
        var budget = new FitBudget { RecordTrace = true, Precision = FitPrecision.Double };
        foreach (var p in new[] { ExpFixtures.PerturbedHorner(5), ExpFixtures.RationalTail() })
        {
            var r = new LevenbergMarquardtFitter().Fit(p, Samples, budget);
            var t = r.Trace!;
            Assert.True(t.Count >= 2, "LM made no step");
            for (int i = 1; i < t.Count; i++) Assert.True(t[i] < t[i - 1], $"step {i}: {t[i]} >= {t[i - 1]}");
            Assert.True(t[^1] < 1e-3 * t[0]);
        }
    }

    [Theory]
    [InlineData(MinimaxRefinement.Lawson)]
    [InlineData(MinimaxRefinement.Remez)]
    [InlineData(MinimaxRefinement.LiftedRemez)]
    public void Minimax_refinement_beats_LM_alone_on_polynomials(MinimaxRefinement refinement)
    {
        for (int d = 3; d <= 6; d++)
        {
            var p = ExpFixtures.PerturbedHorner(d, seed: (ulong)d);
            var lm = new LevenbergMarquardtFitter().Fit(p, Samples);
            var mm = new MinimaxFitter(refinement).Fit(p, Samples);
            output.WriteLine($"degree {d}: LM {lm.MaxError:E4}, {refinement} {mm.MaxError:E4}");
            // The least-squares fit is typically 3-5% above the minimax on these; refinement closes most of it.
            Assert.True(mm.MaxError < 0.99 * lm.MaxError, $"degree {d}: {mm.MaxError:E6} vs LM {lm.MaxError:E6}");
        }
    }

    [Fact]
    public void Minimax_refinement_also_works_on_a_nonlinear_dag()
    {
        var p = ExpFixtures.RationalTail();
        var lm = new LevenbergMarquardtFitter().Fit(p, Samples);
        var mm = new MinimaxFitter().Fit(p, Samples);
        output.WriteLine($"LM {lm.MaxError:E4}, LM+Remez {mm.MaxError:E4}: {mm.Program}");
        Assert.True(mm.MaxError < lm.MaxError);
        Assert.True(mm.MaxError < 5e-6);
    }

    [Fact]
    public void CMA_ES_is_deterministic_for_a_seed()
    {
        var p = ExpFixtures.PerturbedHorner(3);
        var budget = new FitBudget { MaxEvaluations = 1500 };
        var a = new CmaEsFitter(seed: 42).Fit(p, Samples, budget);
        var b = new CmaEsFitter(seed: 42).Fit(p, Samples, budget);
        var c = new CmaEsFitter(seed: 43).Fit(p, Samples, budget);
        Assert.True(a.Program.StructurallyEquals(b.Program));
        Assert.Equal(a.MaxError, b.MaxError);
        Assert.False(a.Program.StructurallyEquals(c.Program));
        // and it does optimize
        double start = new LevenbergMarquardtFitter().Fit(p, Samples, new FitBudget { MaxIterations = 0 }).MaxError;
        Assert.True(a.MaxError < 0.2 * start, $"{a.MaxError:E4} from {start:E4}");
    }

    [Fact]
    public void Programs_without_constants_are_returned_unchanged()
    {
        var b = new ProgramBuilder();
        int x = b.Input();
        var p = b.Build(b.Add(x, b.Mul(x, x))); // x + x^2
        foreach (var f in Fitters())
        {
            var r = f.Fit(p, Samples);
            Assert.Same(p, r.Program);
            Assert.True(r.MaxError > 0 && double.IsFinite(r.MaxError));
        }
    }

    [Fact]
    public void Pole_on_a_sample_point_returns_the_input_with_infinite_error()
    {
        // 1/(x + c) with c = 0: division by zero at the sample x = 0.
        var b = new ProgramBuilder();
        int x = b.Input();
        var p = b.Build(b.Div(b.Const(1.0), b.Add(x, b.Const(0.0))));
        foreach (var f in Fitters())
        {
            var r = f.Fit(p, Samples);
            Assert.Same(p, r.Program);
            Assert.Equal(double.PositiveInfinity, r.MaxError);
        }
    }

    [Fact]
    public void Fitting_never_returns_non_finite_constants_or_NaN_errors()
    {
        // Random DAGs with divisions (denominators near 0, poles that steps may cross), and a pole just outside [0,1].
        var rng = new Xoshiro256(11);
        var programs = new List<Program> { ExpFixtures.RationalTail(c3: -1.001), ExpFixtures.RationalTail(c3: 1e-300) };
        while (programs.Count < 40)
        {
            var q = ProgramGenerator.Random(ref rng, 10, allowFma: true);
            if (q.Constants.Length > 0) programs.Add(q);
        }
        var budget = new FitBudget { MaxEvaluations = 400, MaxIterations = 20 };
        foreach (var f in Fitters())
        foreach (var p in programs)
        {
            var r = f.Fit(p, Samples, budget);
            Assert.False(double.IsNaN(r.MaxError), $"{f.Name}: NaN error for {p}");
            foreach (double c in r.Program.Constants) Assert.True(double.IsFinite(c), $"{f.Name}: constant {c} for {p}");
            Assert.True(r.Program.TryValidate(out var err), err);
            // A fit never makes a program worse than it came in.
            var before = new LevenbergMarquardtFitter().Fit(p, Samples, new FitBudget { MaxIterations = 0 }).MaxError;
            Assert.True(r.MaxError <= before || double.IsNaN(before), $"{f.Name}: {r.MaxError} > {before}");
        }
    }

    [Fact]
    public void Jacobian_matches_central_differences()
    {
        var rng = new Xoshiro256(5);
        var ws = new FitWorkspace();
        var data = FitData.From(Samples);
        int checkedPrograms = 0;
        while (checkedPrograms < 25)
        {
            var p = ProgramGenerator.Random(ref rng, 12, allowFma: true);
            var theta = ws.Bind(p, data, FitPrecision.Double);
            int k = ws.K, n = ws.N;
            if (k == 0) continue;
            var r0 = new double[n];
            if (!double.IsFinite(ws.Residuals(theta, r0)) || r0.Any(v => Math.Abs(v) > 1e6)) continue;
            checkedPrograms++;
            var jac = new double[k * n];
            ws.Jacobian(theta, data.X, data.ErrorScale, jac);
            var rp = new double[n]; var rm = new double[n];
            for (int q = 0; q < k; q++)
            {
                var t = (double[])theta.Clone();
                double h = 1e-6 * Math.Max(1, Math.Abs(theta[q]));
                t[q] = theta[q] + h; ws.Residuals(t, rp);
                t[q] = theta[q] - h; ws.Residuals(t, rm);
                for (int i = 1; i < n; i += 17) // not x = 0: random DAGs may divide by x there
                {
                    double fd = (rp[i] - rm[i]) / (2 * h);
                    // Tolerance: truncation (relative) plus the cancellation noise of the difference quotient.
                    double allowed = 1e-4 * (Math.Abs(fd) + Math.Abs(jac[q * n + i])) + 1e-14 * (Math.Abs(rp[i]) + Math.Abs(rm[i]) + 1) / h;
                    Assert.True(Math.Abs(fd - jac[q * n + i]) < allowed, $"param {q} point {i}: fd {fd} vs {jac[q * n + i]} for {p}");
                }
            }
        }
    }

    [Fact]
    public void Switches_to_double_double_only_when_double_rounding_would_show()
    {
        var low = new MinimaxFitter().Fit(ExpFixtures.PerturbedHorner(4), Samples);
        Assert.False(low.UsedDoubleDouble);
        // Degree 10 reaches ~1.2e-14: double rounding (~1e-16 per op, ~10 ops) is no longer 100x below.
        var mm = ExpFixtures.Remez(10);
        var high = new MinimaxFitter().Fit(ExpFixtures.PerturbedHorner(10), Samples);
        output.WriteLine($"degree 10: {high.MaxError:E4} (double-double {high.UsedDoubleDouble}), Remez {mm.MaxError:E4}");
        Assert.True(high.UsedDoubleDouble);
        Assert.True(high.MaxError < 1.02 * mm.MaxError, $"{high.MaxError:E6} vs {mm.MaxError:E6}");
    }

    [Fact]
    public void Budget_limits_are_respected()
    {
        var p = ExpFixtures.PerturbedHorner(5);
        var r = new CmaEsFitter().Fit(p, Samples, new FitBudget { MaxEvaluations = 200 });
        Assert.True(r.Evaluations <= 200 + 3, $"{r.Evaluations}");
        var target = new MinimaxFitter().Fit(p, Samples, new FitBudget { TargetError = 1e-3 });
        Assert.True(target.MaxError <= 1e-3);
        Assert.True(target.Evaluations < new MinimaxFitter().Fit(p, Samples).Evaluations);
    }

    private static IConstantFitter[] Fitters() =>
        [new LevenbergMarquardtFitter(), new MinimaxFitter(MinimaxRefinement.Lawson), new MinimaxFitter(), new MinimaxFitter(MinimaxRefinement.LiftedRemez), new CmaEsFitter()];
}
