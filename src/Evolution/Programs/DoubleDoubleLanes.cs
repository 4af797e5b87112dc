using System.Runtime.CompilerServices;

namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// Lane-wise double-double arithmetic (value = hi + lo, |lo| &lt;= ulp(hi)/2) for the tape evaluator: the same
/// operation sequences as the scalar <see cref="Numerics.DoubleDouble"/> (tested bit for bit). Algorithms from Joldes, Muller, Popescu, "Tight and rigorous error bounds for
/// basic building blocks of double-word arithmetic" (TOMS 2017), relative error bounds with u = 2^-53:
/// add AccurateDWPlusDW 3u^2, mul DWTimesDW3 5u^2 (Muller-Rideau 2022), div DWDivDW2 15u^2. TwoProd uses FMA. Generic over the lane
/// width so the scalar (constant-subgraph) and vector paths give bit-identical results.
/// Non-finite inputs give a non-finite hi (lo may be NaN): callers should reject on !IsFinite(hi).
/// </summary>
internal static class DoubleDoubleLanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TwoSum<T>(T a, T b, out T s, out T e) where T : struct, ILanes<T>
    {
        s = T.Add(a, b);
        T bb = T.Sub(s, a);
        e = T.Add(T.Sub(a, T.Sub(s, bb)), T.Sub(b, bb));
    }

    /// <summary>Exact when |a| &gt;= |b| (or a = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FastTwoSum<T>(T a, T b, out T s, out T e) where T : struct, ILanes<T>
    {
        s = T.Add(a, b);
        e = T.Sub(b, T.Sub(s, a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TwoProd<T>(T a, T b, out T p, out T e) where T : struct, ILanes<T>
    {
        p = T.Mul(a, b);
        e = T.Fma(a, b, T.Neg(p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T>
    {
        TwoSum(ah, bh, out T sh, out T sl);
        TwoSum(al, bl, out T th, out T tl);
        T c = T.Add(sl, th);
        FastTwoSum(sh, c, out T vh, out T vl);
        T w = T.Add(tl, vl);
        FastTwoSum(vh, w, out zh, out zl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T>
        => Add(ah, al, T.Neg(bh), T.Neg(bl), out zh, out zl);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T>
    {
        TwoProd(ah, bh, out T ch, out T cl1);
        T tl0 = T.Mul(al, bl);
        T tl1 = T.Fma(ah, bl, tl0);
        T cl2 = T.Fma(al, bh, tl1);
        T cl3 = T.Add(cl1, cl2);
        FastTwoSum(ch, cl3, out zh, out zl);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Div<T>(T ah, T al, T bh, T bl, out T zh, out T zl) where T : struct, ILanes<T>
    {
        T th = T.Div(ah, bh);
        // r = b * th as a double-double (DWTimesFP3-style with FMA)
        TwoProd(bh, th, out T ch, out T cl1);
        T cl2 = T.Mul(bl, th);
        FastTwoSum(ch, cl2, out T rh0, out T tl1);
        T tl2 = T.Add(tl1, cl1);
        FastTwoSum(rh0, tl2, out T rh, out T rl);
        T pih = T.Sub(ah, rh);
        T dl = T.Sub(al, rl);
        T d = T.Add(pih, dl);
        T tl = T.Div(d, bh);
        FastTwoSum(th, tl, out zh, out zl);
    }

    /// <summary>a * b + c in double-double: a double-double product then sum (no extra rounding to double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fma<T>(T ah, T al, T bh, T bl, T ch, T cl, out T zh, out T zl) where T : struct, ILanes<T>
    {
        Mul(ah, al, bh, bl, out T ph, out T pl);
        Add(ph, pl, ch, cl, out zh, out zl);
    }
}
