using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Verification;

/// <summary>The vectorized e^x and 2^x references against MPFR on dense random samples of their whole range, held
/// to 2^-48 relative: 16 times tighter than the bound the verifier assumes (2^-44), which is the margin claimed.</summary>
public class VectorExpTests
{
    [Theory]
    [InlineData(MathFunction.Exp, -745f, 709f)]
    [InlineData(MathFunction.Exp2, -1074f, 1023f)]
    [InlineData(MathFunction.Exp, -1f, 1f)]
    [InlineData(MathFunction.Exp2, -1f, 1f)]
    public void BlockReferenceIsWithin2ToMinus48(MathFunction f, float lo, float hi)
    {
        var rng = new Random(5);
        int a = FloatBits.ToOrdered(lo), b = FloatBits.ToOrdered(hi);
        // Uniform in value and uniform in bit order: large arguments and tiny ones both get their share.
        var x = Enumerable.Range(0, 20_000)
            .Select(i => i % 2 == 0 ? (float)(lo + (hi - lo) * rng.NextDouble()) : FloatBits.FromOrdered(rng.Next(a, b)))
            .ToArray();
        var block = new ReferenceValue[x.Length];
        FastReference.Evaluate(f, x, block);

        using var _ = ExponentRange.Widest();
        using var xv = new MpfrValue(24);
        using var exact = new MpfrValue(200);
        using var approx = new MpfrValue(200);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            xv.Set(x[i], MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(f, exact, xv, MpfrRounding.Nearest);
            approx.Set(block[i].Base, MpfrRounding.Nearest);
            using var delta = new MpfrValue(64, block[i].Delta);
            approx.Add(approx, delta, MpfrRounding.Nearest);
            if (exact.ToDouble(MpfrRounding.Nearest) < 1e-300) continue; // binary64 subnormal results: absolute bound
            approx.Sub(approx, exact, MpfrRounding.Nearest);
            approx.Div(approx, exact, MpfrRounding.Nearest);
            worst = Math.Max(worst, Math.Abs(approx.ToDouble(MpfrRounding.Nearest)));
        }
        Assert.True(worst <= Math.ScaleB(1.0, -48), $"{f}: worst relative error {worst:E3} > 2^-48");
        Assert.True(worst > 0, "compared against something"); // the reference is not MPFR itself
    }
}
