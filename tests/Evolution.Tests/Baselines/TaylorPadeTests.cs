using System.Globalization;
using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Targets;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Baselines;

public class TaylorPadeTests(ITestOutputHelper output)
{
    private const MpfrRounding N = MpfrRounding.Nearest;

    private static double RelDiff(MpfrValue a, MpfrValue exact)
    {
        using var d = new MpfrValue(256);
        d.Sub(a, exact, N);
        d.Div(d, exact, N);
        return Math.Abs(d.ToDouble(N));
    }

    [Fact]
    public void TaylorCoefficientsMatchClosedForms()
    {
        using var e = new MpfrValue(256);
        using var x = new MpfrValue(256, 0.5);
        using var exact = new MpfrValue(256);
        // exp at 1/2: a_k = e^(1/2) / k!
        var a = TaylorPade.TaylorCoefficients(MathFunction.Exp, 0.5, 20);
        MpfrFunctions.Evaluate(MathFunction.Exp, e, x, N);
        exact.Set(e, N);
        for (int k = 0; k <= 20; k++)
        {
            if (k > 0) { using var kk = new MpfrValue(64, k); exact.Div(exact, kk, N); }
            Assert.True(RelDiff(a[k], exact) < 1e-60, $"exp a_{k}");
        }
        // log at 3/2: a_0 = log 1.5, a_k = (-1)^(k+1) / (k 1.5^k)
        var l = TaylorPade.TaylorCoefficients(MathFunction.Log, 1.5, 15);
        using var c = new MpfrValue(256, 1.5);
        for (int k = 1; k <= 15; k++)
        {
            exact.Set(1L, N);
            for (int i = 0; i < k; i++) exact.Div(exact, c, N);
            using var kk = new MpfrValue(64, k);
            exact.Div(exact, kk, N);
            if (k % 2 == 0) exact.Neg(exact, N);
            Assert.True(RelDiff(l[k], exact) < 1e-60, $"log a_{k}");
        }
        foreach (var v in a.Concat(l)) v.Dispose();
    }

    [Fact]
    public void PadeOfExpAtZeroHasTheClosedForm()
    {
        // On [-1, 1] the midpoint is 0. [1/1] = (1 + x/2)/(1 - x/2) = (-x - 2)/(x - 2) with the denominator monic;
        // [2/2] = (x^2 + 6x + 12)/(x^2 - 6x + 12).
        var t = TargetFunction.Create("exp", -1, 1);
        var v = new DenseVerifier(t, 2001);
        var p11 = BaselineSuite.Pade(t, 1, 1, v)!;
        Assert.Equal(new[] { -2.0, -1.0 }, p11.Numerator);
        Assert.Equal(new[] { -2.0, 1.0 }, p11.Denominator);
        Assert.Equal("t1 = x * -1; t2 = t1 - 2; t3 = x - 2; t4 = t2 / t3; return t4", p11.Program);
        Assert.Equal(4, p11.Cost);
        var p22 = BaselineSuite.Pade(t, 2, 2, v)!;
        Assert.Equal(new[] { 12.0, 6.0, 1.0 }, p22.Numerator);
        Assert.Equal(new[] { 12.0, -6.0, 1.0 }, p22.Denominator);
        // Both monic: the numerator's Horner also saves its first multiplication (7 ops, not 2m + 2n = 8).
        Assert.Equal(7, p22.Cost);
        Assert.Equal("t1 = x + 6; t2 = t1 * x; t3 = t2 + 12; t4 = x - 6; t5 = t4 * x; t6 = t5 + 12; t7 = t3 / t6; return t7", p22.Program);
        // At x = 1 the [2/2] value is 19/7, |19/(7e) - 1| = 1.47e-3; the maximum over [-1, 1] is about that.
        Assert.InRange(p22.MaxError, 1e-3, 5e-3);
        // Taylor at 0 = sum x^k / k!.
        var tay = BaselineSuite.Taylor(t, 3, v);
        Assert.Equal(new[] { 1.0, 1.0, 0.5, 1.0 / 6 }, tay.Numerator);
        Assert.Equal(6, tay.Cost);
        // Its worst point is x = -1, where it gives 1/3 instead of 1/e.
        Assert.Equal(Math.Abs(Math.E / 3 - 1), tay.MaxError, 1e-12);
        Assert.Equal(-1.0, tay.WorstX);
    }

