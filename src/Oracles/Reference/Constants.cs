using System.Globalization;
using AutoNumerics.Oracles.Mpfr;
using static AutoNumerics.Oracles.Mpfr.MpfrNative;

namespace AutoNumerics.Oracles.Reference;

/// <summary>Named mathematical constants available as decimal strings through <see cref="Constants.Digits(MathConstant, int)"/>.</summary>
public enum MathConstant { Pi, E, Ln2, Catalan, EulerGamma, GoldenRatio, Apery }

/// <summary>
/// High-precision constants. Each setter writes the constant correctly rounded to the target's precision in
/// direction rnd and returns MPFR's ternary value. Computations run in the widest exponent range.
/// </summary>
public static class Constants
{
    public static int Pi(MpfrValue r, MpfrRounding rnd) => Run(r, rnd, static (p, m) => mpfr_const_pi(p, m));
    public static int Ln2(MpfrValue r, MpfrRounding rnd) => Run(r, rnd, static (p, m) => mpfr_const_log2(p, m));
    public static int EulerGamma(MpfrValue r, MpfrRounding rnd) => Run(r, rnd, static (p, m) => mpfr_const_euler(p, m));
    public static int Catalan(MpfrValue r, MpfrRounding rnd) => Run(r, rnd, static (p, m) => mpfr_const_catalan(p, m));

    /// <summary>e = exp(1), correctly rounded.</summary>
    public static int E(MpfrValue r, MpfrRounding rnd)
    {
        using var one = new MpfrValue(2);
        one.Set(1L, MpfrRounding.Nearest);
        return Run(r, rnd, (p, m) => mpfr_exp(p, one.Ptr, m));
    }

    /// <summary>zeta(n) for n &gt;= 2 (mpfr_zeta_ui), correctly rounded; Zeta(3) is Apery's constant.</summary>
    public static int Zeta(MpfrValue r, uint n, MpfrRounding rnd)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), "zeta(n) is defined here for n >= 2.");
        return Run(r, rnd, (p, m) => mpfr_zeta_ui(p, n, m));
    }

    /// <summary>
    /// (1 + sqrt 5)/2, correctly rounded: sqrt(5) is rounded once; adding 1 stays in the binade [2, 4) so it is
    /// exact at any precision &gt;= 2, and halving is exact. The ternary value is that of the square root.
    /// </summary>
    public static int GoldenRatio(MpfrValue r, MpfrRounding rnd)
    {
        if (r.Precision < 2) throw new ArgumentOutOfRangeException(nameof(r), "GoldenRatio needs precision >= 2.");
        return Run(r, rnd, (p, m) =>
        {
            int t = mpfr_sqrt_ui(p, 5, m);
            mpfr_add_ui(p, p, 1, m);
            mpfr_mul_2si(p, p, -1, m);
            return t;
        });
    }

    public static int Sqrt(MpfrValue r, uint n, MpfrRounding rnd) => Run(r, rnd, (p, m) => mpfr_sqrt_ui(p, n, m));

    public static int Cbrt(MpfrValue r, uint n, MpfrRounding rnd)
    {
        using var nv = new MpfrValue(32);
        nv.Set((ulong)n, MpfrRounding.Nearest); // exact
        return Run(r, rnd, (p, m) => mpfr_rootn_ui(p, nv.Ptr, 3, m));
    }

    /// <summary>Bits needed for <paramref name="decimalDigits"/> significant digits plus 64 guard bits.</summary>
    public static int PrecisionForDigits(int decimalDigits) =>
        (int)Math.Ceiling(decimalDigits * 3.3219280948873623) + 64;

    /// <summary>
    /// The first <paramref name="decimalDigits"/> significant digits, truncated as published tables are
    /// (e.g. Pi, 5 gives "3.1415"). Computed rounded toward zero at 64 guard bits, then rendered toward zero,
    /// so the digits are the true truncation unless the constant has 64+ consecutive equal bits at that spot.
    /// </summary>
    public static string Digits(MathConstant c, int decimalDigits)
    {
        if (decimalDigits < 1) throw new ArgumentOutOfRangeException(nameof(decimalDigits));
        using var r = new MpfrValue(PrecisionForDigits(decimalDigits));
        const MpfrRounding Z = MpfrRounding.TowardZero;
        _ = c switch
        {
            MathConstant.Pi => Pi(r, Z),
            MathConstant.E => E(r, Z),
            MathConstant.Ln2 => Ln2(r, Z),
            MathConstant.Catalan => Catalan(r, Z),
            MathConstant.EulerGamma => EulerGamma(r, Z),
            MathConstant.GoldenRatio => GoldenRatio(r, Z),
            MathConstant.Apery => Zeta(r, 3, Z),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
        };
        return r.ToString(decimalDigits, Z);
    }

    /// <summary>
    /// <see cref="Digits(MathConstant, int)"/> by name: pi, e, ln2 (log2), catalan, euler (gamma), phi (golden),
    /// apery, and the forms zeta(n), sqrt(n), cbrt(n) for an unsigned integer n. Case-insensitive.
    /// </summary>
    public static string Digits(string name, int decimalDigits)
    {
        ArgumentNullException.ThrowIfNull(name);
        string k = name.Trim().ToLowerInvariant().Replace(" ", "");
        MathConstant? c = k switch
        {
            "pi" => MathConstant.Pi,
            "e" => MathConstant.E,
            "ln2" or "log2" => MathConstant.Ln2,
            "catalan" or "g" => MathConstant.Catalan,
            "euler" or "gamma" or "eulergamma" => MathConstant.EulerGamma,
            "phi" or "golden" or "goldenratio" => MathConstant.GoldenRatio,
            "apery" or "zeta3" => MathConstant.Apery,
            _ => null,
        };
        if (c is { } known) return Digits(known, decimalDigits);

        int open = k.IndexOf('(');
        if (open > 0 && k.EndsWith(')') &&
            uint.TryParse(k.AsSpan(open + 1, k.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out uint n))
        {
            string fn = k[..open];
            if (decimalDigits < 1) throw new ArgumentOutOfRangeException(nameof(decimalDigits));
            using var r = new MpfrValue(PrecisionForDigits(decimalDigits));
            const MpfrRounding Z = MpfrRounding.TowardZero;
            switch (fn)
            {
                case "zeta": Zeta(r, n, Z); break;
                case "sqrt": Sqrt(r, n, Z); break;
                case "cbrt": Cbrt(r, n, Z); break;
                default: throw new ArgumentException($"Unknown constant '{name}'.", nameof(name));
            }
            return r.ToString(decimalDigits, Z);
        }
        throw new ArgumentException($"Unknown constant '{name}'. Known: pi, e, ln2, catalan, euler, phi, apery, zeta(n), sqrt(n), cbrt(n).", nameof(name));
    }

    private static int Run(MpfrValue r, MpfrRounding rnd, Func<nint, int, int> op)
    {
        int t;
        using (ExponentRange.Widest()) t = op(r.Ptr, (int)rnd);
        GC.KeepAlive(r);
        return t;
    }
}
