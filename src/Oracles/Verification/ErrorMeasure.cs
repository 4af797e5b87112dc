using System.Runtime.CompilerServices;
using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Verification;

/// <summary>The verdict on one input: its ULP error, whether the output is the correctly rounded float32, and how
/// far the figure may be from the exact one (0 when decided by MPFR).</summary>
public readonly record struct ErrorVerdict(double Ulp, bool CorrectlyRounded, double Uncertainty)
{
    public static ErrorVerdict Exact(MathFunction f, float x, float y) =>
        new(Float32Oracle.UlpError(f, x, y), Float32Oracle.IsCorrectlyRounded(f, x, y), 0);
}

/// <summary>
/// Judges one output against the fast reference, and says when it cannot: whenever the reference's error bound
/// leaves the correctly rounded float32, the binade of the exact value, or the histogram bin of the error undecided,
/// <see cref="TryJudge"/> returns false and the caller asks MPFR (<see cref="ErrorVerdict.Exact"/>). Follows the
/// conventions of <see cref="Float32Oracle.UlpError"/> exactly.
/// <para>
/// The reference is carried as an unevaluated sum hi + lo (from Base + Delta) and every comparison with a float32
/// grid point c (a rounding midpoint, a power of two) is made as the sign of (hi - c) + (lo +- bound): hi - c is exact
/// because c is within a small factor of hi, and rounding never changes the sign of a sum. So the decisions are exact
/// consequences of the bound, not approximations of them.
/// </para>
/// </summary>
public static class ErrorMeasure
{
    const double Roundoff = 4.440892098500626e-16;       // 2^-51: the few double operations on the distance below
    const double BoundInflation = 1 + 9.094947017729282e-13; // 1 + 2^-40: covers rounding in lo +- bound
    const double OverflowMidpoint = 3.4028235677973366e38; // 2^128 - 2^103: float32 rounds to infinity from here up
    const double UnderflowMidpoint = 7.006492321624085e-46; // 2^-150: float32 rounds to zero strictly below
    const double Strictly = 9.332636185032189e-302; // 2^-1000, see TryJudge

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryJudge(ReferenceValue reference, float y, out ErrorVerdict verdict)
    {
        double value = reference.Value;
        if (double.IsNaN(value))
        {
            // Domain error: only NaN is right.
            verdict = float.IsNaN(y) ? new(0, true, 0) : new(double.PositiveInfinity, false, 0);
            return true;
        }
        if (float.IsNaN(y)) { verdict = new(double.PositiveInfinity, false, 0); return true; }
        if (double.IsInfinity(value))
        {
            // A pole, or a finite value beyond binary64: either way its float32 rounding is that infinity.
            if (y == value) { verdict = new(0, true, 0); return true; }
            verdict = default;
            return false; // the exact error of a finite y depends on which case it is
        }

        // hi + lo == Base + Delta exactly (TwoSum).
        double hi = value;
        double bb = hi - reference.Delta;
        double lo = (reference.Base - bb) + (reference.Delta - (hi - bb));
        double bound = reference.ErrorBound * BoundInflation;

        // 1. The correctly rounded float32 r of the exact value, if the bound decides it.
        float r = (float)hi;
        if (TryJudgeTypical(hi, lo, bound, r, y, out verdict)) return true;
        if (TryJudgeNearBase(reference, bound, y, out verdict)) return true;

        // The exact value lies in [hi + (lo + down), hi + (lo + up)]. Where its side of Base is certain, the end on
        // Base's side is pulled in to just beyond Base, which matters where Delta underflowed: tanh(500) is below 1,
        // not near it. "Just beyond" is 2^-1000: every point where a float32 decision changes (a rounding midpoint,
        // a power of two, y +- T ulp) is a multiple of 2^-150, so none lies strictly between Base and Base +- 2^-1000,
        // and 2^-1000 is a normal double (a subnormal operand costs a microcode assist on every such input).
        double down = -bound, up = bound;
        if (reference.SideCertain)
        {
            double baseOffset = (reference.Base - hi) - lo; // Base relative to hi + lo: -Delta, rounded only when Delta is huge
            if (double.IsNegative(reference.Delta)) up = Math.Min(up, baseOffset - Strictly);
            else down = Math.Max(down, baseOffset + Strictly);
        }
        if (!RoundingIsCertain(hi, lo, down, up, r)) { verdict = default; return false; }
        bool correctlyRounded = BitConverter.SingleToInt32Bits(y) == BitConverter.SingleToInt32Bits(r);
        if (float.IsInfinity(y) && correctlyRounded) { verdict = new(0, true, 0); return true; }

        // 2. ulp(v): the binade of |v|, or the two it may straddle. In magnitude terms |v| lies in
        // [magnitude + lowOffset, magnitude + highOffset].
        double magnitude = Math.Abs(hi);
        double lowOffset = hi < 0 ? -(lo + up) : lo + down, highOffset = hi < 0 ? -(lo + down) : lo + up;
        double p = PowerOfTwoBelow(magnitude);
        double ulpMin, ulpMax;
        if (Below(magnitude - 2 * p, highOffset))
            ulpMin = ulpMax = !Below(magnitude - p, lowOffset) ? FloatBits.Ulp(p)         // in [p, 2p) for sure
                : Below(magnitude - p, highOffset) ? FloatBits.Ulp(p / 2)                  // below p for sure
                : double.NaN;
        else
            ulpMin = ulpMax = double.NaN;
        if (double.IsNaN(ulpMin))
        {
            // Straddles p or 2p: bound the error with both spacings (the exact value is in [p/2, 4p)).
            ulpMin = FloatBits.Ulp(p / 2);
            ulpMax = FloatBits.Ulp(2 * p);
        }

        // 3. The error |y - v| / ulp(v), as an interval.
        double yValue = float.IsInfinity(y) ? Math.CopySign(FloatBits.OverflowValue, y) : y;
        double d0 = yValue - hi; // exact whenever y is near v, the only case where a bin can be in doubt
        double signedDistance = d0 - lo;
        double distance = Math.Abs(signedDistance);
        double slack = bound + distance * Roundoff;
        double error = distance / FloatBits.Ulp(hi);
        double upper = (distance + slack) / ulpMin;
        double lower = Math.Max(0, (distance - slack) / ulpMax);
        if (correctlyRounded)
        {
            // Exact: the correctly rounded float is within half an ULP of the exact value, whatever that is.
            error = Math.Min(error, 0.5);
            upper = Math.Min(upper, 0.5);
            lower = Math.Min(lower, error);
        }
        else if (ErrorHistogram.Bin(lower) != ErrorHistogram.Bin(upper))
        {
            // A threshold T (1, 2 or 4 ULPs) lies inside the interval: typical when v is within a hair of a float
            // (exp(tiny) is 1 - tiny). Decide |y - v| <= T ulp exactly: sigma*d0 - T*ulp is exact (both on the grid near y).
            int bin = ErrorHistogram.Bin(lower);
            if (ulpMin != ulpMax || ErrorHistogram.Bin(upper) != bin + 1 || distance <= slack) { verdict = default; return false; }
            double threshold = ErrorHistogram.UpperEdges[bin];
            double sigma = signedDistance > 0 ? 1 : -1;
            double gap = sigma * d0 - threshold * ulpMin, towardY = -sigma * lo;
            if (gap + (towardY + bound) <= 0) { upper = threshold; error = Math.Min(error, threshold); lower = Math.Min(lower, error); }
            else if (gap + (towardY - bound) > 0) { lower = Math.BitIncrement(threshold); error = Math.Max(error, lower); upper = Math.Max(upper, error); }
            else { verdict = default; return false; }
        }
        error = Math.Clamp(error, lower, upper);
        verdict = new(error, correctlyRounded, Math.Max(upper - error, error - lower));
        return true;
    }