    [Fact]
    public void ProgramTextEvaluatesToTheBaselineAndCostsWhatTheModelSays()
    {
        var t = TargetFunction.Create("exp", 0, 1);
        var v = new DenseVerifier(t, 2001);
        var all = new List<Baseline> { BaselineSuite.Minimax(t, 5, v), BaselineSuite.Taylor(t, 4, v) };
        for (int m = 0; m <= 3; m++)
            for (int n = 1; n <= 3; n++)
                all.Add(BaselineSuite.Pade(t, m, n, v)!);
        foreach (var b in all)
        {
            int expected = b.DenominatorDegree == 0 ? CostModel.Horner(b.NumeratorDegree) : CostModel.Rational(b.NumeratorDegree, b.DenominatorDegree);
            Assert.Equal(expected, b.Cost);
            Assert.Equal(expected, ProgramTextReader.CountOps(b.Program));
            foreach (double x in new[] { 0.0, 0.1, 0.5, 0.7, 1.0 })
                Assert.Equal(b.Evaluate(x), ProgramTextReader.Evaluate(b.Program, x)); // bit for bit, in double-double
        }
        Assert.Equal("return 1.5", StraightLineProgram.Polynomial([1.5]));
        Assert.Equal("t1 = x * 0.1; t2 = t1 * x; t3 = t2 + 1E-300; return t3", StraightLineProgram.Polynomial([1e-300, 0, 0.1]));
    }

    [Fact]
    public void SuiteCoversEveryCostAndMinimaxWinsAmongPolynomials()
    {
        var t = TargetFunction.Create("exp", 0, 1);
        var all = BaselineSuite.All(t, 12);
        var best = BaselineSuite.BestPerCost(all);
        output.WriteLine("cost\tmethod\terror\tprogram");
        foreach (var b in best) output.WriteLine($"{b.Cost}\t{b.Label}\t{b.MaxError:E3}\t{b.Program}");
        for (int cost = 0; cost <= 12; cost += 2)
        {
            var mm = best.Single(b => b.Method == "minimax" && b.Cost == cost);
            var ty = best.Single(b => b.Method == "taylor" && b.Cost == cost);
            Assert.True(mm.MaxError <= ty.MaxError, $"cost {cost}: minimax {mm.MaxError} > taylor {ty.MaxError}");
            if (cost >= 2) Assert.Contains(best, b => b.Method == "pade" && b.Cost == cost);
        }
        // Every Padé split of cost <= 12 exists: (m, n) with n >= 1 and 2m + 2n <= 12 is 21 pairs.
        Assert.Equal(21, all.Count(b => b.Method == "pade"));
        Assert.All(all, b => Assert.True(b.MaxError > 0 && b.MaxError < 1, b.Label));
    }
}

/// <summary>
/// An independent reader of the straight-line program format (as any tool would read pareto.csv), evaluating in
/// double-double with literals parsed as binary64.
/// </summary>
internal static class ProgramTextReader
{
    public static int CountOps(string program) => program.Split("; ").Count(s => s.Contains(" = "));

    public static DoubleDouble Evaluate(string program, double x)
    {
        var env = new Dictionary<string, DoubleDouble> { ["x"] = x };
        DoubleDouble Operand(string s) => env.TryGetValue(s, out var v) ? v : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        foreach (var stmt in program.Split("; "))
        {
            if (stmt.StartsWith("return ")) return Operand(stmt["return ".Length..]);
            var parts = stmt.Split(' ');
            Assert.Equal(5, parts.Length);
            Assert.Equal("=", parts[1]);
            DoubleDouble a = Operand(parts[2]), b = Operand(parts[4]);
            env[parts[0]] = parts[3] switch
            {
                "+" => b.Lo == 0 ? a + b.Hi : a + b,
                "-" => b.Lo == 0 ? a - b.Hi : a - b,
                "*" => b.Lo == 0 ? a * b.Hi : a * b,
                "/" => a / b,
                _ => throw new FormatException(stmt),
            };
        }
        throw new FormatException("no return");
    }
}
