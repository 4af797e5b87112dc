using AutoNumerics.Oracles.Reference;
using static AutoNumerics.Oracles.Tests.Mpfr.MpfrTestUtil;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class UlpErrorTests
{
    private static double U(MathFunction f, float x, float y) => Float32Oracle.UlpError(f, x, y);

    [Fact]
    public void CorrectlyRoundedIsAtMostHalfNeighboursAreBetweenHalfAndOneAndAHalf()
    {
        var rng = new Random(3);
        foreach (var f in Enum.GetValues<MathFunction>())
        {
            for (int i = 0; i < 300; i++)
            {
                float x = (float)(rng.NextDouble() * 4 + 0.01) * (f is MathFunction.Log or MathFunction.Log2 or MathFunction.Log10
                    or MathFunction.Sqrt or MathFunction.Log1p ? 1 : (rng.Next(2) * 2 - 1));
                float r = Float32Oracle.RoundToFloat32(f, x);
                double e = U(f, x, r);
                Assert.InRange(e, 0.0, 0.5);
                Assert.True(Float32Oracle.IsCorrectlyRounded(f, x, r));
                foreach (float n in new[] { MathF.BitIncrement(r), MathF.BitDecrement(r) })
                {
                    if (r == 0) continue;
                    Assert.False(Float32Oracle.IsCorrectlyRounded(f, x, n));
                    double en = U(f, x, n);
                    // Crossing outward from a power of two r into the next binade the step is 2 ulp(v).
                    bool outward = Math.Abs(n) > Math.Abs(r) && (BitConverter.SingleToInt32Bits(r) & 0x7FFFFF) == 0;
                    Assert.True(en > 0.5 && en <= (outward ? 2.5 : 1.5), $"{f}({x:R}): neighbour error {en}");
                }
            }
        }
    }

    [Fact]
    public void UlpAtPowersOfTwoUsesTheBinadeOfTheExactValue()
    {
        // v = exp2(1) = 2 exactly: ulp(v) = 2^-22 (binade [2,4)).
        Assert.Equal(0.0, U(MathFunction.Exp2, 1f, 2f));
        Assert.Equal(0.5, U(MathFunction.Exp2, 1f, MathF.BitDecrement(2f))); // 2^-23 / 2^-22
        Assert.Equal(1.0, U(MathFunction.Exp2, 1f, MathF.BitIncrement(2f)));

        // v just below 2 (binade [1,2), ulp 2^-23) versus just above 2 (ulp 2^-22).
        float below = MathF.BitDecrement(1f), above = MathF.BitIncrement(1f);
        double vb = Math.Pow(2, below), va = Math.Pow(2, above);
        Assert.Equal((2 - vb) / Math.Pow(2, -23), U(MathFunction.Exp2, below, 2f), 1e-7);          // ~0.693
        Assert.Equal(1 - (2 - vb) / Math.Pow(2, -23), U(MathFunction.Exp2, below, MathF.BitDecrement(2f)), 1e-7); // ~0.307
        Assert.Equal(1 - (va - 2) / Math.Pow(2, -22), U(MathFunction.Exp2, above, MathF.BitIncrement(2f)), 1e-7); // ~0.307
        Assert.Equal((va - 2) / Math.Pow(2, -22), U(MathFunction.Exp2, above, 2f), 1e-7);           // ~0.693
        Assert.True(U(MathFunction.Exp2, below, 2f) > 0.5 && U(MathFunction.Exp2, below, 2f) < 1);

        // Subnormal and zero values: ulp = 2^-149 up to 2^-126, including v = 0.
        Assert.Equal(1.0, U(MathFunction.Sin, 0f, float.Epsilon));
        Assert.Equal(3.0, U(MathFunction.Sin, 0f, -3 * float.Epsilon));
        Assert.Equal(0.0, U(MathFunction.Sin, 0f, -0f));
        Assert.Equal(1.0, U(MathFunction.Exp2, -140f, MathF.BitIncrement(MathF.ScaleB(1f, -140))));
        Assert.Equal(1.0, U(MathFunction.Exp2, -126f, MathF.BitIncrement(MathF.ScaleB(1f, -126)))); // e = -126: 2^-149
        Assert.Equal(1.0, U(MathFunction.Exp2, -125f, MathF.BitIncrement(MathF.ScaleB(1f, -125)))); // 2^-148
        Assert.Equal(512.0, U(MathFunction.Exp2, -140f, 0f)); // |v| / 2^-149 for y = 0
        // An underflowing exact value below the smallest subnormal: 2^-150 against 0 is half an ulp.
        Assert.Equal(0.5, U(MathFunction.Exp2, -150f, 0f));
        Assert.Equal(0.5, U(MathFunction.Exp2, -150f, float.Epsilon));
    }

    [Fact]
    public void NaNAndInfinityConventions()
    {
        Assert.Equal(0.0, U(MathFunction.Log, -1f, float.NaN));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Log, -1f, 0f));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Sqrt, -1f, float.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Exp, 1f, float.NaN));

        // Exact infinities (poles, f(+-inf)): only the same infinity is right.
        Assert.Equal(0.0, U(MathFunction.Log, 0f, float.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Log, 0f, float.MinValue));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Log, 0f, float.PositiveInfinity));
        Assert.Equal(0.0, U(MathFunction.Exp, float.PositiveInfinity, float.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Exp, float.PositiveInfinity, float.MaxValue));
        Assert.Equal(0.0, U(MathFunction.Sinh, float.NegativeInfinity, float.NegativeInfinity));

        // Finite v that overflows binary32: +inf is the correct rounding, so 0; FLT_MAX is ~ (v - FLT_MAX)/ulp.
        Assert.Equal(0.0, U(MathFunction.Exp, 100f, float.PositiveInfinity));
        Assert.Equal(0.0, U(MathFunction.Exp, 3e38f, float.PositiveInfinity));     // v = e^(3e38) overflows even MPFR's widest range
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Exp, 3e38f, float.MaxValue));
        Assert.Equal(double.PositiveInfinity, U(MathFunction.Exp, 3e38f, float.NaN));
        double e100 = U(MathFunction.Exp, 100f, float.MaxValue);
        Assert.Equal((Math.Exp(100) - float.MaxValue) / Math.Pow(2, 144 - 23), e100, e100 * 1e-12);

        // y = +inf while the correctly rounded value is finite: y counts as 2^128.
        float x = F(0x42B17217); // exp(x) = 3.4027985e38 < FLT_MAX
        double expected = (Math.Pow(2, 128) - Math.Exp((double)x)) / Math.Pow(2, 104);
        Assert.Equal(expected, U(MathFunction.Exp, x, float.PositiveInfinity), 1e-6);
        Assert.Equal((Math.Pow(2, 128) - Math.E) / Math.Pow(2, -22), U(MathFunction.Exp, 1f, float.PositiveInfinity), 1e30);
        Assert.Equal((Math.Pow(2, 128) + Math.E) / Math.Pow(2, -22), U(MathFunction.Exp, 1f, float.NegativeInfinity), 1e30);
        Assert.True(double.IsFinite(U(MathFunction.Exp, 1f, float.PositiveInfinity)));
        // NaN y against a finite value, and the IsCorrectlyRounded conventions.
        Assert.True(Float32Oracle.IsCorrectlyRounded(MathFunction.Log, -1f, float.NaN));
        Assert.False(Float32Oracle.IsCorrectlyRounded(MathFunction.Sin, -0f, 0f)); // sign of zero counts
        Assert.True(Float32Oracle.IsCorrectlyRounded(MathFunction.Sin, -0f, -0f));
    }

    [Fact]
    public void GlibcExpfStaysWithinItsPublishedBound()
    {
        // glibc documents expf at 0.502 ULP; .NET's MathF.Exp calls the C library on Linux.
        var rng = new Random(11);
        double max = 0;
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)(rng.NextDouble() * 192 - 103.9);
            double e = U(MathFunction.Exp, x, MathF.Exp(x));
            Assert.True(e <= 0.502, $"expf({x:R}) error {e}");
            max = Math.Max(max, e);
        }
        Assert.True(max > 0.45, $"max {max}");
    }

    [Fact]
    public void GlibcLogfStaysWithinItsPublishedBound()
    {
        // glibc documents logf at 0.818 ULP. Half the samples near 1, where the error peaks.
        var rng = new Random(12);
        double max = 0;
        for (int i = 0; i < 200_000; i++)
        {
            float x = i % 2 == 0 ? (float)(0.5 + rng.NextDouble() * 1.5) : F((uint)rng.Next(1, 0x7F800000));
            double e = U(MathFunction.Log, x, MathF.Log(x));
            Assert.True(e <= 0.818, $"logf({x:R}) error {e}");
            max = Math.Max(max, e);
        }
        Assert.True(max > 0.5, $"max {max}");
    }
}
