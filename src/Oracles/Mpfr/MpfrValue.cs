using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static AutoNumerics.Oracles.Mpfr.MpfrNative;

namespace AutoNumerics.Oracles.Mpfr;

/// <summary>
/// An owned MPFR number: an unmanaged 32-byte <c>mpfr_t</c> initialised with mpfr_init2 at an explicit precision,
/// released with mpfr_clear + free. Every operation takes an explicit rounding mode and writes into <c>this</c>;
/// MPFR's global default precision and rounding are never used. Integer results of operations are MPFR's ternary
/// values (0 exact, positive if the stored value is above the exact one, negative if below).
/// Not thread-safe: an instance must be used by one thread at a time.
/// </summary>
public sealed unsafe class MpfrValue : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Largest precision accepted (MPFR allows far more; this keeps allocations sane).</summary>
    public const int MaxPrecision = 1 << 24;

    public MpfrValue(int precisionBits) : base(ownsHandle: true)
    {
        CheckPrecision(precisionBits);
        nint p = (nint)NativeMemory.AllocZeroed(MpfrStructSize);
        mpfr_init2(p, precisionBits); // value is NaN after init
        SetHandle(p);
    }

    /// <summary>Creates a value at <paramref name="precisionBits"/> holding <paramref name="value"/> rounded to nearest.</summary>
    public MpfrValue(int precisionBits, double value) : this(precisionBits) => Set(value, MpfrRounding.Nearest);

    private static void CheckPrecision(int bits)
    {
        if (bits < 1 || bits > MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"MPFR precision must be in [1, {MaxPrecision}].");
    }

    /// <summary>Raw mpfr_ptr; throws if disposed. The caller must keep this object alive while the pointer is used.</summary>
    internal nint Ptr
    {
        get
        {
            if (IsClosed) throw new ObjectDisposedException(nameof(MpfrValue));
            return handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        mpfr_clear(handle);
        NativeMemory.Free((void*)handle);
        return true;
    }

    /// <summary>Precision in bits (mpfr_get_prec).</summary>
    public int Precision { get { int p = (int)mpfr_get_prec(Ptr); GC.KeepAlive(this); return p; } }

    /// <summary>Changes the precision; the value is lost (becomes NaN), as with mpfr_set_prec.</summary>
    public void SetPrecision(int bits)
    {
        CheckPrecision(bits);
        mpfr_set_prec(Ptr, bits);
        GC.KeepAlive(this);
    }

    /// <summary>Changes the precision keeping the value, rounded with <paramref name="rnd"/> (mpfr_prec_round).</summary>
    public int RoundToPrecision(int bits, MpfrRounding rnd)
    {
        CheckPrecision(bits);
        int t = mpfr_prec_round(Ptr, bits, (int)rnd);
        GC.KeepAlive(this);
        return t;
    }

    // ---- setters -------------------------------------------------------------------------------------------

    public int Set(double value, MpfrRounding rnd) { int t = mpfr_set_d(Ptr, value, (int)rnd); GC.KeepAlive(this); return t; }
    public int Set(float value, MpfrRounding rnd) { int t = mpfr_set_flt(Ptr, value, (int)rnd); GC.KeepAlive(this); return t; }
    public int Set(long value, MpfrRounding rnd) { int t = mpfr_set_si(Ptr, value, (int)rnd); GC.KeepAlive(this); return t; }
    public int Set(ulong value, MpfrRounding rnd) { int t = mpfr_set_ui(Ptr, value, (int)rnd); GC.KeepAlive(this); return t; }

    public int Set(MpfrValue value, MpfrRounding rnd)
    {
        int t = mpfr_set(Ptr, value.Ptr, (int)rnd);
        GC.KeepAlive(this); GC.KeepAlive(value);
        return t;
    }

    /// <summary>Sets this to m * 2^e, rounded.</summary>
    public int SetScaled(long m, long e, MpfrRounding rnd) { int t = mpfr_set_si_2exp(Ptr, m, e, (int)rnd); GC.KeepAlive(this); return t; }

    /// <summary>
    /// Parses a base-10 number ("3.14", "-1e-30", "inf", "nan") with one correct rounding (mpfr_strtofr) and returns
    /// the ternary value; throws <see cref="FormatException"/> unless the whole string is a number.
    /// </summary>
    public int Set(string text, MpfrRounding rnd)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] buf = new byte[Encoding.UTF8.GetByteCount(text) + 1]; // NUL-terminated
        Encoding.UTF8.GetBytes(text, buf);
        int t;
        byte* end;
        fixed (byte* s = buf)
        {
            t = mpfr_strtofr(Ptr, s, &end, 10, (int)rnd);
            GC.KeepAlive(this);
            if (buf.Length == 1 || end != s + buf.Length - 1) throw new FormatException($"Not a base-10 number: '{text}'.");
        }
        return t;
    }

    public void SetNaN() { mpfr_set_nan(Ptr); GC.KeepAlive(this); }
    public void SetInfinity(int sign) { mpfr_set_inf(Ptr, sign); GC.KeepAlive(this); }
    public void SetZero(int sign) { mpfr_set_zero(Ptr, sign); GC.KeepAlive(this); }

    // ---- getters -------------------------------------------------------------------------------------------

    public double ToDouble(MpfrRounding rnd) { double d = mpfr_get_d(Ptr, (int)rnd); GC.KeepAlive(this); return d; }

    /// <summary>mpfr_get_flt: rounds to binary32 in one step (subnormals included) in direction <paramref name="rnd"/>.</summary>
    public float ToSingle(MpfrRounding rnd) { float f = mpfr_get_flt(Ptr, (int)rnd); GC.KeepAlive(this); return f; }

    public bool IsNaN { get { bool b = mpfr_nan_p(Ptr) != 0; GC.KeepAlive(this); return b; } }
    public bool IsInfinity { get { bool b = mpfr_inf_p(Ptr) != 0; GC.KeepAlive(this); return b; } }
    public bool IsZero { get { bool b = mpfr_zero_p(Ptr) != 0; GC.KeepAlive(this); return b; } }
    /// <summary>Neither NaN nor infinite.</summary>
    public bool IsFinite { get { bool b = mpfr_number_p(Ptr) != 0; GC.KeepAlive(this); return b; } }
    /// <summary>Finite and non-zero.</summary>
    public bool IsRegular { get { bool b = mpfr_regular_p(Ptr) != 0; GC.KeepAlive(this); return b; } }
    /// <summary>-1, 0 or +1 (0 for zeros of either sign; 0 for NaN, which MPFR flags as an erange error).</summary>
    public int Sign { get { int s = mpfr_sgn(Ptr); GC.KeepAlive(this); return Math.Sign(s); } }
    /// <summary>True if the sign bit is set (distinguishes -0 from +0 and works on NaN).</summary>
    public bool IsNegative { get { bool b = mpfr_signbit(Ptr) != 0; GC.KeepAlive(this); return b; } }

    /// <summary>
    /// MPFR exponent E of a regular number: |x| in [2^(E-1), 2^E), i.e. x = m * 2^E with 0.5 &lt;= |m| &lt; 1.
    /// Throws for zero, infinity and NaN (MPFR's value is meaningless there).
    /// </summary>
    public long Exponent
    {
        get
        {
            if (!IsRegular) throw new InvalidOperationException("Exponent is defined only for finite non-zero values.");
            long e = mpfr_get_exp(Ptr); GC.KeepAlive(this); return e;
        }
    }

    // ---- arithmetic: this = op(a, b) -----------------------------------------------------------------------

    public int Add(MpfrValue a, MpfrValue b, MpfrRounding rnd) { int t = mpfr_add(Ptr, a.Ptr, b.Ptr, (int)rnd); KeepAlive(this, a, b); return t; }
    public int Add(MpfrValue a, ulong b, MpfrRounding rnd) { int t = mpfr_add_ui(Ptr, a.Ptr, b, (int)rnd); KeepAlive(this, a, a); return t; }
    public int Sub(MpfrValue a, MpfrValue b, MpfrRounding rnd) { int t = mpfr_sub(Ptr, a.Ptr, b.Ptr, (int)rnd); KeepAlive(this, a, b); return t; }
    public int Mul(MpfrValue a, MpfrValue b, MpfrRounding rnd) { int t = mpfr_mul(Ptr, a.Ptr, b.Ptr, (int)rnd); KeepAlive(this, a, b); return t; }
    public int Div(MpfrValue a, MpfrValue b, MpfrRounding rnd) { int t = mpfr_div(Ptr, a.Ptr, b.Ptr, (int)rnd); KeepAlive(this, a, b); return t; }
    public int Neg(MpfrValue a, MpfrRounding rnd) { int t = mpfr_neg(Ptr, a.Ptr, (int)rnd); KeepAlive(this, a, a); return t; }
    public int Abs(MpfrValue a, MpfrRounding rnd) { int t = mpfr_abs(Ptr, a.Ptr, (int)rnd); KeepAlive(this, a, a); return t; }
    /// <summary>this = a * 2^e (exact unless the precision is smaller or the exponent range is exceeded).</summary>
    public int MulPow2(MpfrValue a, long e, MpfrRounding rnd) { int t = mpfr_mul_2si(Ptr, a.Ptr, e, (int)rnd); KeepAlive(this, a, a); return t; }
    public int Sqrt(MpfrValue a, MpfrRounding rnd) { int t = mpfr_sqrt(Ptr, a.Ptr, (int)rnd); KeepAlive(this, a, a); return t; }

    /// <summary>
    /// mpfr_check_range: if this (with ternary value <paramref name="ternary"/> from the operation that produced it)
    /// lies outside the thread's current exponent range, sets it to the correctly rounded zero/infinity/extreme.
    /// </summary>
    public int CheckRange(int ternary, MpfrRounding rnd) { int t = mpfr_check_range(Ptr, ternary, (int)rnd); GC.KeepAlive(this); return t; }

    /// <summary>
    /// mpfr_subnormalize: rounds this to the precision IEEE subnormals have at its exponent, given the current emin
    /// (set it with <see cref="ExponentRange.Binary32"/>), using <paramref name="ternary"/> so the result is a single
    /// correct rounding of the exact value rather than a double rounding.
    /// </summary>
    public int Subnormalize(int ternary, MpfrRounding rnd) { int t = mpfr_subnormalize(Ptr, ternary, (int)rnd); GC.KeepAlive(this); return t; }

    /// <summary>Replaces this by the next representable number toward +inf (in the current exponent range).</summary>
    public void NextAbove() { mpfr_nextabove(Ptr); GC.KeepAlive(this); }
    public void NextBelow() { mpfr_nextbelow(Ptr); GC.KeepAlive(this); }

    /// <summary>Sign of a - b (0 if equal; 0 also when either is NaN).</summary>
    public static int Compare(MpfrValue a, MpfrValue b) { int c = mpfr_cmp(a.Ptr, b.Ptr); KeepAlive(a, b, b); return Math.Sign(c); }
    /// <summary>Sign of |a| - |b|.</summary>
    public static int CompareAbs(MpfrValue a, MpfrValue b) { int c = mpfr_cmpabs(a.Ptr, b.Ptr); KeepAlive(a, b, b); return Math.Sign(c); }

    private static void KeepAlive(object a, object b, object c) { GC.KeepAlive(a); GC.KeepAlive(b); GC.KeepAlive(c); }

    // ---- decimal rendering ---------------------------------------------------------------------------------

    /// <summary>Decimal rendering with <paramref name="significantDigits"/> significant digits, rounded to nearest.</summary>
    public string ToString(int significantDigits) => ToString(significantDigits, MpfrRounding.Nearest);

    /// <summary>
    /// Decimal rendering with <paramref name="significantDigits"/> significant digits rounded in direction
    /// <paramref name="rnd"/> (TowardZero gives the truncated digits published tables use). Plain notation
    /// ("3.14159", "0.000123") when the decimal exponent is in [-10, significantDigits], else "1.234e+56".
    /// </summary>
    public string ToString(int significantDigits, MpfrRounding rnd)
    {
        if (significantDigits < 1) throw new ArgumentOutOfRangeException(nameof(significantDigits));
        if (IsNaN) return "NaN";
        if (IsInfinity) return IsNegative ? "-Infinity" : "Infinity";
        if (IsZero) return IsNegative ? "-0" : "0";

        int n = significantDigits; // MPFR >= 4.1 accepts n = 1
        long exp;
        byte* s = mpfr_get_str(null, &exp, 10, (nuint)n, Ptr, (int)rnd);
        GC.KeepAlive(this);
        if (s == null) throw new InvalidOperationException("mpfr_get_str failed.");
        string raw;
        try { raw = Marshal.PtrToStringUTF8((nint)s)!; }
        finally { mpfr_free_str(s); }

        bool neg = raw.StartsWith('-');
        string digits = neg ? raw[1..] : raw;
        // value = 0.d1d2d3... * 10^exp  =>  d1.d2d3... * 10^(exp-1)
        long pointPos = exp; // digits before the decimal point
        var sb = new StringBuilder(digits.Length + 16);
        if (neg) sb.Append('-');
        if (pointPos > 0 && pointPos <= digits.Length)
        {
            sb.Append(digits, 0, (int)pointPos);
            if (pointPos < digits.Length) sb.Append('.').Append(digits, (int)pointPos, digits.Length - (int)pointPos);
        }
        else if (pointPos <= 0 && pointPos >= -10)
        {
            sb.Append("0.").Append('0', (int)-pointPos).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            long e10 = exp - 1;
            sb.Append('e').Append(e10 >= 0 ? "+" : "-").Append(Math.Abs(e10));
        }
        return sb.ToString();
    }

    /// <summary>Enough significant digits to identify the value uniquely: 1 + ceil(prec * log10 2).</summary>
    public override string ToString() => ToString(1 + (int)Math.Ceiling(Precision * 0.30102999566398120));
}
