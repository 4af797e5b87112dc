using System.Globalization;

namespace AutoNumerics.Oracles.Float32;

/// <summary>
/// An inclusive range of float32 values in value order (see <see cref="FloatBits.ToOrdered"/>), optionally sampled:
/// with <see cref="Samples"/> set, only that many inputs, evenly spaced in bit order, are visited.
/// </summary>
public readonly record struct FloatRange(int FirstOrdered, int LastOrdered, long? Samples = null)
{
    /// <summary>All 2^32 bit patterns: NaNs, infinities, zeros of both signs, subnormals.</summary>
    public static FloatRange All { get; } = new(int.MinValue, int.MaxValue);

    public long Length => (long)LastOrdered - FirstOrdered + 1;

    /// <summary>How many inputs a sweep visits.</summary>
    public long Count => Samples is long s ? Math.Min(s, Length) : Length;

    public bool IsExhaustive => Count == Length;

    public float First => FloatBits.FromOrdered(FirstOrdered);
    public float Last => FloatBits.FromOrdered(LastOrdered);

    /// <summary>The ordered index of the i-th visited input (i in [0, Count)).</summary>
    public int OrderedAt(long i)
    {
        if (IsExhaustive) return (int)(FirstOrdered + i);
        // Evenly spaced over the whole range, first and last included.
        long count = Count;
        long offset = count <= 1 ? 0 : (long)((UInt128)(ulong)i * (ulong)(Length - 1) / (ulong)(count - 1));
        return (int)(FirstOrdered + offset);
    }

    public static FloatRange Between(float lo, float hi, long? samples = null)
    {
        if (float.IsNaN(lo) || float.IsNaN(hi)) throw new ArgumentException("a range bound is NaN");
        int a = FloatBits.ToOrdered(lo), b = FloatBits.ToOrdered(hi);
        if (a > b) throw new ArgumentException($"the range {FloatBits.RoundTrip(lo)}:{FloatBits.RoundTrip(hi)} is reversed (empty)");
        if (samples is <= 0) throw new ArgumentException("the number of samples must be positive");
        return new FloatRange(a, b, samples);
    }

    /// <summary>Parses "lo:hi" (inclusive; decimal, "inf"/"-inf", or C99 hex floats such as 0x1p-126).</summary>
    public static FloatRange Parse(string text, long? samples = null)
    {
        int colon = text.IndexOf(':', 1); // skip a leading sign
        if (colon < 0) throw new FormatException($"range '{text}' is not of the form lo:hi");
        float lo = ParseFloat(text[..colon]), hi = ParseFloat(text[(colon + 1)..]);
        return Between(lo, hi, samples);
    }

    public static float ParseFloat(string text)
    {
        string s = text.Trim();
        string lower = s.ToLowerInvariant();
        switch (lower)
        {
            case "inf" or "+inf" or "infinity" or "+infinity": return float.PositiveInfinity;
            case "-inf" or "-infinity": return float.NegativeInfinity;
            case "-0": return -0f;
        }
        if (lower.Contains("0x")) return ParseHexFloat(lower);
        if (float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && !float.IsNaN(value))
            return value;
        throw new FormatException($"'{text}' is not a float32 number");
    }

    // 0x1.8p-3 style; exact for any float32 value.
    static float ParseHexFloat(string s)
    {
        bool negative = s.StartsWith('-');
        s = s.TrimStart('+', '-');
        if (!s.StartsWith("0x")) throw new FormatException($"'{s}' is not a hex float");
        s = s[2..];
        int p = s.IndexOf('p');
        int exponent = p >= 0 ? int.Parse(s[(p + 1)..], CultureInfo.InvariantCulture) : 0;
        string digits = p >= 0 ? s[..p] : s;
        int dot = digits.IndexOf('.');
        if (dot >= 0) { exponent -= 4 * (digits.Length - dot - 1); digits = digits.Remove(dot, 1); }
        if (digits.Length == 0 || digits.Length > 13) throw new FormatException($"'{s}' is not a hex float");
        double mantissa = ulong.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        float result = (float)Math.ScaleB(mantissa, exponent);
        return negative ? -result : result;
    }

    public override string ToString() =>
        $"{FloatBits.RoundTrip(First)}:{FloatBits.RoundTrip(Last)}" + (IsExhaustive ? "" : $" ({Count} samples)");
}
