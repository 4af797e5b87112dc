using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoNumerics.Oracles.Reference;

/// <summary>
/// A reference value Base + Delta, where Base is exact (0, 0.5, 1, -1 or 2) and only Delta carries the reference's
/// error. Near the points where a function tends to a float (exp(x) -> 1 as x -> 0, tanh(x) -> 1 as x grows), the
/// interesting part of the value is the tiny Delta: keeping it apart keeps the error bound tiny too, so the verifier
/// can still decide the correctly rounded float and the ULP error there without asking MPFR.
/// </summary>
/// <para>SideCertain says the exact value lies strictly on Delta's side of Base (by mathematics: exp &gt; 0,
/// tanh &lt; 1, erfc &lt; 2, ...), so where Delta underflows to +-0 the exact value still has a known side: +0 and
/// not -0 as the rounding of exp(-1000), the binade below 1 for tanh(500).</para>
public readonly record struct ReferenceValue(double Base, double Delta, bool SideCertain = false)
{
    public double Value => Base + Delta;

    /// <summary>Bound on |exact - (Base + Delta)|, under <see cref="FastReference"/>'s assumption.</summary>
    public double ErrorBound => Math.Abs(Delta) * FastReference.RelativeBound + FastReference.AbsoluteBound;
}

/// <summary>
/// The verifier's fast reference: f(x) evaluated in binary64 by glibc's libm, with a stated error bound.
/// <para>
/// Why not MPFR everywhere: an exhaustive sweep is 2^32 evaluations, hours in MPFR, seconds here. Why this is safe:
/// glibc documents the largest known errors of its binary64 functions on x86-64 (at most 5 double ULPs, erfc; most are
/// at most 1-2), i.e. a relative error below 2^-49.7. We assume a bound 2^-44 relative to Delta, a 50-fold margin,
/// plus an absolute 2^-1021 for results near binary64's subnormal range. The few places where a value is composed here
/// (1 + expm1-style splits, short Taylor series for |x| &lt; 2^-16 whose truncation error is below 2^-60 relative)
/// stay within a few double ULPs as well. Every decision of the verifier that this bound could change (the correctly
/// rounded float32, the ULP error's histogram bin, the binade of the exact value, the maximum) is re-decided by MPFR,
/// so figures equal those of MPFR alone as long as the bound holds; the tests check the bound against MPFR.
/// </para>
/// </summary>
public static unsafe class FastReference
{
    /// <summary>Assumed bound on |reference - exact| / |Delta|.</summary>
    public const double RelativeBound = 5.684341886080802e-14; // 2^-44

    /// <summary>Assumed absolute bound on |reference - exact|, for results in binary64's subnormal range (spacing
    /// 2^-1074). 2^-1021 is itself a normal double: subnormal operands would cost a microcode assist on every
    /// input's bound. Against float32's smallest ULP 2^-149 it is still negligible.</summary>
    public const double AbsoluteBound = 4.450147717014403e-308; // 2^-1021

    const double Small = 1.52587890625e-05; // 2^-16: below it the Taylor splits are exact to 2^-60
    const double TwoOverSqrtPi = 1.1283791670955126;
    const double Ln2 = 0.6931471805599453;

