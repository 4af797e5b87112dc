using AutoNumerics.Oracles.Mpfr;
using static AutoNumerics.Oracles.Mpfr.MpfrNative;

namespace AutoNumerics.Oracles.Reference;

/// <summary>
/// Correctly rounded binary32 reference values and float32 ULP errors, computed with MPFR alone.
/// Thread-safe (each thread has its own scratch MPFR values and MPFR's exponent range is thread-local) and
/// allocation-free per call after a thread's first call.
/// </summary>
public static class Float32Oracle
{
    /// <summary>Precision of the reference value in <see cref="UlpError"/>.</summary>
    public const int ReferencePrecision = 128;

    private const int N = (int)MpfrRounding.Nearest;

    [ThreadStatic] private static MpfrValue? t_x, t_y24, t_ref, t_far, t_yv, t_diff;

    /// <summary>
    /// f(x) correctly rounded to nearest-even binary32, subnormals and overflow included: evaluated at precision 24
    /// in the binary32 exponent range [-148, 128], then mpfr_check_range and mpfr_subnormalize (which uses the
    /// ternary value so the second rounding to subnormal precision is not a double rounding), then mpfr_get_flt (exact).
    /// </summary>
    public static float RoundToFloat32(MathFunction f, float x)
    {
        var xv = t_x ??= new MpfrValue(24);
        var y = t_y24 ??= new MpfrValue(24);
        using (ExponentRange.Binary32())
        {
            mpfr_set_flt(xv.Ptr, x, N); // exact: every float is representable with 24 bits in this range
            int t = MpfrFunctions.Evaluate(f, y, xv, MpfrRounding.Nearest);
            t = mpfr_check_range(y.Ptr, t, N);
            mpfr_subnormalize(y.Ptr, t, N);
            return mpfr_get_flt(y.Ptr, N);
        }
    }

    /// <summary>True if y is bitwise the correctly rounded value of f(x) (so the sign of zero counts), or both are NaN.</summary>
    public static bool IsCorrectlyRounded(MathFunction f, float x, float y)
    {
        float r = RoundToFloat32(f, x);
        if (float.IsNaN(r)) return float.IsNaN(y);
        return BitConverter.SingleToInt32Bits(r) == BitConverter.SingleToInt32Bits(y);
    }

    /// <summary>
    /// Error of y as an approximation of v = f(x), in float32 ULPs of v: |y - v| / ulp(v), where
    /// ulp(v) = 2^(e-23) for |v| in [2^e, 2^(e+1)), e &gt;= -126 (no upper cap), and 2^-149 for |v| &lt; 2^-126
    /// (including v = 0). v is MPFR's value at <see cref="ReferencePrecision"/> bits in the widest exponent range;
    /// the quotient is formed in MPFR (one rounding, to double) and returned as a double.
    /// Conventions: NaN v: 0 if y is NaN else +inf. NaN y (v not NaN): +inf. Infinite v (exact pole, or
    /// overflow even in the widest range): 0 if y is that infinity else +inf. Infinite y: 0 if it equals the
    /// correctly rounded binary32 value, else y counts as sign(y) * 2^128.
    /// </summary>
    public static double UlpError(MathFunction f, float x, float y)
    {
        var xv = t_x ??= new MpfrValue(24);
        var v = t_ref ??= new MpfrValue(ReferencePrecision);
        var vFar = t_far ??= new MpfrValue(ReferencePrecision);
        var yv = t_yv ??= new MpfrValue(24);
        var diff = t_diff ??= new MpfrValue(53);

        using (ExponentRange.Widest())
        {
            mpfr_set_flt(xv.Ptr, x, N);
            // Ziv-style: v is taken toward zero at precision p, so the exact value lies in [v, v + 2^(E-p)) in
            // magnitude and in v's binade (rounding toward zero never crosses a power of two upward). The error is
            // returned rounded up to a double; when the two ends of that interval round up to the same double, that
            // double is the exact error rounded up. This matters where v is within 2^-128 of a float, e.g.
            // exp(-1e-39) = 1 - 1e-39, whose binade (below 1) and error no fixed 128-bit value would get right.
            for (int precision = ReferencePrecision; ; precision *= 2)
            {
                v.SetPrecision(precision);
                int ternary = MpfrFunctions.Evaluate(f, v, xv, MpfrRounding.TowardZero);

                if (v.IsNaN) return float.IsNaN(y) ? 0.0 : double.PositiveInfinity;
                if (float.IsNaN(y)) return double.PositiveInfinity;
                if (v.IsInfinity)
                    return float.IsInfinity(y) && (y < 0) == v.IsNegative ? 0.0 : double.PositiveInfinity;

                if (float.IsInfinity(y))
                {
                    if (RoundToFloat32(f, x) == y) return 0.0;
                    mpfr_set_si_2exp(yv.Ptr, y > 0 ? 1 : -1, 128, N); // exact
                }
                else
                {
                    mpfr_set_flt(yv.Ptr, y, N); // exact
                }

                // ulp(v) exponent: MPFR's exponent E has |v| in [2^(E-1), 2^E), so e = E - 1.
                long ulpExp = -149;
                if (!v.IsZero)
                {
                    long e = mpfr_get_exp(v.Ptr) - 1;
                    if (e >= -126) ulpExp = e - 23;
                }
                double near = ScaledDistanceRoundedUp(yv, v, diff, ulpExp);
                if (ternary == 0) return near; // v is exact
                // The far end of the interval: one unit further from zero (exact at this precision).
                mpfr_set_prec(vFar.Ptr, precision);
                mpfr_set(vFar.Ptr, v.Ptr, N);
                if (v.IsNegative) vFar.NextBelow(); else vFar.NextAbove();
                double far = ScaledDistanceRoundedUp(yv, vFar, diff, ulpExp);
                if (near == far || precision >= MaxPrecision) return Math.Max(near, far);
            }
        }
    }

    /// <summary>Precision at which <see cref="UlpError"/> stops refining and returns the larger end, an upper bound
    /// within 2^-990 ULP of the exact error: only an error that close below a histogram threshold could land in the
    /// wrong bin. (erf(100) = 1 - 1e-4346 would otherwise need 14,000 bits to tell from 1.)</summary>
    const int MaxPrecision = 1 << 10;

    // |y - v| rounded away from zero to 53 bits, scaled exactly by 2^-ulpExp: the quotient by ulp(v), rounded up.
    static double ScaledDistanceRoundedUp(MpfrValue yv, MpfrValue v, MpfrValue diff, long ulpExp)
    {
        mpfr_sub(diff.Ptr, yv.Ptr, v.Ptr, (int)MpfrRounding.AwayFromZero);
        mpfr_abs(diff.Ptr, diff.Ptr, N);
        mpfr_mul_2si(diff.Ptr, diff.Ptr, -ulpExp, N);
        return mpfr_get_d(diff.Ptr, N);
    }
}
