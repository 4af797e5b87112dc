using System.Runtime.CompilerServices;

namespace AutoNumerics.Oracles.Float32;

/// <summary>
/// Float32 bit-level arithmetic: ULP spacing, neighbours, and a bijective order-preserving map between the 2^32 bit
/// patterns and the signed 32-bit integers, so ranges of floats can be enumerated (and split across cores) in value order.
/// </summary>
public static class FloatBits
{
    /// <summary>2^-149, the smallest positive subnormal and the ULP of every value below 2^-126.</summary>
    public const double SmallestUlp = 1.4012984643248171e-45;

    /// <summary>2^128: where an infinite float32 result is placed when its error is measured (DESIGN.md convention).</summary>
    public const double OverflowValue = 3.4028236692093846e38;

    /// <summary>ulp(v) as DESIGN.md defines it: 2^(e-23) for |v| in [2^e, 2^(e+1)), e >= -126 (no upper limit),
    /// 2^-149 below 2^-126. v must be finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Ulp(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v) & long.MaxValue;
        long exponentField = bits >> 52;                // biased double exponent; |v| >= 2^-126 is a normal double
        if (exponentField < 1023 - 126) return SmallestUlp;
        return BitConverter.Int64BitsToDouble((exponentField - 23) << 52);
    }

    /// <summary>The spacing of float32 at a float value (same definition, for a float argument).</summary>
    public static double Ulp(float v) => Ulp((double)v);

    /// <summary>Order-preserving bijection: -NaNs &lt; -Inf &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +Inf &lt; +NaNs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToOrdered(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        return bits >= 0 ? bits : ~(bits & int.MaxValue);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FromOrdered(int ordered)
    {
        int bits = ordered >= 0 ? ordered : ~ordered | int.MinValue;
        return BitConverter.Int32BitsToSingle(bits);
    }

    /// <summary>The next float32 toward +Inf (-0 steps to +0; NaN and +Inf stay).</summary>
    public static float NextUp(float x) =>
        float.IsNaN(x) || x == float.PositiveInfinity ? x : FromOrdered(ToOrdered(x) + 1);

    /// <summary>The next float32 toward -Inf (+0 steps to -0; NaN and -Inf stay).</summary>
    public static float NextDown(float x) =>
        float.IsNaN(x) || x == float.NegativeInfinity ? x : FromOrdered(ToOrdered(x) - 1);

    /// <summary>"0x3F800000" style hex of the bit pattern, for reports.</summary>
    public static string Hex(float x) => $"0x{BitConverter.SingleToUInt32Bits(x):X8}";

    /// <summary>Round-trip text: the shortest decimal that parses back to the same float.</summary>
    public static string RoundTrip(float x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>C99-style hex float ("0x1.921fb6p+1"), exact and unambiguous.</summary>
    public static string HexFloat(float x)
    {
        if (float.IsNaN(x)) return "nan";
        if (float.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        uint bits = BitConverter.SingleToUInt32Bits(x);
        string sign = (bits >> 31) != 0 ? "-" : "";
        int exponentField = (int)((bits >> 23) & 0xFF);
        uint mantissa = bits & 0x7FFFFF;
        if (exponentField == 0 && mantissa == 0) return sign + "0x0p+0";
        // Normalize subnormals so the leading digit is always 1.
        int exponent = exponentField - 127;
        if (exponentField == 0)
        {
            exponent = -126;
            while ((mantissa & 0x800000) == 0) { mantissa <<= 1; exponent--; }
            mantissa &= 0x7FFFFF;
        }
        string frac = (mantissa << 1).ToString("x6").TrimEnd('0');
        return $"{sign}0x1{(frac.Length > 0 ? "." + frac : "")}p{(exponent >= 0 ? "+" : "")}{exponent}";
    }
}
