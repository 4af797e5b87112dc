using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Fitting;

/// <summary>
/// The lifted-Newton Remez on the sloppy structures it exists for, against optima computed independently: a
/// 60-digit Remez exchange on the coefficients of the same rational family (Python's decimal module,
/// runs/exp-real-structures/symmetric_remez.py), which does not share any code or parametrization with ours.
/// </summary>
public class LiftedRemezTests(ITestOutputHelper output)
{
    /// <summary>(H + x)/(H - x), H = a + b/(s + c + d/(s + e)), s = x^2: a [5/5] rational in 10 operations, the constants
    /// started from the Pade approximant (as runs/exp-real-structures/run.sh does).</summary>
    private static Program Symmetric55(double e, double d, double c, double b, double a) => ProgramText.Parse(
        $"t1 = x * x; t2 = t1 + {e:R}; t3 = {d:R} / t2; t4 = t3 + t1; t5 = t4 + {c:R}; t6 = {b:R} / t5; t7 = t6 + {a:R}; " +
        "t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; return t10").Compact();

    // Independent optima of the symmetric [5/5] family on [0, 1], relative error (symmetric_remez.py).
    private const double Exp2Optimum = 1.7228e-15, ExpOptimum = 9.7083e-14;

    [Theory]
    [InlineData("exp2", Exp2Optimum, 95.36, -8772, 778.8, -27745, 43.28)]
    [InlineData("exp", ExpOptimum, 45.818, -2024.5, 374.18, -9240, 30)]
    public void Reaches_the_optimum_of_the_symmetric_form_with_the_search_budget(string name, double optimum, double e, double d, double c, double b, double a)
    {
        var samples = new TargetSamples(TargetFunction.Create(name, 0, 1), 512);
        var start = Symmetric55(e, d, c, b, a);
        var budget = new FitBudget { MaxIterations = 30, MaxEvaluations = 400 }; // the search's budget
        var linear = new MinimaxFitter(MinimaxRefinement.Remez).Fit(start, samples, budget);
        var lifted = new MinimaxFitter(MinimaxRefinement.LiftedRemez).Fit(start, samples, budget);
        output.WriteLine($"{name}: linearized Remez {linear.MaxError:E3}, lifted {lifted.MaxError:E3}, optimum {optimum:E3}");
        // The samples are a subset of [0, 1], so the sample error of any constants is at most the family's optimum
        // plus what binary64 constants and evaluation cost (a few 1e-16 here).
        Assert.True(lifted.MaxError < optimum * 1.25 + 5e-16, $"lifted {lifted.MaxError:E4} vs optimum {optimum:E4}");
        Assert.True(lifted.MaxError > optimum * 0.9, $"lifted {lifted.MaxError:E4} below the family's optimum {optimum:E4}?");
        Assert.True(linear.MaxError > 5 * lifted.MaxError, $"the linearized Remez is expected to stall here: {linear.MaxError:E4}");
    }

    [Fact]
    public void Squared_symmetric_form_of_exp_goes_below_1e_15_where_the_linearized_Remez_stops_at_3e_14()
    {
        var samples = new TargetSamples(TargetFunction.Create("exp", 0, 1), 512);
        var start = ProgramText.Parse("t1 = x * x; t2 = t1 + 183.27; t3 = -32392 / t2; t4 = t3 + t1; t5 = t4 + 1496.7; t6 = -73920 / t5; " +
            "t7 = t6 + 60; t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9; t11 = t10 * t10; return t11").Compact();
        var budget = new FitBudget { MaxIterations = 200, MaxEvaluations = 20_000 };
        var linear = new MinimaxFitter(MinimaxRefinement.Remez) { Tolerance = 1e-6 }.Fit(start, samples, budget);
        var lifted = new MinimaxFitter(MinimaxRefinement.LiftedRemez) { Tolerance = 1e-6 }.Fit(start, samples, budget);
        output.WriteLine($"linearized {linear.MaxError:E3}, lifted {lifted.MaxError:E3}");
        Assert.True(lifted.MaxError < 1e-15, $"{lifted.MaxError:E4}");
        Assert.True(linear.MaxError > 1e-14, $"{linear.MaxError:E4}");
    }

    [Fact]
    public void Programs_dividing_by_x_fall_back_and_are_never_made_worse()
    {
        // c/x is infinite at the sample x = 0, where a reference point may sit: the lifted unknowns cannot hold it.
        var samples = new TargetSamples(TargetFunction.Create("exp", 0, 1), 512);
        var p = ProgramText.Parse("t1 = 12.5 / x; t2 = x + t1; t3 = -2.1 / t2; t4 = 1.01 + t3; t5 = x * 1.1; t6 = t4 + t5; return t6").Compact();
        var start = new LevenbergMarquardtFitter().Fit(p, samples, new FitBudget { MaxIterations = 0 }).MaxError;
        var r = new MinimaxFitter(MinimaxRefinement.LiftedRemez).Fit(p, samples);
        Assert.True(r.MaxError <= start, $"{r.MaxError} > {start}");
        foreach (double c in r.Program.Constants) Assert.True(double.IsFinite(c));
    }