    /// <summary>
    /// The path nearly every input takes: y finite, v in float32's normal range and more than 2^-23 (relative) from
    /// a power of two, so r is finite and non-zero and v, hi and r share one binade. Decided by margins rather than
    /// exact sign tests: hi - r is exact (Sterbenz) and the one rounding in adding lo is covered by (1 + 2^-51).
    /// Anything else (or a histogram bin in doubt) goes to the careful path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool TryJudgeTypical(double hi, double lo, double bound, float r, float y, out ErrorVerdict verdict)
    {
        const long MantissaMask = (1L << 52) - 1, Margin = 1L << 29; // 2^-23 relative: more than r's half ULP plus the bound
        long bits = BitConverter.DoubleToInt64Bits(hi);
        long mantissa = bits & MantissaMask;
        int exponentField = (int)((bits >> 52) & 0x7FF);
        verdict = default;
        if (!float.IsFinite(y) || mantissa < Margin || mantissa > MantissaMask - Margin
            || exponentField < 1023 - 126 || exponentField > 1023 + 127) return false;

        double ulp = FloatBits.Ulp(hi);
        double inverseUlp = BitConverter.Int64BitsToDouble((2046L << 52) - BitConverter.DoubleToInt64Bits(ulp)); // 1/ulp, exact
        double offset = (hi - r) + lo; // v - r
        if (Math.Abs(offset) * (1 + Roundoff) + bound >= 0.5 * ulp) return false; // r not certain

        bool correctlyRounded = BitConverter.SingleToInt32Bits(y) == BitConverter.SingleToInt32Bits(r);
        double distance = Math.Abs((y - hi) - lo);
        double error = distance * inverseUlp;
        double uncertainty = (bound + distance * Roundoff) * inverseUlp;
        if (correctlyRounded)
        {
            verdict = new(Math.Min(error, 0.5), true, uncertainty);
            return true;
        }
        if (ErrorHistogram.Bin(error - uncertainty) != ErrorHistogram.Bin(error + uncertainty)) return false;
        verdict = new(error, false, uncertainty);
        return true;
    }

