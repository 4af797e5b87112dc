using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Mpfr;

/// <summary>Independent high-precision helpers for the tests (no use of Float32Oracle's own rounding path).</summary>
internal static class MpfrTestUtil
{
    public static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    public static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    /// <summary>f(x) at <paramref name="prec"/> bits, widest exponent range, rounded to nearest.</summary>
    public static MpfrValue Eval(MathFunction f, float x, int prec = 200)
    {
        var r = new MpfrValue(prec);
        using var xv = new MpfrValue(24);
        using (ExponentRange.Widest())
        {
            xv.Set(x, MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(f, r, xv, MpfrRounding.Nearest);
        }
        return r;
    }

    /// <summary>Single rounding of a high-precision value to binary32 by mpfr_get_flt (handles subnormals itself).</summary>
    public static float ToFloat(MpfrValue v)
    {
        using (ExponentRange.Widest()) return v.ToSingle(MpfrRounding.Nearest);
    }

    /// <summary>
    /// Binary32 rounding of a positive value below 2^-126 done "by hand": m = v * 2^149, k = m rounded to the nearest
    /// integer with ties to even, result k * 2^-149. Also returns the distance of the fraction of m from 1/2.
    /// </summary>
    public static (float Value, double FracMinusHalf) RoundSubnormalByHand(MpfrValue v)
    {
        using (ExponentRange.Widest())
        {
            using var m = new MpfrValue(v.Precision + 8);
            m.MulPow2(v, 149, MpfrRounding.Nearest); // exact
            double fl = Math.Floor(m.ToDouble(MpfrRounding.Down));
            using var flv = new MpfrValue(64, fl);
            using var frac = new MpfrValue(v.Precision + 8);
            frac.Sub(m, flv, MpfrRounding.Nearest); // exact
            using var half = new MpfrValue(8, 0.5);
            int c = MpfrValue.Compare(frac, half);
            long k = (long)fl + (c > 0 || (c == 0 && ((long)fl & 1) == 1) ? 1 : 0);
            using var fr2 = new MpfrValue(v.Precision + 8);
            fr2.Sub(frac, half, MpfrRounding.Nearest);
            return (BitConverter.Int32BitsToSingle((int)k), fr2.ToDouble(MpfrRounding.Nearest));
        }
    }

    /// <summary>
    /// For positive normal v: (v / ulp) - floor(v / ulp) - 1/2, i.e. where v sits relative to the midpoint between
    /// the two binary32 neighbours (negative: below the midpoint, rounds down).
    /// </summary>
    public static double OffsetFromMidpoint(MpfrValue v)
    {
        using (ExponentRange.Widest())
        {
            long e = v.Exponent - 1;
            using var t = new MpfrValue(v.Precision + 8);
            t.MulPow2(v, 23 - e, MpfrRounding.Nearest); // exact, in [2^23, 2^24)
            t.Abs(t, MpfrRounding.Nearest);
            double fl = Math.Floor(t.ToDouble(MpfrRounding.Down));
            using var flv = new MpfrValue(64, fl + 0.5);
            t.Sub(t, flv, MpfrRounding.Nearest); // exact
            return t.ToDouble(MpfrRounding.Nearest);
        }
    }
}