    /// <summary>A function pointer to the reference of f.</summary>
    public static delegate*<double, ReferenceValue> For(MathFunction f) => f switch
    {
        MathFunction.Exp => &Exp,
        MathFunction.Exp2 => &Exp2,
        MathFunction.Expm1 => &Expm1,
        MathFunction.Log => &Log,
        MathFunction.Log2 => &Log2,
        MathFunction.Log10 => &Log10,
        MathFunction.Log1p => &Log1p,
        MathFunction.Sin => &Sin,
        MathFunction.Cos => &Cos,
        MathFunction.Tan => &Tan,
        MathFunction.Sinh => &Sinh,
        MathFunction.Cosh => &Cosh,
        MathFunction.Tanh => &Tanh,
        MathFunction.Sigmoid => &Sigmoid,
        MathFunction.Erf => &Erf,
        MathFunction.Erfc => &Erfc,
        MathFunction.Sqrt => &Sqrt,
        MathFunction.Cbrt => &Cbrt,
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static ReferenceValue Evaluate(MathFunction f, double x) => For(f)(x);

    [ThreadStatic] static double[]? t_values;

    /// <summary>The reference for a block of inputs: the same values as <see cref="For"/> element by element,
    /// with e^x and 2^x from the vectorized <see cref="VectorExp"/>.</summary>
    public static void Evaluate(MathFunction f, ReadOnlySpan<float> x, Span<ReferenceValue> result)
    {
        var scalar = For(f);
        if (f is MathFunction.Exp or MathFunction.Exp2)
        {
            if (t_values is null || t_values.Length < x.Length) t_values = new double[x.Length];
            var values = t_values.AsSpan(0, x.Length);
            VectorExp.Evaluate(x, values, base2: f == MathFunction.Exp2);
            for (int i = 0; i < x.Length; i++)
            {
                float xi = x[i];
                result[i] = float.IsNaN(xi) ? scalar(xi)
                    : Math.Abs(xi) < VectorExp.Small ? Beside(1, values[i], xi)
                    : Positive(values[i]);
            }
            return;
        }
        for (int i = 0; i < x.Length; i++) result[i] = scalar(x[i]);
    }

    static ReferenceValue Plain(double v) => new(0, v);

    /// <summary>e^x, skipping glibc's overflow and underflow paths (they set errno and are several times slower):
    /// below -746 the result is under binary64's least subnormal, above 710 beyond its range.</summary>
    static double ExpInRange(double x) => x < -746 ? 0 : x > 710 ? double.PositiveInfinity : Libm.exp(x);

    static ReferenceValue Positive(double v) => new(0, v, true);

    /// <summary>Base + Delta with Delta's side certain, except at the exact point (x = 0) where Delta is exactly 0.</summary>
    static ReferenceValue Beside(double b, double delta, double x) => new(b, delta, x != 0);

    static ReferenceValue Exp(double x) =>
        Math.Abs(x) < Small ? Beside(1, x + x * x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24))), x) : Positive(ExpInRange(x));

    static ReferenceValue Exp2(double x)
    {
        if (Math.Abs(x) >= Small) return Positive(x < -1075 ? 0 : x > 1024 ? double.PositiveInfinity : Libm.exp2(x));
        double t = x * Ln2; // relative rounding 2^-53 plus ln 2's own 2^-54: inside the bound
        return Beside(1, t + t * t * (0.5 + t * (1.0 / 6 + t * (1.0 / 24))), x);
    }

    // expm1 -> -1 as x -> -inf: keep the distance to -1 apart.
    // Near 0 several functions are x plus a tiny odd or even correction: carried as Base x (a float, so exact) +
    // Delta, so that an output one ULP from x is judged against the correction itself, not against a bound 2^-44 |x|
    // wider than it. Truncation errors are below 2^-60 relative to Delta for |x| < 2^-16.
    static ReferenceValue Expm1(double x) => Math.Abs(x) < Small ? Beside(x, x * x * (0.5 + x * (1.0 / 6 + x * (1.0 / 24))), x) : x < -1 ? new(-1, ExpInRange(x), true) : Plain(x > 710 ? double.PositiveInfinity : Libm.expm1(x));

    static ReferenceValue Log(double x) => Plain(Libm.log(x));
    static ReferenceValue Log2(double x) => Plain(Libm.log2(x));
    static ReferenceValue Log10(double x) => Plain(Libm.log10(x));
    static ReferenceValue Log1p(double x) => Math.Abs(x) < Small ? Beside(x, x * x * (-0.5 + x * (1.0 / 3 + x * (-0.25 + x * 0.2))), x) : Plain(Libm.log1p(x));
    static ReferenceValue Sin(double x) => Math.Abs(x) < Small ? Beside(x, x * x * x * (-1.0 / 6 + x * x * (1.0 / 120)), x) : Plain(Libm.sin(x));

    static ReferenceValue Cos(double x)
    {
        if (Math.Abs(x) >= Small) return Plain(Libm.cos(x));
        double x2 = x * x;
        return Beside(1, x2 * (-0.5 + x2 * (1.0 / 24)), x);
    }

    static ReferenceValue Tan(double x) => Math.Abs(x) < Small ? Beside(x, x * x * x * (1.0 / 3 + x * x * (2.0 / 15)), x) : Plain(Libm.tan(x));
    static ReferenceValue Sinh(double x) => Math.Abs(x) < Small ? Beside(x, x * x * x * (1.0 / 6 + x * x * (1.0 / 120)), x) : Plain(Math.Abs(x) > 711 ? x * double.PositiveInfinity : Libm.sinh(x));

    static ReferenceValue Cosh(double x)
    {
        if (Math.Abs(x) >= Small) return Positive(Math.Abs(x) > 711 ? double.PositiveInfinity : Libm.cosh(x));
        double x2 = x * x;
        return Beside(1, x2 * (0.5 + x2 * (1.0 / 24)), x);
    }

    // tanh -> +-1: +-(1 - 2t/(1 + t)) with t = e^-2|x|, the distance to 1 computed with relative accuracy (and
    // underflowing gracefully rather than through an overflowed e^2|x|).
    static ReferenceValue Tanh(double x)
    {
        double a = Math.Abs(x);
        if (a < Small) return Beside(x, x * x * x * (-1.0 / 3 + x * x * (2.0 / 15)), x);
        if (a <= 1 || double.IsNaN(x)) return Plain(Libm.tanh(x));
        double t = ExpInRange(-2 * a);
        double distance = 2 * t / (1 + t);
        return x > 0 ? new(1, -distance, true) : new(-1, distance, true);
    }

    /// <summary>1/(1+e^-x), split as 1 - e^-x/(1+e^-x) for large x and 1/2 + x/4 - x^3/48 near 0; e^x/(1+e^x) for
    /// x &lt; 0 so e^-x never overflows where the result is still above binary64's underflow.</summary>
    static ReferenceValue Sigmoid(double x)
    {
        if (Math.Abs(x) < Small) return Beside(0.5, x * (0.25 - x * x * (1.0 / 48)), x);
        if (x > 1)
        {
            double e = ExpInRange(-x);
            return new(1, -e / (1 + e), true);
        }
        if (x >= 0) return Positive(1.0 / (1.0 + Libm.exp(-x)));
        double ex = ExpInRange(x);
        return Positive(ex / (1.0 + ex));
    }

    static ReferenceValue Erf(double x)
    {
        if (x > 1) return new(1, -Libm.erfc(x), true);
        if (x < -1) return new(-1, Libm.erfc(-x), true);
        return Plain(Libm.erf(x));
    }

    static ReferenceValue Erfc(double x)
    {
        if (Math.Abs(x) < Small) return Beside(1, -TwoOverSqrtPi * x * (1 - x * x * (1.0 / 3)), x);
        if (x < -1) return new(2, -Libm.erfc(-x), true);
        return Positive(Libm.erfc(x));
    }

    static ReferenceValue Sqrt(double x) => Plain(Libm.sqrt(x));
    static ReferenceValue Cbrt(double x) => Plain(Libm.cbrt(x));

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
