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
/// Judges one output against the fast binary64 reference, and says when it cannot: whenever the reference's error
/// bound leaves the correctly rounded float32, the binade of the exact value, or the histogram bin of the error
/// undecided, <see cref="TryJudge"/> returns false and the caller asks MPFR (<see cref="ErrorVerdict.Exact"/>).
/// Follows the conventions of <see cref="Float32Oracle.UlpError"/> exactly.
/// </summary>
public static class ErrorMeasure
{
    const double RelativeRoundoff = 4.440892098500626e-16; // 2^-51: the double subtraction and division below

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryJudge(double reference, float y, out ErrorVerdict verdict)
    {
        if (double.IsNaN(reference))
        {
            // Domain error: only NaN is right.
            verdict = float.IsNaN(y) ? new(0, true, 0) : new(double.PositiveInfinity, false, 0);
            return true;
        }
        if (float.IsNaN(y)) { verdict = new(double.PositiveInfinity, false, 0); return true; }
        if (double.IsInfinity(reference))
        {
            // A pole, or a finite value beyond binary64: either way its float32 rounding is that infinity.
            if (y == reference) { verdict = new(0, true, 0); return true; }
            verdict = default;
            return false; // the exact error of a finite y depends on which case it is
        }

        double bound = FastReference.ErrorBound(reference);
        double lo = reference - bound, hi = reference + bound;
        float roundedLo = (float)lo, roundedHi = (float)hi; // float conversion rounds to nearest-even, subnormals included
        if (BitConverter.SingleToInt32Bits(roundedLo) != BitConverter.SingleToInt32Bits(roundedHi))
        {
            verdict = default;
            return false; // the exact value may lie on either side of a rounding boundary
        }
        bool correctlyRounded = BitConverter.SingleToInt32Bits(y) == BitConverter.SingleToInt32Bits(roundedLo);
        if (float.IsInfinity(y) && correctlyRounded) { verdict = new(0, true, 0); return true; }

        // The exact value may sit in either of two binades when the interval straddles a power of two: bound the
        // error with the wider and the narrower spacing.
        double ulp = FloatBits.Ulp(reference);
        double ulpLo = FloatBits.Ulp(lo), ulpHi = FloatBits.Ulp(hi);
        double ulpMin = Math.Min(ulpLo, ulpHi), ulpMax = Math.Max(ulpLo, ulpHi);

        double yValue = float.IsInfinity(y) ? Math.CopySign(FloatBits.OverflowValue, y) : y;
        double distance = Math.Abs(yValue - reference);
        double error = distance / ulp;
        double upper = (distance + bound) / ulpMin * (1 + RelativeRoundoff);
        double lower = Math.Max(0, (distance - bound) / ulpMax * (1 - RelativeRoundoff));
        if (correctlyRounded)
        {
            // Exact: the correctly rounded float is within half an ULP of the exact value, whatever that is.
            error = Math.Min(error, 0.5);
            upper = Math.Min(upper, 0.5);
        }
        else if (ErrorHistogram.Bin(lower) != ErrorHistogram.Bin(upper))
        {
            verdict = default;
            return false;
        }
        double uncertainty = Math.Max(upper - error, error - lower);
        verdict = new(error, correctlyRounded, uncertainty);
        return true;
    }

    /// <summary>The verdict for one input: fast when the reference decides it, MPFR otherwise.</summary>
    public static ErrorVerdict Judge(MathFunction f, float x, float y) =>
        TryJudge(FastReference.Evaluate(f, x), y, out var verdict) ? verdict : ErrorVerdict.Exact(f, x, y);
}
