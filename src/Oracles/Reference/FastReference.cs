using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoNumerics.Oracles.Reference;

/// <summary>
/// The verifier's fast reference: f(x) evaluated in binary64 by glibc's libm, with a stated error bound.
/// <para>
/// Why not MPFR everywhere: an exhaustive sweep is 2^32 evaluations, hours in MPFR, seconds here. Why this is safe:
/// glibc documents the largest known errors of its binary64 functions on x86-64 (at most 5 double ULPs, erfc; most are
/// at most 1-2), i.e. a relative error below 2^-49.7. We assume a bound 2^-44, a 50-fold margin, plus an absolute
/// 2^-1060 for results in binary64's subnormal range. Every decision of the verifier that this bound could change
/// (the correctly rounded float32, the ULP error's histogram bin, its binade, the maximum) is re-decided by MPFR, so
/// figures equal those of MPFR alone as long as the bound holds; the tests check the bound against MPFR on samples.
/// </para>
/// </summary>
public static unsafe class FastReference
{
    /// <summary>Assumed bound on |reference - exact| / |exact|.</summary>
    public const double RelativeBound = 5.684341886080802e-14; // 2^-44

    /// <summary>Assumed bound on |reference - exact| below binary64's normal range.</summary>
    public const double AbsoluteBound = 8.6e-320; // ~2^-1060, well above binary64's 2^-1074 spacing there

    /// <summary>The bound on |reference - exact| at a reference value v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ErrorBound(double v) => Math.Abs(v) * RelativeBound + AbsoluteBound;

    /// <summary>A function pointer to the binary64 reference of f.</summary>
    public static delegate*<double, double> For(MathFunction f) => f switch
    {
        MathFunction.Exp => &Libm.exp,
        MathFunction.Exp2 => &Libm.exp2,
        MathFunction.Expm1 => &Libm.expm1,
        MathFunction.Log => &Libm.log,
        MathFunction.Log2 => &Libm.log2,
        MathFunction.Log10 => &Libm.log10,
        MathFunction.Log1p => &Libm.log1p,
        MathFunction.Sin => &Libm.sin,
        MathFunction.Cos => &Libm.cos,
        MathFunction.Tan => &Libm.tan,
        MathFunction.Sinh => &Libm.sinh,
        MathFunction.Cosh => &Libm.cosh,
        MathFunction.Tanh => &Libm.tanh,
        MathFunction.Sigmoid => &Sigmoid,
        MathFunction.Erf => &Libm.erf,
        MathFunction.Erfc => &Libm.erfc,
        MathFunction.Sqrt => &Libm.sqrt,
        MathFunction.Cbrt => &Libm.cbrt,
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static double Evaluate(MathFunction f, double x) => For(f)(x);

    /// <summary>
    /// 1/(1+e^-x) for x &gt;= 0 and e^x/(1+e^x) below, so that e^-x never overflows where the result is still above
    /// binary64's underflow: about 3 double ULPs of rounding, far inside the bound.
    /// </summary>
    static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Libm.exp(-x));
        double e = Libm.exp(x);
        return e / (1.0 + e);
    }

    /// <summary>glibc's libm, bound explicitly so the reference (and its documented accuracy) is known, not whatever a
    /// runtime happens to map Math.* to. The calls are short and never block: no GC transition needed.</summary>
    static class Libm
    {
        const string Lib = "libm.so.6";
#pragma warning disable IDE1006, SYSLIB1054 // C names; DllImport keeps the binding terse
        [DllImport(Lib), SuppressGCTransition] public static extern double exp(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double exp2(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double expm1(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double log(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double log2(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double log10(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double log1p(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double sin(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double cos(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double tan(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double sinh(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double cosh(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double tanh(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double erf(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double erfc(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double sqrt(double x);
        [DllImport(Lib), SuppressGCTransition] public static extern double cbrt(double x);
#pragma warning restore IDE1006, SYSLIB1054
    }
}
