using System.Runtime.InteropServices;

namespace AutoNumerics.Oracles.Mpfr;

/// <summary>
/// Raw P/Invoke declarations for libmpfr.so.6 (MPFR 4.x, LP64 ABI). Pointers are <c>mpfr_t</c> blocks owned by
/// <see cref="MpfrValue"/>; mpfr_prec_t and mpfr_exp_t are C <c>long</c>, i.e. 64-bit on x86-64 Linux.
/// Only symbols actually exported by the shared library are declared (several mpfr.h entries are macros).
/// </summary>
internal static unsafe partial class MpfrNative
{
    private const string Lib = "libmpfr.so.6";

    /// <summary>sizeof(__mpfr_struct) on LP64: long prec, int sign, long exp, limb* d.</summary>
    internal const int MpfrStructSize = 32;

    [LibraryImport(Lib)] internal static partial void mpfr_init2(nint x, long prec);
    [LibraryImport(Lib)] internal static partial void mpfr_clear(nint x);
    [LibraryImport(Lib)] internal static partial long mpfr_get_prec(nint x);
    [LibraryImport(Lib)] internal static partial void mpfr_set_prec(nint x, long prec);
    [LibraryImport(Lib)] internal static partial int mpfr_prec_round(nint x, long prec, int rnd);

    [LibraryImport(Lib)] internal static partial int mpfr_set(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_set_d(nint rop, double op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_set_flt(nint rop, float op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_set_si(nint rop, long op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_set_ui(nint rop, ulong op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_set_si_2exp(nint rop, long op, long e, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_strtofr(nint rop, byte* s, byte** end, int b, int rnd);
    [LibraryImport(Lib)] internal static partial void mpfr_set_nan(nint x);
    [LibraryImport(Lib)] internal static partial void mpfr_set_inf(nint x, int sign);
    [LibraryImport(Lib)] internal static partial void mpfr_set_zero(nint x, int sign);

    [LibraryImport(Lib)] internal static partial double mpfr_get_d(nint op, int rnd);
    [LibraryImport(Lib)] internal static partial float mpfr_get_flt(nint op, int rnd);
    [LibraryImport(Lib)] internal static partial long mpfr_get_exp(nint op);
    [LibraryImport(Lib)] internal static partial byte* mpfr_get_str(byte* str, long* expptr, int b, nuint n, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial void mpfr_free_str(byte* str);

    [LibraryImport(Lib)] internal static partial int mpfr_nan_p(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_inf_p(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_zero_p(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_number_p(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_regular_p(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_sgn(nint op);
    [LibraryImport(Lib)] internal static partial int mpfr_signbit(nint op);

    [LibraryImport(Lib)] internal static partial int mpfr_add(nint rop, nint a, nint b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_add_ui(nint rop, nint a, ulong b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_sub(nint rop, nint a, nint b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_mul(nint rop, nint a, nint b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_div(nint rop, nint a, nint b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_ui_div(nint rop, ulong a, nint b, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_neg(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_abs(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_mul_2si(nint rop, nint op, long e, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_cmp(nint a, nint b);
    [LibraryImport(Lib)] internal static partial int mpfr_cmpabs(nint a, nint b);
    [LibraryImport(Lib)] internal static partial void mpfr_nextabove(nint x);
    [LibraryImport(Lib)] internal static partial void mpfr_nextbelow(nint x);

    [LibraryImport(Lib)] internal static partial int mpfr_exp(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_exp2(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_expm1(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_log(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_log2(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_log10(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_log1p(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_sin(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_cos(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_tan(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_sinh(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_cosh(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_tanh(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_erf(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_erfc(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_sqrt(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_cbrt(nint rop, nint op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_sqrt_ui(nint rop, ulong op, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_rootn_ui(nint rop, nint op, ulong k, int rnd);

    [LibraryImport(Lib)] internal static partial int mpfr_const_pi(nint rop, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_const_log2(nint rop, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_const_euler(nint rop, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_const_catalan(nint rop, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_zeta_ui(nint rop, ulong n, int rnd);

    [LibraryImport(Lib)] internal static partial int mpfr_can_round(nint b, long err, int rnd1, int rnd2, long prec);
    [LibraryImport(Lib)] internal static partial int mpfr_check_range(nint x, int t, int rnd);
    [LibraryImport(Lib)] internal static partial int mpfr_subnormalize(nint x, int t, int rnd);

    // Exponent range and flags: per-thread state when MPFR is built with TLS (Debian's is; see mpfr_buildopt_tls_p).
    [LibraryImport(Lib)] internal static partial long mpfr_get_emin();
    [LibraryImport(Lib)] internal static partial long mpfr_get_emax();
    [LibraryImport(Lib)] internal static partial int mpfr_set_emin(long e);
    [LibraryImport(Lib)] internal static partial int mpfr_set_emax(long e);
    [LibraryImport(Lib)] internal static partial long mpfr_get_emin_min();
    [LibraryImport(Lib)] internal static partial long mpfr_get_emax_max();
    [LibraryImport(Lib)] internal static partial void mpfr_clear_flags();
    [LibraryImport(Lib)] internal static partial uint mpfr_flags_save();
    [LibraryImport(Lib)] internal static partial void mpfr_flags_restore(uint flags, uint mask);
    internal const uint MpfrFlagsAll = 0x3F;
    [LibraryImport(Lib)] internal static partial int mpfr_overflow_p();
    [LibraryImport(Lib)] internal static partial int mpfr_underflow_p();
    [LibraryImport(Lib)] internal static partial int mpfr_buildopt_tls_p();
    [LibraryImport(Lib)] internal static partial byte* mpfr_get_version();
}