    /// <summary>
    /// The second common case: v = Base + Delta within 2^-30 of a power of two Base whose side is known (exp, cos,
    /// cosh, erfc near 0; tanh, erf, sigmoid where they saturate): then the binade of v, its rounding (Base itself)
    /// and the error are decided directly, including an output exactly T ULPs from Base, whose error is just above
    /// or just below T depending on which side of Base v lies. Anything else goes to the careful path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool TryJudgeNearBase(in ReferenceValue reference, double bound, float y, out ErrorVerdict verdict)
    {
        const long MantissaMask = (1L << 52) - 1;
        verdict = default;
        double b = reference.Base, delta = reference.Delta, magnitude = Math.Abs(b), size = Math.Abs(delta);
        if (b == 0 || !float.IsFinite(y) || (BitConverter.DoubleToInt64Bits(b) & MantissaMask) != 0
            || magnitude < 2.350988701644575e-38 || magnitude > 1.7014118346046923e38   // 2^-125, 2^127
            || !(size < magnitude * 9.313225746154785e-10)                                // 2^-30 (and not NaN)
            || !(reference.SideCertain || size > bound)) return false;

        bool awayFromZero = double.IsNegative(delta) == double.IsNegative(b);
        double ulp = FloatBits.Ulp(awayFromZero ? b : b * 0.5);
        if (size + bound >= 0.5 * ulp) return false; // v may round to a neighbour of Base
        float r = (float)b;
        bool correctlyRounded = BitConverter.SingleToInt32Bits(y) == BitConverter.SingleToInt32Bits(r);
        double inverseUlp = BitConverter.Int64BitsToDouble((2046L << 52) - BitConverter.DoubleToInt64Bits(ulp));
        double d = y - b; // y - Base, exact when y is near Base (the only case a threshold can be in doubt)
        double distance = Math.Abs(d - delta);
        double error = distance * inverseUlp;
        double uncertainty = (bound + distance * Roundoff) * inverseUlp;
        if (correctlyRounded) { verdict = new(Math.Min(error, 0.5), true, uncertainty); return true; }
        int bin = ErrorHistogram.Bin(error - uncertainty);
        if (bin != ErrorHistogram.Bin(error + uncertainty))
        {
            double threshold = ErrorHistogram.UpperEdges[bin];
            if (Math.Abs(d) * inverseUlp != threshold) return false;
            // |y - v| = |d - Delta|: above T ulp exactly when v lies on the other side of Base from y.
            error = (d > 0) == double.IsNegative(delta) ? Math.Max(error, Math.BitIncrement(threshold)) : Math.Min(error, threshold);
        }
        verdict = new(error, false, uncertainty);
        return true;
    }

    /// <summary>The verdict for one input: fast when the reference decides it, MPFR otherwise.</summary>
    public static ErrorVerdict Judge(MathFunction f, float x, float y) =>
        TryJudge(FastReference.Evaluate(f, x), y, out var verdict) ? verdict : ErrorVerdict.Exact(f, x, y);

    /// <summary>Whether every value in [hi + (lo + down), hi + (lo + up)] rounds to r (sign of zero included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool RoundingIsCertain(double hi, double lo, double down, double up, float r)
    {
        double rd = r;
        double below, above; // the rounding boundaries around r
        if (float.IsInfinity(r))
        {
            below = r > 0 ? OverflowMidpoint : double.NegativeInfinity;
            above = r > 0 ? double.PositiveInfinity : -OverflowMidpoint;
        }
        else if (r == 0)
        {
            // +0 and -0 are different answers: the sign of v must be certain too.
            bool negative = float.IsNegative(r);
            below = negative ? -UnderflowMidpoint : 0;
            above = negative ? 0 : UnderflowMidpoint;
        }
        else
        {
            below = r == -float.MaxValue ? -OverflowMidpoint : (rd + FloatBits.NextDown(r)) / 2;
            above = r == float.MaxValue ? OverflowMidpoint : (rd + FloatBits.NextUp(r)) / 2;
        }
        // Strictly inside: on a midpoint the tie rule would need the exact value, so leave that to MPFR.
        return (double.IsInfinity(below) || Below(below - hi, -(lo + down)))  // lowest value > below
            && (double.IsInfinity(above) || Below(hi - above, lo + up));      // highest value < above
    }

    /// <summary>a + b &lt; 0, decided exactly from the signs of a and the rounded sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool Below(double a, double b) => a + b < 0;

    /// <summary>The power of two p with p &lt;= m &lt; 2p (m &gt; 0 finite); 0 for m = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static double PowerOfTwoBelow(double m)
    {
        if (m < 2.2250738585072014e-308) return m == 0 ? 0 : double.Epsilon; // subnormal doubles: ulp is 2^-149 anyway
        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(m) & 0x7FF0000000000000);
    }
}
