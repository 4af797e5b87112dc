using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoNumerics.Oracles.Reference;

/// <summary>
/// e^x and 2^x in binary64 for a block of float inputs, four at a time, for the verifier's reference: glibc's scalar
/// exp through P/Invoke is the sweep's largest cost, and these two are the functions people verify most.
/// <para>
/// Error analysis (relative): x = k ln2 + r with k = round(x log2 e) and r = (x - k ln2hi) - k ln2lo, where ln2hi has
/// 32 significant bits so k ln2hi is exact for |k| &lt; 2^21 and the first subtraction is exact (fma); ln2hi + ln2lo
/// is ln 2 to 2^-100, so r carries at most ~2^-53 |r| + 2^-60 of error, |r| &lt;= 0.3466. e^r by its Taylor series to
/// degree 13: truncation below r^14/14! &lt; 2^-57; Horner with fma in double adds at most ~4 roundings, 2^-51. The
/// scaling by 2^k is two exact multiplications by powers of two except where the result is subnormal in binary64,
/// where one rounding adds at most 2^-1074 absolute. In all, below 2^-50 relative (+ 2^-1074), inside
/// <see cref="FastReference.RelativeBound"/> (2^-44) with a 64-fold margin; the tests check it against MPFR.
/// For 2^x, k = round(x) and r = x - k is exact, then e^(r ln 2): the product adds 2^-53.
/// </para>
/// </summary>
internal static class VectorExp
{
    const double Log2E = 1.4426950408889634;
    const double Ln2Hi = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000: 32 significant bits
    const double Ln2Lo = 1.90821492927058770002e-10; // 0x3DEA39EF35793C76
    const double Ln2 = 0.6931471805599453;

    // 1/n! for n = 13 down to 0.
    static readonly double[] Taylor =
    [
        1.6059043836821613e-10, 2.08767569878681e-09, 2.505210838544172e-08, 2.755731922398589e-07,
        2.7557319223985893e-06, 2.48015873015873e-05, 0.0001984126984126984, 0.001388888888888889,
        0.008333333333333333, 0.041666666666666664, 0.16666666666666666, 0.5, 1, 1,
    ];

    /// <summary>Below this |x| the result is carried as 1 + Delta (see <see cref="FastReference"/>).</summary>
    public const double Small = 1.52587890625e-05; // 2^-16

    /// <summary>
    /// For each non-NaN input: e^x (or 2^x when <paramref name="base2"/>) where |x| &gt;= 2^-16, saturated to +Inf
    /// and +0 beyond binary64's range; and Delta = e^x - 1 by its Taylor series where |x| &lt; 2^-16 (truncation
    /// below 2^-60 relative), exactly as the scalar reference does. NaN lanes are left to the caller.
    /// </summary>
    public static void Evaluate(ReadOnlySpan<float> x, Span<double> result, bool base2)
    {
        double lowest = base2 ? -1075 : -746, highest = base2 ? 1024 : 710;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= x.Length; i += 4)
            {
                var f = Vector128.Create(x.Slice(i, 4));
                var xd = Vector256.Create(Vector128.WidenLower(f), Vector128.WidenUpper(f));
                Lanes(xd, base2, lowest, highest).CopyTo(result.Slice(i, 4));
            }
        }
        for (; i < x.Length; i++) result[i] = Lanes(Vector256.Create((double)x[i]), base2, lowest, highest).GetElement(0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> Lanes(Vector256<double> x, bool base2, double lowest, double highest)
    {
        var main = Core(Vector256.Min(Vector256.Max(x, Vector256.Create(lowest)), Vector256.Create(highest)), base2);
        main = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(highest)), Vector256.Create(double.PositiveInfinity), main);
        main = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(lowest)), Vector256<double>.Zero, main);
        // The Taylor split: t + t^2 (1/2 + t (1/6 + t/24)), t = x (or x ln 2).
        var t = base2 ? x * Ln2 : x;
        var tiny = t + t * t * Vector256.FusedMultiplyAdd(t, Vector256.FusedMultiplyAdd(t, Vector256.Create(1.0 / 24), Vector256.Create(1.0 / 6)), Vector256.Create(0.5));
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(Small)), tiny, main);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> Core(Vector256<double> x, bool base2)
    {
        Vector256<double> k, r;
        if (base2)
        {
            k = Vector256.Round(x);
            r = (x - k) * Ln2; // x - k exact: x is a float
        }
        else
        {
            k = Vector256.Round(x * Log2E);
            r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Hi), x);
            r = Vector256.FusedMultiplyAdd(-k, Vector256.Create(Ln2Lo), r);
        }
        var p = Vector256.Create(Taylor[0]);
        for (int j = 1; j < Taylor.Length; j++) p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(Taylor[j]));
        // 2^k as two factors 2^k1 * 2^k2, each a normal double for |k| <= 2044, so only the last product can round.
        var k1 = Vector256.ConvertToInt64(Vector256.Floor(k * 0.5));
        var k2 = Vector256.ConvertToInt64(k) - k1;
        var s1 = Vector256.ShiftLeft(k1 + Vector256.Create(1023L), 52).AsDouble();
        var s2 = Vector256.ShiftLeft(k2 + Vector256.Create(1023L), 52).AsDouble();
        return p * s1 * s2;
    }
}
