using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoNumerics.Evolution.Numerics;

/// <summary>
/// Double-double arithmetic over structure-of-arrays spans (hi[], lo[]), for tape evaluators. Each method runs the
/// same operation sequence as the scalar <see cref="DoubleDouble"/> algorithm of the same name, four lanes at a time
/// with Vector256 and hardware FMA, then a scalar tail; results agree with the scalar form bit for bit (IEEE
/// +, -, *, / and FMA are correctly rounded in both), and the error bounds documented on DoubleDouble apply.
/// Allocation-free. Outputs may alias inputs (each lane is read before it is written).
/// All spans of one call must have the same length.
/// </summary>
public static class DoubleDoubleSpan
{
    /// <summary>True when the Vector256 path is used (AVX + FMA3); otherwise everything runs the scalar loop.</summary>
    public static bool IsVectorized => Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>r = a + b (AccurateDWPlusDW).</summary>
    public static void Add(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, ReadOnlySpan<double> hiB, ReadOnlySpan<double> loB,
        Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiB.Length, loB.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double bh = ref MemoryMarshal.GetReference(hiB), bl = ref MemoryMarshal.GetReference(loB);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                AddV(Vector256.LoadUnsafe(ref ah, k), Vector256.LoadUnsafe(ref al, k), Vector256.LoadUnsafe(ref bh, k),
                    Vector256.LoadUnsafe(ref bl, k), out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Add(hiA[i], loA[i], hiB[i], loB[i]); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    /// <summary>r = a - b (AccurateDWPlusDW with b negated, which is exact).</summary>
    public static void Sub(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, ReadOnlySpan<double> hiB, ReadOnlySpan<double> loB,
        Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiB.Length, loB.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double bh = ref MemoryMarshal.GetReference(hiB), bl = ref MemoryMarshal.GetReference(loB);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                AddV(Vector256.LoadUnsafe(ref ah, k), Vector256.LoadUnsafe(ref al, k), -Vector256.LoadUnsafe(ref bh, k),
                    -Vector256.LoadUnsafe(ref bl, k), out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Add(hiA[i], loA[i], -hiB[i], -loB[i]); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    /// <summary>r = a * b (DWTimesDW3).</summary>
    public static void Mul(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, ReadOnlySpan<double> hiB, ReadOnlySpan<double> loB,
        Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiB.Length, loB.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double bh = ref MemoryMarshal.GetReference(hiB), bl = ref MemoryMarshal.GetReference(loB);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                MulV(Vector256.LoadUnsafe(ref ah, k), Vector256.LoadUnsafe(ref al, k), Vector256.LoadUnsafe(ref bh, k),
                    Vector256.LoadUnsafe(ref bl, k), out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Mul(hiA[i], loA[i], hiB[i], loB[i]); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    /// <summary>r = a / b (DWDivDW2).</summary>
    public static void Div(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, ReadOnlySpan<double> hiB, ReadOnlySpan<double> loB,
        Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiB.Length, loB.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double bh = ref MemoryMarshal.GetReference(hiB), bl = ref MemoryMarshal.GetReference(loB);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                DivV(Vector256.LoadUnsafe(ref ah, k), Vector256.LoadUnsafe(ref al, k), Vector256.LoadUnsafe(ref bh, k),
                    Vector256.LoadUnsafe(ref bl, k), out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Div(hiA[i], loA[i], hiB[i], loB[i]); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    /// <summary>r = a * b + c, as DWTimesDW3 then AccurateDWPlusDW (what a tape's fma op costs in double-double).</summary>
    public static void MulAdd(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, ReadOnlySpan<double> hiB, ReadOnlySpan<double> loB,
        ReadOnlySpan<double> hiC, ReadOnlySpan<double> loC, Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiB.Length, loB.Length, hiR.Length, loR.Length);
        if (hiC.Length != n || loC.Length != n) throw new ArgumentException("All spans must have the same length.");
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double bh = ref MemoryMarshal.GetReference(hiB), bl = ref MemoryMarshal.GetReference(loB);
            ref double ch = ref MemoryMarshal.GetReference(hiC), cl = ref MemoryMarshal.GetReference(loC);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                MulV(Vector256.LoadUnsafe(ref ah, k), Vector256.LoadUnsafe(ref al, k), Vector256.LoadUnsafe(ref bh, k),
                    Vector256.LoadUnsafe(ref bl, k), out var ph, out var pl);
                AddV(ph, pl, Vector256.LoadUnsafe(ref ch, k), Vector256.LoadUnsafe(ref cl, k), out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++)
        {
            var p = DoubleDouble.Mul(hiA[i], loA[i], hiB[i], loB[i]);
            var z = DoubleDouble.Add(p.Hi, p.Lo, hiC[i], loC[i]);
            hiR[i] = z.Hi; loR[i] = z.Lo;
        }
    }

    /// <summary>r = a * c for a scalar double c (DWTimesFP3): a tape's "multiply by constant" step.</summary>
    public static void Mul(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, double c, Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiA.Length, loA.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            var y = Vector256.Create(c);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                var xh = Vector256.LoadUnsafe(ref ah, k);
                var xl = Vector256.LoadUnsafe(ref al, k);
                var ch = xh * y;
                var cl1 = Fma.MultiplySubtract(xh, y, ch);
                var cl3 = Fma.MultiplyAdd(xl, y, cl1);
                FastTwoSumV(ch, cl3, out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Mul(hiA[i], loA[i], c); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    /// <summary>r = a + c for a scalar double c (DWPlusFP).</summary>
    public static void Add(ReadOnlySpan<double> hiA, ReadOnlySpan<double> loA, double c, Span<double> hiR, Span<double> loR)
    {
        int n = CheckLengths(hiA.Length, loA.Length, hiA.Length, loA.Length, hiR.Length, loR.Length);
        int i = 0;
        if (IsVectorized)
        {
            ref double ah = ref MemoryMarshal.GetReference(hiA), al = ref MemoryMarshal.GetReference(loA);
            ref double rh = ref MemoryMarshal.GetReference(hiR), rl = ref MemoryMarshal.GetReference(loR);
            var y = Vector256.Create(c);
            for (; i <= n - 4; i += 4)
            {
                nuint k = (nuint)i;
                TwoSumV(Vector256.LoadUnsafe(ref ah, k), y, out var sh, out var sl);
                var v = Vector256.LoadUnsafe(ref al, k) + sl;
                FastTwoSumV(sh, v, out var zh, out var zl);
                zh.StoreUnsafe(ref rh, k); zl.StoreUnsafe(ref rl, k);
            }
        }
        for (; i < n; i++) { var z = DoubleDouble.Add(hiA[i], loA[i], c); hiR[i] = z.Hi; loR[i] = z.Lo; }
    }

    // ---- Vector256 kernels: line-for-line the scalar algorithms --------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoSumV(Vector256<double> a, Vector256<double> b, out Vector256<double> s, out Vector256<double> e)
    {
        s = a + b;
        var bb = s - a;
        e = (a - (s - bb)) + (b - bb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FastTwoSumV(Vector256<double> a, Vector256<double> b, out Vector256<double> s, out Vector256<double> e)
    {
        s = a + b;
        e = b - (s - a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddV(Vector256<double> xh, Vector256<double> xl, Vector256<double> yh, Vector256<double> yl,
        out Vector256<double> zh, out Vector256<double> zl)
    {
        TwoSumV(xh, yh, out var sh, out var sl);
        TwoSumV(xl, yl, out var th, out var tl);
        var c = sl + th;
        FastTwoSumV(sh, c, out var vh, out var vl);
        var w = tl + vl;
        FastTwoSumV(vh, w, out zh, out zl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulV(Vector256<double> xh, Vector256<double> xl, Vector256<double> yh, Vector256<double> yl,
        out Vector256<double> zh, out Vector256<double> zl)
    {
        var ch = xh * yh;
        var cl1 = Fma.MultiplySubtract(xh, yh, ch); // xh*yh - ch, one rounding: the scalar fma(xh, yh, -ch)
        var tl0 = xl * yl;
        var tl1 = Fma.MultiplyAdd(xh, yl, tl0);
        var cl2 = Fma.MultiplyAdd(xl, yh, tl1);
        var cl3 = cl1 + cl2;
        FastTwoSumV(ch, cl3, out zh, out zl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DivV(Vector256<double> xh, Vector256<double> xl, Vector256<double> yh, Vector256<double> yl,
        out Vector256<double> zh, out Vector256<double> zl)
    {
        var th = xh / yh;
        var ch = yh * th;
        var cl1 = Fma.MultiplySubtract(yh, th, ch);
        var cl2 = yl * th;
        FastTwoSumV(ch, cl2, out var t1h, out var tl1);
        var tl2 = tl1 + cl1;
        FastTwoSumV(t1h, tl2, out var rh, out var rl);
        var pih = xh - rh;
        var dl = xl - rl;
        var d = pih + dl;
        var tl = d / yh;
        FastTwoSumV(th, tl, out zh, out zl);
    }

    private static int CheckLengths(int a, int b, int c, int d, int e, int f)
    {
        if (a != b || a != c || a != d || a != e || a != f) throw new ArgumentException("All spans must have the same length.");
        return a;
    }
}
