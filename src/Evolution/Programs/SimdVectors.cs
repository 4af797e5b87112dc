using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// The lane operations the tape kernels need, as static abstract members so one generic kernel body is specialized
/// by the JIT for each width (the dotnet/runtime VectorMath pattern). Every implementation is IEEE-exact per lane:
/// + - * / correctly rounded, Fma with a single rounding, so all widths give bit-identical results.
/// </summary>
internal unsafe interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Load(double* p);
    static abstract void Store(TSelf v, double* p);
    static abstract TSelf Broadcast(double v);
    static abstract TSelf Add(TSelf a, TSelf b);
    static abstract TSelf Sub(TSelf a, TSelf b);
    static abstract TSelf Mul(TSelf a, TSelf b);
    static abstract TSelf Div(TSelf a, TSelf b);
    static abstract TSelf Neg(TSelf a);
    /// <summary>a * b + c rounded once.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);
    /// <summary>Per lane: (hi, lo) where both are finite, else (plain, 0): double-double's IEEE special-value rule
    /// (an infinity turns the double-double algorithms' error terms into NaN; the IEEE double result is what the
    /// program means there, see Interpreter.EvaluateDoubleDouble).</summary>
    static abstract void FiniteOr(ref TSelf hi, ref TSelf lo, TSelf plain);
}

/// <summary>Scalar fallback, also used for the once-per-program constant-subgraph evaluation.</summary>
internal readonly unsafe struct Lanes1 : ILanes<Lanes1>
{
    public readonly double V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lanes1(double v) => V = v;
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Load(double* p) => new(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes1 v, double* p) => *p = v.V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Broadcast(double v) => new(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Add(Lanes1 a, Lanes1 b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Sub(Lanes1 a, Lanes1 b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Mul(Lanes1 a, Lanes1 b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Div(Lanes1 a, Lanes1 b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Neg(Lanes1 a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes1 Fma(Lanes1 a, Lanes1 b, Lanes1 c) => new(Math.FusedMultiplyAdd(a.V, b.V, c.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteOr(ref Lanes1 hi, ref Lanes1 lo, Lanes1 plain)
    {
        if (double.IsFinite(hi.V) && double.IsFinite(lo.V)) return;
        hi = plain; lo = new(0);
    }
}

internal readonly unsafe struct Lanes128 : ILanes<Lanes128>
{
    public readonly Vector128<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lanes128(Vector128<double> v) => V = v;
    public static int Count => Vector128<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Load(double* p) => new(Vector128.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes128 v, double* p) => v.V.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Broadcast(double v) => new(Vector128.Create(v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Add(Lanes128 a, Lanes128 b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Sub(Lanes128 a, Lanes128 b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Mul(Lanes128 a, Lanes128 b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Div(Lanes128 a, Lanes128 b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Neg(Lanes128 a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes128 Fma(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a.V, b.V, c.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteOr(ref Lanes128 hi, ref Lanes128 lo, Lanes128 plain)
    {
        // lo - lo is 0 exactly when lo is finite; a non-finite hi always leaves a non-finite lo (the final
        // FastTwoSum computes lo = w - (hi - v), and hi - v is inf - inf or inf when hi is not finite).
        var finite = Vector128.Equals(lo.V - lo.V, Vector128<double>.Zero);
        hi = new(Vector128.ConditionalSelect(finite, hi.V, plain.V));
        lo = new(finite & lo.V);
    }
}

internal readonly unsafe struct Lanes256 : ILanes<Lanes256>
{
    public readonly Vector256<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lanes256(Vector256<double> v) => V = v;
    public static int Count => Vector256<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Load(double* p) => new(Vector256.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes256 v, double* p) => v.V.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Broadcast(double v) => new(Vector256.Create(v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Add(Lanes256 a, Lanes256 b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Sub(Lanes256 a, Lanes256 b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Mul(Lanes256 a, Lanes256 b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Div(Lanes256 a, Lanes256 b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Neg(Lanes256 a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes256 Fma(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.V, b.V, c.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteOr(ref Lanes256 hi, ref Lanes256 lo, Lanes256 plain)
    {
        // lo - lo is 0 exactly when lo is finite; a non-finite hi always leaves a non-finite lo (the final
        // FastTwoSum computes lo = w - (hi - v), and hi - v is inf - inf or inf when hi is not finite).
        var finite = Vector256.Equals(lo.V - lo.V, Vector256<double>.Zero);
        hi = new(Vector256.ConditionalSelect(finite, hi.V, plain.V));
        lo = new(finite & lo.V);
    }
}

internal readonly unsafe struct Lanes512 : ILanes<Lanes512>
{
    public readonly Vector512<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public Lanes512(Vector512<double> v) => V = v;
    public static int Count => Vector512<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Load(double* p) => new(Vector512.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Lanes512 v, double* p) => v.V.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Broadcast(double v) => new(Vector512.Create(v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Add(Lanes512 a, Lanes512 b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Sub(Lanes512 a, Lanes512 b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Mul(Lanes512 a, Lanes512 b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Div(Lanes512 a, Lanes512 b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Neg(Lanes512 a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Lanes512 Fma(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.V, b.V, c.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FiniteOr(ref Lanes512 hi, ref Lanes512 lo, Lanes512 plain)
    {
        // lo - lo is 0 exactly when lo is finite; a non-finite hi always leaves a non-finite lo (the final
        // FastTwoSum computes lo = w - (hi - v), and hi - v is inf - inf or inf when hi is not finite).
        var finite = Vector512.Equals(lo.V - lo.V, Vector512<double>.Zero);
        hi = new(Vector512.ConditionalSelect(finite, hi.V, plain.V));
        lo = new(finite & lo.V);
    }
}
