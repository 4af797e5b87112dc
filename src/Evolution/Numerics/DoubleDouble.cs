using System.Globalization;
using System.Runtime.CompilerServices;
using AutoNumerics.Oracles.Mpfr;

namespace AutoNumerics.Evolution.Numerics;

/// <summary>
/// A double-word ("double-double") number: the unevaluated sum Hi + Lo with Hi = RN(Hi + Lo), i.e. |Lo| &lt;= ulp(Hi)/2.
/// About 106 significant bits with the exponent range of binary64.
/// <para>
/// Algorithms and relative error bounds (u = 2^-53, so u^2 = 2^-106) are those of M. Joldes, J.-M. Muller,
/// V. Popescu, "Tight and rigorous error bounds for basic building blocks of double-word arithmetic",
/// ACM TOMS 44(2), 2017, all with FMA-based TwoProd:
/// <list type="bullet">
/// <item>dd + dd: AccurateDWPlusDW (Alg. 6), |err| &lt;= 3u^2 + 13u^3 (about 2^-104.4), also when the operands cancel.</item>
/// <item>dd + double: DWPlusFP (Alg. 4), |err| &lt;= 2u^2.</item>
/// <item>dd * double: DWTimesFP3 (Alg. 9), |err| &lt;= 2u^2.</item>
/// <item>dd * dd: DWTimesDW3 (Alg. 12), |err| &lt;= 5u^2 (the bound as corrected by Muller and Rideau, 2022; JMP state 4u^2).</item>
/// <item>dd / double: DWDivFP3 (Alg. 15), |err| &lt;= 3u^2.</item>
/// <item>dd / dd: DWDivDW2 (Alg. 17), |err| &lt;= 15u^2 + 56u^3 (about 2^-102.1).</item>
/// </list>
/// The bounds assume no overflow and no underflow (results and intermediates far from 2^-1022 and 2^1024).
/// The tape evaluator's lane form (Programs/DoubleDoubleLanes) runs exactly the same operation sequences at every
/// SIMD width, so the batch and scalar forms agree bit for bit (tested).
/// </para>
/// </summary>
public readonly struct DoubleDouble : IEquatable<DoubleDouble>, IComparable<DoubleDouble>
{
    public readonly double Hi;
    public readonly double Lo;

    /// <summary>Unit roundoff of binary64, u = 2^-53.</summary>
    public const double U = 1.1102230246251565e-16;

    /// <summary>Builds from a pair that the caller guarantees is normalized (|lo| &lt;= ulp(hi)/2).</summary>
    public DoubleDouble(double hi, double lo) { Hi = hi; Lo = lo; }

    public static readonly DoubleDouble Zero = new(0, 0);
    public static readonly DoubleDouble One = new(1, 0);

    /// <summary>Normalizes an arbitrary pair with one TwoSum (no precondition on magnitudes).</summary>
    public static DoubleDouble FromSum(double a, double b) { double s = TwoSum(a, b, out double e); return new(s, e); }

    // ---- error-free transformations ---------------------------------------------------------------------------

    /// <summary>Knuth's TwoSum: s = RN(a+b) and e = a + b - s exactly, for any a, b (6 flops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TwoSum(double a, double b, out double e)
    {
        double s = a + b;
        double bb = s - a;
        e = (a - (s - bb)) + (b - bb);
        return s;
    }

    /// <summary>Dekker's FastTwoSum: exact when the exponent of a is at least that of b (e.g. |a| &gt;= |b|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FastTwoSum(double a, double b, out double e)
    {
        double s = a + b;
        e = b - (s - a);
        return s;
    }

    /// <summary>p = RN(a*b), e = a*b - p exactly (FMA), barring underflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TwoProd(double a, double b, out double e)
    {
        double p = a * b;
        e = Math.FusedMultiplyAdd(a, b, -p);
        return p;
    }

    // ---- arithmetic ---------------------------------------------------------------------------------------------

    /// <summary>AccurateDWPlusDW (JMP Alg. 6): relative error &lt;= 3u^2 + 13u^3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Add(double xh, double xl, double yh, double yl)
    {
        double sh = TwoSum(xh, yh, out double sl);
        double th = TwoSum(xl, yl, out double tl);
        double c = sl + th;
        double vh = FastTwoSum(sh, c, out double vl);
        double w = tl + vl;
        double zh = FastTwoSum(vh, w, out double zl);
        return new(zh, zl);
    }

    /// <summary>DWPlusFP (JMP Alg. 4): relative error &lt;= 2u^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Add(double xh, double xl, double y)
    {
        double sh = TwoSum(xh, y, out double sl);
        double v = xl + sl;
        double zh = FastTwoSum(sh, v, out double zl);
        return new(zh, zl);
    }

    /// <summary>DWTimesDW3 (JMP Alg. 12): relative error &lt;= 5u^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Mul(double xh, double xl, double yh, double yl)
    {
        double ch = TwoProd(xh, yh, out double cl1);
        double tl0 = xl * yl;
        double tl1 = Math.FusedMultiplyAdd(xh, yl, tl0);
        double cl2 = Math.FusedMultiplyAdd(xl, yh, tl1);
        double cl3 = cl1 + cl2;
        double zh = FastTwoSum(ch, cl3, out double zl);
        return new(zh, zl);
    }

    /// <summary>DWTimesFP3 (JMP Alg. 9): relative error &lt;= 2u^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Mul(double xh, double xl, double y)
    {
        double ch = TwoProd(xh, y, out double cl1);
        double cl3 = Math.FusedMultiplyAdd(xl, y, cl1);
        double zh = FastTwoSum(ch, cl3, out double zl);
        return new(zh, zl);
    }

    /// <summary>DWDivDW2 (JMP Alg. 17), with DWTimesFP1 for y*th: relative error &lt;= 15u^2 + 56u^3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Div(double xh, double xl, double yh, double yl)
    {
        double th = xh / yh;
        // DWTimesFP1(yh, yl, th) (JMP Alg. 7)
        double ch = TwoProd(yh, th, out double cl1);
        double cl2 = yl * th;
        double t1h = FastTwoSum(ch, cl2, out double tl1);
        double tl2 = tl1 + cl1;
        double rh = FastTwoSum(t1h, tl2, out double rl);
        double pih = xh - rh;
        double dl = xl - rl;
        double d = pih + dl;
        double tl = d / yh;
        double zh = FastTwoSum(th, tl, out double zl);
        return new(zh, zl);
    }

    /// <summary>DWDivFP3 (JMP Alg. 15): relative error &lt;= 3u^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Div(double xh, double xl, double y)
    {
        double th = xh / y;
        double pih = TwoProd(th, y, out double pil);
        double dh = xh - pih;
        double dt = dh - pil;
        double d = dt + xl;
        double tl = d / y;
        double zh = FastTwoSum(th, tl, out double zl);
        return new(zh, zl);
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b) => Add(a.Hi, a.Lo, b.Hi, b.Lo);
    public static DoubleDouble operator +(DoubleDouble a, double b) => Add(a.Hi, a.Lo, b);
    public static DoubleDouble operator +(double a, DoubleDouble b) => Add(b.Hi, b.Lo, a);
    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => Add(a.Hi, a.Lo, -b.Hi, -b.Lo);
    public static DoubleDouble operator -(DoubleDouble a, double b) => Add(a.Hi, a.Lo, -b);
    public static DoubleDouble operator -(double a, DoubleDouble b) => Add(-b.Hi, -b.Lo, a);
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b) => Mul(a.Hi, a.Lo, b.Hi, b.Lo);
    public static DoubleDouble operator *(DoubleDouble a, double b) => Mul(a.Hi, a.Lo, b);
    public static DoubleDouble operator *(double a, DoubleDouble b) => Mul(b.Hi, b.Lo, a);
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b) => Div(a.Hi, a.Lo, b.Hi, b.Lo);
    public static DoubleDouble operator /(DoubleDouble a, double b) => Div(a.Hi, a.Lo, b);
    public static DoubleDouble operator /(double a, DoubleDouble b) => Div(a, 0, b.Hi, b.Lo);

    /// <summary>a*b + c as Mul then Add (two roundings, each within its bound above; there is no fused dd FMA).</summary>
    public static DoubleDouble MulAdd(DoubleDouble a, DoubleDouble b, DoubleDouble c) => a * b + c;

    /// <summary>Exact product of two doubles as a double-double (TwoProd).</summary>
    public static DoubleDouble Product(double a, double b) { double p = TwoProd(a, b, out double e); return new(p, e); }

    public DoubleDouble Abs() => Hi < 0 || (Hi == 0 && Lo < 0) ? -this : this;
    public bool IsFinite => double.IsFinite(Hi) && double.IsFinite(Lo);
    public bool IsNaN => double.IsNaN(Hi) || double.IsNaN(Lo);

    // ---- conversions and comparisons ----------------------------------------------------------------------------

    public static implicit operator DoubleDouble(double d) => new(d, 0);
    /// <summary>The nearest double, which for a normalized pair is Hi.</summary>
    public static explicit operator double(DoubleDouble d) => d.Hi + d.Lo;
    public double ToDouble() => Hi + Lo;

    public int CompareTo(DoubleDouble other) => Hi != other.Hi ? Hi.CompareTo(other.Hi) : Lo.CompareTo(other.Lo);
    public bool Equals(DoubleDouble other) => Hi.Equals(other.Hi) && Lo.Equals(other.Lo);
    public override bool Equals(object? obj) => obj is DoubleDouble d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(Hi, Lo);
    public static bool operator ==(DoubleDouble a, DoubleDouble b) => a.Hi == b.Hi && a.Lo == b.Lo;
    public static bool operator !=(DoubleDouble a, DoubleDouble b) => !(a == b);
    public static bool operator <(DoubleDouble a, DoubleDouble b) => a.Hi < b.Hi || (a.Hi == b.Hi && a.Lo < b.Lo);
    public static bool operator >(DoubleDouble a, DoubleDouble b) => b < a;
    public static bool operator <=(DoubleDouble a, DoubleDouble b) => !(b < a);
    public static bool operator >=(DoubleDouble a, DoubleDouble b) => !(a < b);

    /// <summary>
    /// Bits an MPFR value needs to hold Hi + Lo exactly: the span from Hi's leading bit to Lo's last bit
    /// (at least 53; 107 for a typical pair, more when Lo is tiny compared with Hi).
    /// </summary>
    public int ExactPrecision
    {
        get
        {
            if (Lo == 0 || Hi == 0 || !IsFinite) return 53;
            return Math.Max(53, Math.ILogB(Hi) - Math.ILogB(Lo) + 54);
        }
    }

    /// <summary>Writes Hi + Lo into <paramref name="target"/>, rounded to nearest; exact when target.Precision &gt;= <see cref="ExactPrecision"/>.</summary>
    public void ToMpfr(MpfrValue target)
    {
        target.Set(Hi, MpfrRounding.Nearest);
        if (Lo != 0)
        {
            using var lo = new MpfrValue(53, Lo);
            target.Add(target, lo, MpfrRounding.Nearest);
        }
    }

    /// <summary>A new MPFR value holding Hi + Lo exactly (precision max(<paramref name="minPrecision"/>, ExactPrecision)).</summary>
    public MpfrValue ToMpfr(int minPrecision = 128)
    {
        var v = new MpfrValue(Math.Max(minPrecision, ExactPrecision));
        ToMpfr(v);
        return v;
    }

    /// <summary>
    /// The double-double nearest to an MPFR value (Hi = RN(v), Lo = RN(v - Hi)); relative error &lt;= 2^-106 when v
    /// has at least 106 bits. v - Hi is computed exactly: it is the rounding error of Hi, which fits v's precision.
    /// </summary>
    public static DoubleDouble FromMpfr(MpfrValue v)
    {
        double hi = v.ToDouble(MpfrRounding.Nearest);
        if (!double.IsFinite(hi) || v.IsZero) return new(hi, 0);
        using var r = new MpfrValue(Math.Max(53, v.Precision));
        using var h = new MpfrValue(53, hi);
        r.Sub(v, h, MpfrRounding.Nearest);
        return new(hi, r.ToDouble(MpfrRounding.Nearest));
    }

    /// <summary>Parses a base-10 number ("2.718281828459045235360287471352662497757") through MPFR at 256 bits.</summary>
    public static DoubleDouble Parse(string text)
    {
        using var v = new MpfrValue(256);
        v.Set(text.Trim(), MpfrRounding.Nearest);
        return FromMpfr(v);
    }

    /// <summary>About 33 significant digits, through MPFR.</summary>
    public override string ToString()
    {
        if (!IsFinite) return Hi.ToString(CultureInfo.InvariantCulture);
        using var v = ToMpfr();
        return v.ToString(33);
    }
}