    [Fact]
    public void Chebyshev_reference_is_distinct_ascending_and_avoids_the_end_points()
    {
        var x = new TargetSamples(TargetFunction.Create("exp", 0, 1), 512).X.ToArray();
        foreach (int m in new[] { 2, 6, 13, 25, 512 })
        {
            var idx = new int[m];
            LiftedRemez.ChebyshevReference(x, idx);
            for (int t = 1; t < m; t++) Assert.True(idx[t] > idx[t - 1], $"m={m}: {string.Join(",", idx)}");
            // On the search's 512 samples the first-kind nodes of up to 25 points never land on an end point.
            if (m <= 25) Assert.True(idx[0] > 0 && idx[^1] < x.Length - 1, $"m={m}: {string.Join(",", idx)}");
        }
    }

    [Fact]
    public void Truncated_SVD_solves_regular_systems_and_gives_the_least_norm_step_on_singular_ones()
    {
        var rng = new Xoshiro256(3);
        var svd = new TruncatedSvdSolver();
        for (int m = 1; m <= 12; m++)
        {
            var a = new double[m * m]; var b = new double[m]; var x = new double[m];
            for (int i = 0; i < a.Length; i++) a[i] = rng.NextGaussian() * Math.Pow(10, rng.NextInt(7) - 3); // badly scaled columns
            for (int i = 0; i < m; i++) b[i] = rng.NextGaussian();
            Assert.True(svd.Solve(a, b, x, m));
            for (int r = 0; r < m; r++)
            {
                double s = 0, scale = 0;
                for (int c = 0; c < m; c++) { s += a[r * m + c] * x[c]; scale += Math.Abs(a[r * m + c] * x[c]); }
                Assert.True(Math.Abs(s - b[r]) <= 1e-10 * (scale + Math.Abs(b[r])), $"m={m} row {r}: {s} vs {b[r]}");
            }
        }
        // Two identical columns (two constants acting only through their sum): x1 + x2 = 2 split evenly, x3 = 3.
        double[] sing = [1, 1, 0, 1, 1, 1, 0, 0, 1];
        var xs = new double[3];
        Assert.True(svd.Solve(sing, [2, 5, 3], xs, 3));
        Assert.Equal(1, xs[0], 12); Assert.Equal(1, xs[1], 12); Assert.Equal(3, xs[2], 12);
    }

    [Fact]
    public void Extended_residuals_carry_the_low_parts_of_the_constants()
    {
        var samples = new TargetSamples(TargetFunction.Create("exp", 0, 1), 64);
        var data = FitData.From(samples);
        var p = ProgramText.Parse("t1 = x * 1.25; t2 = t1 + 0.75; t3 = t2 * x; t4 = t3 + 1; return t4").Compact();
        var ws = new FitWorkspace();
        var theta = ws.Bind(p, data, FitPrecision.DoubleDouble);
        var rDd = new double[64]; var rExt = new double[64];
        double maxDd = ws.Residuals(theta, rDd);
        double maxExt = ws.ResidualsExtended(theta, new double[theta.Length], rExt);
        Assert.Equal(maxDd, maxExt); // same double-double evaluation: the SIMD tape and the scalar interpreter agree bit for bit
        Assert.Equal(rDd, rExt);
        // A low part of 2^-60 on the constant 1 (the last) moves every residual by 2^-60 * scale (relative error).
        var lo = new double[theta.Length];
        lo[^1] = Math.ScaleB(1, -60);
        ws.ResidualsExtended(theta, lo, rExt);
        for (int i = 0; i < 64; i++)
        {
            // The residual is a double: the shift is seen to within its rounding.
            double ulp = Math.BitIncrement(Math.Abs(rDd[i])) - Math.Abs(rDd[i]);
            Assert.Equal(Math.ScaleB(1, -60) * data.ErrorScale[i], rExt[i] - rDd[i], 2 * ulp);
        }
        Assert.Contains(Enumerable.Range(0, 64), i => rExt[i] != rDd[i]);
    }

    [Fact]
    public void Interpreter_low_parts_of_constants_match_double_double_arithmetic()
    {
        var p = ProgramText.Parse("t1 = x * 3; t2 = t1 / 7; t3 = t2 - 0.1; return t3").Compact();
        var lo = new double[p.Constants.Length];
        for (int i = 0; i < lo.Length; i++) lo[i] = p.Constants[i] * 1e-17 * (i + 1);
        Span<double> hi = stackalloc double[p.Length], lw = stackalloc double[p.Length];
        Interpreter.EvaluateDoubleDouble(p.Instructions, p.Constants, 0.3, hi, lw, lo);
        DoubleDouble C(int slot) => new(p.Constants[slot], lo[slot]);
        int s3 = IndexOf(p, 3), s7 = IndexOf(p, 7), s01 = IndexOf(p, 0.1);
        var expected = new DoubleDouble(0.3, 0) * C(s3) / C(s7) - C(s01);
        Assert.Equal(expected.Hi, hi[p.Output]);
        Assert.Equal(expected.Lo, lw[p.Output], 1e-32);
    }

    private static int IndexOf(Program p, double value)
    {
        for (int i = 0; i < p.Constants.Length; i++) if (p.Constants[i] == value) return i;
        throw new InvalidOperationException($"no constant {value}");
    }
}
