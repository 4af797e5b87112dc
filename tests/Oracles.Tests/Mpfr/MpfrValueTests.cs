using AutoNumerics.Oracles.Mpfr;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class MpfrValueTests
{
    [Fact]
    public void PrecisionIsWhatWasAskedAndDisposeReleases()
    {
        var v = new MpfrValue(113);
        Assert.Equal(113, v.Precision);
        Assert.True(v.IsNaN); // mpfr_init2 leaves NaN
        v.SetPrecision(7);
        Assert.Equal(7, v.Precision);
        v.Dispose();
        Assert.True(v.IsClosed);
        v.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => v.Precision);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MpfrValue(0));
    }

    [Fact]
    public void ManyValuesCanBeCreatedAndFreed()
    {
        for (int i = 0; i < 10_000; i++)
        {
            using var v = new MpfrValue(64 + i % 500);
            v.Set((long)i, MpfrRounding.Nearest);
            Assert.Equal(i, v.ToDouble(MpfrRounding.Nearest));
        }
    }

    [Fact]
    public void SettersRoundWithExplicitModeAndReportTernary()
    {
        using var v = new MpfrValue(8);
        Assert.Equal(0, v.Set(1.5, MpfrRounding.Nearest));
        // 257 needs 9 bits: below/above depending on the direction.
        Assert.True(v.Set(257L, MpfrRounding.Down) < 0);
        Assert.Equal(256.0, v.ToDouble(MpfrRounding.Nearest));
        Assert.True(v.Set(257L, MpfrRounding.Up) > 0);
        Assert.Equal(258.0, v.ToDouble(MpfrRounding.Nearest));
        Assert.True(v.Set(-257L, MpfrRounding.TowardZero) > 0);
        Assert.Equal(-256.0, v.ToDouble(MpfrRounding.Nearest));
        Assert.True(v.Set(-257L, MpfrRounding.AwayFromZero) < 0);
        Assert.Equal(-258.0, v.ToDouble(MpfrRounding.Nearest));

        using var w = new MpfrValue(53);
        Assert.NotEqual(0, w.Set("0.1", MpfrRounding.Nearest));
        Assert.Equal(0.1, w.ToDouble(MpfrRounding.Nearest));
        Assert.Equal(0, w.Set("-2.5e-3", MpfrRounding.Nearest) & 0); // parses
        Assert.Equal(-0.0025, w.ToDouble(MpfrRounding.Nearest));
        Assert.Throws<FormatException>(() => w.Set("1.5x", MpfrRounding.Nearest));
        Assert.Throws<FormatException>(() => w.Set("", MpfrRounding.Nearest));

        Assert.Equal(0, w.Set(1.25f, MpfrRounding.Nearest));
        Assert.Equal(1.25f, w.ToSingle(MpfrRounding.Nearest));
        w.Set(1.0 / 3.0, MpfrRounding.Nearest);
        Assert.Equal(0.33333334f, w.ToSingle(MpfrRounding.Nearest));
        Assert.Equal(0.3333333f, w.ToSingle(MpfrRounding.Down));
    }

    [Fact]
    public void ArithmeticClassificationAndExponent()
    {
        using var a = new MpfrValue(100, 3.0);
        using var b = new MpfrValue(100, 4.0);
        using var r = new MpfrValue(100);
        r.Mul(a, a, MpfrRounding.Nearest);
        var t = new MpfrValue(100);
        t.Mul(b, b, MpfrRounding.Nearest);
        r.Add(r, t, MpfrRounding.Nearest);
        r.Sqrt(r, MpfrRounding.Nearest);
        Assert.Equal(5.0, r.ToDouble(MpfrRounding.Nearest));
        Assert.Equal(3, r.Exponent); // 5 = 0.625 * 2^3
        r.Sub(a, b, MpfrRounding.Nearest);
        Assert.Equal(-1, r.Sign);
        Assert.True(r.IsNegative);
        r.Abs(r, MpfrRounding.Nearest);
        Assert.Equal(1, r.Sign);
        Assert.Equal(0, r.Div(a, b, MpfrRounding.Nearest));
        Assert.Equal(0.75, r.ToDouble(MpfrRounding.Nearest));
        Assert.NotEqual(0, r.Div(b, a, MpfrRounding.Nearest)); // 4/3 inexact
        Assert.Equal(-1, MpfrValue.Compare(a, b));
        r.Neg(b, MpfrRounding.Nearest);
        Assert.Equal(1, MpfrValue.CompareAbs(r, a));
        r.MulPow2(a, -10, MpfrRounding.Nearest);
        Assert.Equal(3.0 / 1024, r.ToDouble(MpfrRounding.Nearest));

        r.SetZero(-1);
        Assert.True(r.IsZero && r.IsNegative && r.Sign == 0);
        Assert.Throws<InvalidOperationException>(() => r.Exponent);
        r.SetInfinity(1);
        Assert.True(r.IsInfinity && !r.IsFinite);
        r.SetNaN();
        Assert.True(r.IsNaN);
        t.Dispose();
    }

    [Fact]
    public void ToStringRendersDecimalDigits()
    {
        using var v = new MpfrValue(200);
        v.Set("3.14159265358979", MpfrRounding.Nearest);
        Assert.Equal("3.1416", v.ToString(5));
        Assert.Equal("3.1415", v.ToString(5, MpfrRounding.TowardZero));
        Assert.Equal("3", v.ToString(1));
        v.Set(-1234.5, MpfrRounding.Nearest);
        Assert.Equal("-1234.5", v.ToString(5));
        Assert.Equal("-1234.50", v.ToString(6));
        v.Set(0.000125, MpfrRounding.Nearest);
        Assert.Equal("0.000125", v.ToString(3));
        v.Set("1e-30", MpfrRounding.Nearest);
        Assert.Equal("1.0000e-30", v.ToString(5));
        v.Set("6.02214076e23", MpfrRounding.Nearest);
        Assert.Equal("6.022e+23", v.ToString(4));
        v.SetZero(-1);
        Assert.Equal("-0", v.ToString(3));
    }

    [Fact]
    public void ExponentRangeScopeRestoresAndIsThreadLocal()
    {
        Assert.True(ExponentRange.IsThreadLocal);
        long min0 = ExponentRange.CurrentMin, max0 = ExponentRange.CurrentMax;
        using (ExponentRange.Binary32())
        {
            Assert.Equal(-148, ExponentRange.CurrentMin);
            Assert.Equal(128, ExponentRange.CurrentMax);
            using (ExponentRange.Widest())
            {
                Assert.Equal(ExponentRange.MinPossible, ExponentRange.CurrentMin);
                Assert.Equal(ExponentRange.MaxPossible, ExponentRange.CurrentMax);
            }
            Assert.Equal(-148, ExponentRange.CurrentMin);

            // Another thread still has MPFR's default range.
            long otherMin = 0;
            var th = new Thread(() => otherMin = ExponentRange.CurrentMin);
            th.Start(); th.Join();
            Assert.Equal(min0, otherMin);
            Assert.NotEqual(-148, otherMin);
        }
        Assert.Equal(min0, ExponentRange.CurrentMin);
        Assert.Equal(max0, ExponentRange.CurrentMax);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExponentRange.Set(ExponentRange.MinPossible - 1, 0));
        Assert.Equal(min0, ExponentRange.CurrentMin);
    }

    [Fact]
    public void Binary32RangeOverflowsAndSubnormalizesLikeIeee()
    {
        using var v = new MpfrValue(24);
        using (ExponentRange.Binary32())
        {
            // 2^-150 is the midpoint between 0 and 2^-149: ties to even gives +0.
            int t = v.SetScaled(1, -150, MpfrRounding.Nearest);
            Assert.True(v.IsZero);
            v.SetScaled(3, -150, MpfrRounding.Nearest); // 1.5 * 2^-149: representable at 24 bits, not as a float
            int s = v.Subnormalize(0, MpfrRounding.Nearest);
            Assert.True(s > 0);
            Assert.Equal(2 * float.Epsilon, v.ToSingle(MpfrRounding.Nearest)); // tie to even: 2 * 2^-149
            v.SetScaled(1, 128, MpfrRounding.Nearest);
            Assert.True(v.IsInfinity);
            _ = t;
        }
    }
}
