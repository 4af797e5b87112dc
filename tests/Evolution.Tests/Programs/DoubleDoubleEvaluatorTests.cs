using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class DoubleDoubleEvaluatorTests
{
    private static readonly SimdWidth[] Widths = [SimdWidth.Scalar, SimdWidth.V128, SimdWidth.V256, SimdWidth.V512];

    [Fact]
    public void Vector_widths_agree_bit_for_bit_with_the_scalar_interpreter()
    {
        var evaluators = Widths.Select(w => new Evaluator(w)).ToArray();
        Gen.Select(ProgramGens.Program(), Gen.Double[-2, 2].Array[1, 21]).Sample((p, xs) =>
        {
            foreach (var ev in evaluators)
            {
                ev.SetPoints(xs);
                var r = ev.EvaluateDoubleDouble(p);
                for (int i = 0; i < xs.Length; i++)
                {
                    var (h, l) = Interpreter.EvaluateDoubleDouble(p, xs[i]);
                    Assert.True(ProgramGens.SameBits(h, r.Hi[i]) && ProgramGens.SameBits(l, r.Lo[i]), $"{ev.Width} point {i}");
                }
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Error_against_MPFR_stays_within_the_propagated_bound()
    {
        // Any program, any sign: the error is bounded by the operand errors propagated through the DAG plus
        // at most 16 u^2 relative per op (tight bounds are 3, 4, 15 u^2 for +, *, /).
        var ev = new Evaluator();
        int checkedCount = 0;
        Gen.Select(ProgramGens.Program(maxOps: 12), Gen.Double[-2, 2].Array[1, 8]).Sample((p, xs) =>
        {
            ev.SetPoints(xs);
            var r = ev.EvaluateDoubleDouble(p);
            for (int i = 0; i < xs.Length; i++)
            {
                if (!ProgramGens.MpfrReference(p, xs[i], out _, out double bound, out var exact)) continue;
                using (exact)
                {
                    double err = ProgramGens.DoubleDoubleError(r.Hi[i], r.Lo[i], exact);
                    Assert.True(err <= 2 * bound + 1e-300, $"error {err:R} > bound {bound:R} at x={xs[i]:R} for {p}");
                    checkedCount++;
                }
            }
        }, iter: 300, threads: 1);
        Assert.True(checkedCount > 500, $"only {checkedCount} points checked");
    }

    [Fact]
    public void Well_conditioned_programs_are_accurate_to_1e_minus_28_relative()
    {
        // No subtraction, positive constants and x: no cancellation, so the relative error is ~ops * 4u^2 ~ 1e-30.
        var ev = new Evaluator();
        Gen.Select(ProgramGens.Program(fma: true, div: true, sub: false, positiveConstants: true, maxOps: 16),
            Gen.Double[0.25, 2].Array[1, 8]).Sample((p, xs) =>
        {
            ev.SetPoints(xs);
            var r = ev.EvaluateDoubleDouble(p);
            for (int i = 0; i < xs.Length; i++)
            {
                if (!ProgramGens.MpfrReference(p, xs[i], out double exactD, out _, out var exact)) continue;
                using (exact)
                {
                    double rel = ProgramGens.DoubleDoubleError(r.Hi[i], r.Lo[i], exact) / Math.Abs(exactD);
                    Assert.True(rel <= 1e-28, $"relative error {rel:R} at x={xs[i]:R} for {p}");
                }
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Double_double_beats_double_on_a_cancelling_polynomial()
    {
        // (x - 1)^5 expanded: catastrophic cancellation near x = 1 in double, fine in double-double.
        var p = ProgramBuilder.Horner([-1, 5, -10, 10, -5, 1]);
        var ev = new Evaluator();
        double x = 1.0009765625; // 1 + 2^-10: exact result 2^-50
        ev.SetPoints([x]);
        var dd = ev.EvaluateDoubleDouble(p);
        // Every intermediate fits in 106 bits, so double-double is exact here.
        Assert.Equal(Math.ScaleB(1, -50), dd.Hi[0]);
        Assert.Equal(0.0, dd.Lo[0]);
    }
}

public class DoubleDoubleSpecialValueTests
{
    private const string PoleAtZero =
        "t1 = 12.578005546018142 / x; t2 = x + t1; t3 = t2 + -6.252305270295322; t4 = -12.587279729944015 / t3; t5 = 0.9999731534133118 - t4; return t5";

    [Fact]
    public void An_infinite_intermediate_gives_the_IEEE_result_not_NaN()
    {
        // 12.58/0 = +inf, -12.59/inf = -0, so the output is exactly the constant, as in binary64.
        var p = ProgramText.Parse(PoleAtZero);
        var (hi, lo) = Interpreter.EvaluateDoubleDouble(p, 0.0);
        Assert.Equal(0.9999731534133118, hi);
        Assert.Equal(0.0, lo);
        Span<double> values = stackalloc double[p.Length];
        Interpreter.Evaluate(p, 0.0, values);
        Assert.Equal(values[p.Output], hi);
    }

    [Theory]
    [InlineData(SimdWidth.Scalar)]
    [InlineData(SimdWidth.V128)]
    [InlineData(SimdWidth.V256)]
    [InlineData(SimdWidth.V512)]
    public void Every_SIMD_width_applies_the_IEEE_rule_as_the_interpreter_does(SimdWidth width)
    {
        var p = ProgramText.Parse(PoleAtZero);
        double[] xs = [0.0, 1e-310, 0.25, 0.5, 1.0, 0.0, 0.75];
        var ev = new Evaluator(width);
        ev.SetPoints(xs);
        var r = ev.EvaluateDoubleDouble(p);
        for (int i = 0; i < xs.Length; i++)
        {
            var (h, l) = Interpreter.EvaluateDoubleDouble(p, xs[i]);
            Assert.True(double.IsFinite(r.Hi[i]), $"point {i}");
            Assert.Equal(h, r.Hi[i]);
            Assert.Equal(l, r.Lo[i]);
        }
        // A genuine NaN stays NaN (0/0).
        ev.SetPoints([0.0, 1.0]);
        var q = ev.EvaluateDoubleDouble(ProgramText.Parse("t1 = x / x; return t1"));
        Assert.True(double.IsNaN(q.Hi[0]));
        Assert.Equal(1.0, q.Hi[1]);
    }
}
