using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;
using static AutoNumerics.Oracles.Tests.Mpfr.MpfrTestUtil;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class Float32RoundingTests
{
    private static float R(MathFunction f, float x) => Float32Oracle.RoundToFloat32(f, x);

    private static void AssertBits(float expected, float actual) =>
        Assert.True(Bits(expected) == Bits(actual), $"expected {expected:R} (0x{Bits(expected):X8}), got {actual:R} (0x{Bits(actual):X8})");

    [Fact]
    public void SpecialValuesDomainErrorsPolesAndSignedZeros()
    {
        AssertBits(1f, R(MathFunction.Exp, 0f));
        AssertBits(1f, R(MathFunction.Exp, -0f));
        AssertBits(0f, R(MathFunction.Exp, float.NegativeInfinity));
        AssertBits(float.PositiveInfinity, R(MathFunction.Exp, float.PositiveInfinity));
        Assert.True(float.IsNaN(R(MathFunction.Log, -1f)));
        Assert.True(float.IsNaN(R(MathFunction.Sqrt, -1f)));
        Assert.True(float.IsNaN(R(MathFunction.Log1p, -2f)));
        Assert.True(float.IsNaN(R(MathFunction.Sin, float.PositiveInfinity)));
        Assert.True(float.IsNaN(R(MathFunction.Exp, float.NaN)));
        AssertBits(float.NegativeInfinity, R(MathFunction.Log, 0f));
        AssertBits(float.NegativeInfinity, R(MathFunction.Log, -0f));
        AssertBits(float.NegativeInfinity, R(MathFunction.Log2, 0f));
        AssertBits(float.NegativeInfinity, R(MathFunction.Log1p, -1f));
        AssertBits(0f, R(MathFunction.Log, 1f));
        foreach (var f in new[] { MathFunction.Tanh, MathFunction.Sin, MathFunction.Tan, MathFunction.Sinh, MathFunction.Sqrt,
                                  MathFunction.Expm1, MathFunction.Log1p, MathFunction.Erf, MathFunction.Cbrt })
        {
            AssertBits(-0f, R(f, -0f));
            AssertBits(0f, R(f, 0f));
        }
        AssertBits(1f, R(MathFunction.Tanh, float.PositiveInfinity));
        AssertBits(-1f, R(MathFunction.Tanh, float.NegativeInfinity));
        AssertBits(1f, R(MathFunction.Sigmoid, float.PositiveInfinity));
        AssertBits(0f, R(MathFunction.Sigmoid, float.NegativeInfinity));
        AssertBits(0.5f, R(MathFunction.Sigmoid, 0f));
        AssertBits(0.5f, R(MathFunction.Sigmoid, -0f));
        AssertBits(-1f, R(MathFunction.Expm1, float.NegativeInfinity));
        AssertBits(2f, R(MathFunction.Erfc, float.NegativeInfinity));
        AssertBits(0f, R(MathFunction.Erfc, float.PositiveInfinity));
        AssertBits(1f, R(MathFunction.Cos, 0f));
    }

    [Fact]
    public void ExactCases()
    {
        for (int k = -149; k <= 127; k++)
        {
            float p = MathF.ScaleB(1f, k);
            AssertBits(k, R(MathFunction.Log2, p));
            AssertBits(p, R(MathFunction.Exp2, k));
        }
        for (int i = 0; i < 4096; i++) AssertBits(i, R(MathFunction.Sqrt, (float)i * i));
        for (int i = 0; i < 256; i++)
        {
            AssertBits(i, R(MathFunction.Cbrt, (float)(i * i * i)));
            AssertBits(-(float)i, R(MathFunction.Cbrt, -(float)(i * i * i)));
        }
        AssertBits(2f, R(MathFunction.Log10, 100f));
        AssertBits(10f, R(MathFunction.Log10, 1e10f)); // 10^10 = 2^10 * 5^10 is exactly a float
    }

    [Fact]
    public void ExpOverflowThreshold()
    {
        // T = ln(2^128 - 2^103) is where exp crosses the midpoint between FLT_MAX and 2^128; derive it at 200 bits.
        using var t = new MpfrValue(200);
        using var m = new MpfrValue(200);
        float below;
        using (ExponentRange.Widest())
        {
            m.SetScaled((1L << 25) - 1, 103, MpfrRounding.Nearest); // 2^128 - 2^103, exact
            MpfrFunctions.Evaluate(MathFunction.Log, t, m, MpfrRounding.Nearest);
            below = t.ToSingle(MpfrRounding.Down);
        }
        Assert.Equal(0x42B17217u, Bits(below)); // 88.72283
        float y = R(MathFunction.Exp, below);
        Assert.True(float.IsFinite(y));
        Assert.Equal(0x7F7FFF84u, Bits(y)); // 3.4027985e38, one correct rounding of the 200-bit value:
        using (var v = Eval(MathFunction.Exp, below)) AssertBits(ToFloat(v), y);
        AssertBits(float.PositiveInfinity, R(MathFunction.Exp, MathF.BitIncrement(below)));

        // exp2 overflows exactly at 128; the float just below 128 gives a finite value.
        AssertBits(float.PositiveInfinity, R(MathFunction.Exp2, 128f));
        Assert.True(float.IsFinite(R(MathFunction.Exp2, MathF.BitDecrement(128f))));
    }

    [Fact]
    public void ExpUnderflowThresholds()
    {
        // exp(x) rounds to 2^-149 iff exp(x) > 2^-150 (2^-150 itself would tie to even, i.e. to 0).
        using var t = new MpfrValue(200);
        float lastZero;
        using (ExponentRange.Widest())
        {
            Constants.Ln2(t, MpfrRounding.Nearest);
            using var k = new MpfrValue(200, -150.0);
            t.Mul(t, k, MpfrRounding.Nearest); // -150 ln 2
            lastZero = t.ToSingle(MpfrRounding.Down);
        }
        Assert.Equal(0xC2CFF1B5u, Bits(lastZero)); // -103.972084
        AssertBits(0f, R(MathFunction.Exp, lastZero));
        AssertBits(float.Epsilon, R(MathFunction.Exp, MathF.BitIncrement(lastZero)));
        AssertBits(0f, R(MathFunction.Exp, -1000f));
        AssertBits(0f, R(MathFunction.Exp, float.MinValue));

        // Exact half-way: exp2(-150) = 2^-150 ties to even, giving +0; exp2(-149) is the smallest subnormal.
        AssertBits(0f, R(MathFunction.Exp2, -150f));
        AssertBits(float.Epsilon, R(MathFunction.Exp2, -149f));
        AssertBits(float.Epsilon, R(MathFunction.Exp2, -149.5f)); // 0.707 * 2^-149
        AssertBits(float.Epsilon, R(MathFunction.Exp2, -148.5f)); // 1.414 * 2^-149 < 1.5 * 2^-149
        AssertBits(MathF.ScaleB(1f, -126), R(MathFunction.Exp2, -126f));
    }

    [Fact]
    public void SubnormalResultsAreSingleRoundings()
    {
        // Inputs (found by scanning exp over the subnormal range) where rounding first to 24 bits with an unbounded
        // exponent and then to the subnormal grid (the naive route) differs from one correct rounding.
        uint[] inputs = { 0xC2C5AF32, 0xC2C323EC, 0xC2C2F1D0, 0xC2C19BC9, 0xC2C1593F };
        foreach (uint b in inputs) CheckSubnormalCase(F(b), expectNaiveWrong: true);

        // And find one by search, as a check that the trap is real near x = -97.48.
        using var v24 = new MpfrValue(24);
        using var xv = new MpfrValue(24);
        float found = float.NaN;
        for (float x = -97.48f; x < -97.40f; x = MathF.BitIncrement(x))
        {
            float naive;
            using (ExponentRange.Widest())
            {
                xv.Set(x, MpfrRounding.Nearest);
                MpfrFunctions.Evaluate(MathFunction.Exp, v24, xv, MpfrRounding.Nearest);
                naive = v24.ToSingle(MpfrRounding.Nearest);
            }
            if (Bits(naive) != Bits(R(MathFunction.Exp, x))) { found = x; break; }
        }
        Assert.False(float.IsNaN(found));
        CheckSubnormalCase(found, expectNaiveWrong: true);
    }

    private static void CheckSubnormalCase(float x, bool expectNaiveWrong)
    {
        using var v = Eval(MathFunction.Exp, x, 200);
        var (byHand, _) = RoundSubnormalByHand(v);
        float oracle = R(MathFunction.Exp, x);
        Assert.True(oracle < MathF.ScaleB(1f, -126) && oracle > 0);
        AssertBits(byHand, oracle);
        AssertBits(ToFloat(v), oracle); // mpfr_get_flt of the 200-bit value agrees
        if (expectNaiveWrong)
        {
            using var v24 = Eval(MathFunction.Exp, x, 24);
            Assert.NotEqual(Bits(oracle), Bits(ToFloat(v24)));
        }
    }

    [Fact]
    public void HardCasesNearMidpointsRoundToTheRightSide()
    {
        // Found by scanning all floats in [1,2) and [-2,-1): exp(x) lies within ~2^-25 ulp of a midpoint.
        (uint x, uint expected)[] cases = { (0x3FE67199, 0x40C1A7A6), (0xBFBFA14B, 0x3E652588), (0x3FA1D683, 0x40629CD4) };
        foreach (var (xb, eb) in cases)
        {
            float x = F(xb);
            using var v = Eval(MathFunction.Exp, x, 200);
            double off = OffsetFromMidpoint(v);
            Assert.True(Math.Abs(off) < Math.Pow(2, -22), $"offset {off}");
            float r = R(MathFunction.Exp, x);
            Assert.Equal(eb, Bits(r));
            // v below the midpoint (off < 0) must round to the lower neighbour, so the other one is above r.
            float other = off < 0 ? MathF.BitIncrement(r) : MathF.BitDecrement(r);
            double eRight = Float32Oracle.UlpError(MathFunction.Exp, x, r);
            double eWrong = Float32Oracle.UlpError(MathFunction.Exp, x, other);
            Assert.Equal(0.5 - Math.Abs(off), eRight, 1e-12);
            Assert.Equal(0.5 + Math.Abs(off), eWrong, 1e-12);
            Assert.True(eRight < 0.5 && eWrong > 0.5);
        }
    }

    [Fact]
    public void AgreesWithDoublePrecisionLibmExceptOnCheckedHardCases()
    {
        var rng = new Random(12345);
        var fns = new (MathFunction F, Func<double, double> D, double Lo, double Hi)[]
        {
            (MathFunction.Exp, Math.Exp, -104, 89),
            (MathFunction.Log, Math.Log, 1e-30, 1e30),
            (MathFunction.Sin, Math.Sin, -100, 100),
            (MathFunction.Cos, Math.Cos, -100, 100),
            (MathFunction.Tanh, Math.Tanh, -10, 10),
            (MathFunction.Cbrt, Math.Cbrt, -1e6, 1e6),
            (MathFunction.Sigmoid, d => d >= 0 ? 1 / (1 + Math.Exp(-d)) : Math.Exp(d) / (1 + Math.Exp(d)), -110, 40),
            (MathFunction.Log1p, d => Math.Log(1 + d) is var l && Math.Abs(d) < 1e-3 ? double.NaN : l, -0.9, 10),
        };
        foreach (var (f, d, lo, hi) in fns)
        {
            int disagreements = 0;
            for (int i = 0; i < 3000; i++)
            {
                float x = (float)(lo + rng.NextDouble() * (hi - lo));
                double dv = d(x);
                if (double.IsNaN(dv)) continue;
                float viaDouble = (float)dv;
                float r = R(f, x);
                if (Bits(viaDouble) == Bits(r)) continue;
                disagreements++;
                using var v = Eval(f, x, 200);
                AssertBits(ToFloat(v), r); // MPFR's direct result is the 200-bit value's single rounding
            }
            Assert.True(disagreements <= 3, $"{f}: {disagreements} disagreements with the double route");
        }
    }

    [Fact]
    public void SigmoidIsCorrectlyRoundedIncludingTailsAndDirectedModes()
    {
        var rng = new Random(7);
        using var x = new MpfrValue(24);
        using var r = new MpfrValue(53);
        using var refv = new MpfrValue(400);
        using var tmp = new MpfrValue(400);
        using var one = new MpfrValue(400);
        using var expect = new MpfrValue(53);
        var modes = Enum.GetValues<MpfrRounding>();
        for (int i = 0; i < 2000; i++)
        {
            float xf = i switch
            {
                < 500 => (float)(rng.NextDouble() * 80 - 40),
                < 1000 => (float)-(rng.NextDouble() * 2000),              // deep negative tail, incl. float subnormal results
                < 1500 => (float)(rng.NextDouble() * 80),                  // close to 1
                _ => F((uint)rng.Next()) is var z && float.IsFinite(z) ? z : 1f, // any float, incl. huge
            };
            var mode = modes[i % modes.Length];
            using (ExponentRange.Widest())
            {
                x.Set(xf, MpfrRounding.Nearest);
                int t = MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, mode);

                // Plain 400-bit formula as the reference: e^x / (1 + e^x) = 1 / (1 + e^-x).
                tmp.Neg(x, MpfrRounding.Nearest);
                MpfrFunctions.Evaluate(MathFunction.Exp, tmp, tmp, MpfrRounding.Nearest);
                if (tmp.IsInfinity) { refv.SetZero(1); }           // e^-x overflow: e^x underflows too
                else
                {
                    one.Set(1L, MpfrRounding.Nearest);
                    tmp.Add(tmp, one, MpfrRounding.Nearest);
                    refv.Div(one, tmp, MpfrRounding.Nearest);
                }
                if (refv.IsZero || xf > 250) continue; // 1 + e^-x no longer distinguishable from 1 at 400 bits; covered below
                expect.Set(refv, mode);
                Assert.Equal(expect.ToDouble(MpfrRounding.Nearest), r.ToDouble(MpfrRounding.Nearest));
                Assert.Equal(Math.Sign(MpfrValue.Compare(r, refv)), Math.Sign(t));
            }
        }

        // Saturation: huge positive x gives 1 (or 1 - 2^-53 rounding down); huge negative x underflows to +0.
        foreach (float big in new[] { 1e10f, 3e38f })
        {
            using (ExponentRange.Widest())
            {
                x.Set(big, MpfrRounding.Nearest);
                Assert.True(MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, MpfrRounding.Nearest) > 0);
                Assert.Equal(1.0, r.ToDouble(MpfrRounding.Nearest));
                Assert.True(MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, MpfrRounding.Down) < 0);
                Assert.Equal(Math.BitDecrement(1.0), r.ToDouble(MpfrRounding.Nearest));
                x.Set(-big, MpfrRounding.Nearest);
                if (big < 1e18f)
                {
                    // e^-1e10 ~ 2^-1.44e10 is representable in the widest range: sigmoid = e^x (1 - e^x) rounds like e^x.
                    using var ex = new MpfrValue(53);
                    MpfrFunctions.Evaluate(MathFunction.Exp, ex, x, MpfrRounding.Nearest);
                    MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, MpfrRounding.Nearest);
                    Assert.True(r.IsRegular && r.Exponent < -14_000_000_000L);
                    Assert.Equal(0, MpfrValue.Compare(ex, r));
                    continue;
                }
                // e^(-3e38) is below MPFR's smallest positive number (2^(emin_min - 1)): underflow.
                Assert.True(MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, MpfrRounding.Up) > 0);
                Assert.True(r.IsRegular && r.Sign > 0 && r.Exponent == ExponentRange.MinPossible); // smallest positive
                Assert.True(MpfrFunctions.Evaluate(MathFunction.Sigmoid, r, x, MpfrRounding.Nearest) < 0);
                Assert.True(r.IsZero && !r.IsNegative);
            }
        }

        // Float32 subnormal results: one rounding of a 400-bit e^x/(1+e^x).
        for (float xf = -103.98f; xf < -87f; xf += 0.37f)
        {
            using var sref = SigmoidRef(xf);
            AssertBits(ToFloat(sref), R(MathFunction.Sigmoid, xf));
        }
        AssertBits(0f, R(MathFunction.Sigmoid, -200f));
        AssertBits(MathF.BitDecrement(1f), R(MathFunction.Sigmoid, 17f));  // 1 - 4.1e-8 -> 1 - 2^-24
        AssertBits(MathF.BitDecrement(1f), R(MathFunction.Sigmoid, 16.5f)); // 1 - 6.8e-8 -> 1 - 2^-24
        AssertBits(1f, R(MathFunction.Sigmoid, 17.5f));                    // 1 - 2.5e-8 -> 1
    }

    private static MpfrValue SigmoidRef(float xf)
    {
        var v = new MpfrValue(400);
        using var x = new MpfrValue(24);
        using var d = new MpfrValue(400);
        using (ExponentRange.Widest())
        {
            x.Set(xf, MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(MathFunction.Exp, v, x, MpfrRounding.Nearest);
            d.Add(v, 1UL, MpfrRounding.Nearest);
            v.Div(v, d, MpfrRounding.Nearest);
        }
        return v;
    }
}
