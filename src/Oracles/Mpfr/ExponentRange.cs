using static AutoNumerics.Oracles.Mpfr.MpfrNative;

namespace AutoNumerics.Oracles.Mpfr;

/// <summary>
/// Scoped change of MPFR's exponent range [emin, emax] (MPFR convention: x = m * 2^e, 0.5 &lt;= |m| &lt; 1).
/// MPFR keeps emin/emax (and the exception flags) in thread-local storage, so a scope affects only the calling
/// thread and must be disposed on that thread; Dispose restores the previous range. A struct, so
/// <c>using (ExponentRange.Binary32()) { ... }</c> allocates nothing.
/// </summary>
public readonly struct ExponentRange : IDisposable
{
    private readonly long _previousMin, _previousMax;
    private readonly int _threadId; // 0 for default(ExponentRange), whose Dispose does nothing

    private ExponentRange(long previousMin, long previousMax, int threadId)
    {
        _previousMin = previousMin; _previousMax = previousMax; _threadId = threadId;
    }

    /// <summary>emin of the calling thread.</summary>
    public static long CurrentMin => mpfr_get_emin();
    /// <summary>emax of the calling thread.</summary>
    public static long CurrentMax => mpfr_get_emax();
    /// <summary>Smallest emin MPFR accepts (mpfr_get_emin_min, 1 - 2^62 on 64-bit).</summary>
    public static long MinPossible => mpfr_get_emin_min();
    /// <summary>Largest emax MPFR accepts (mpfr_get_emax_max, 2^62 - 1 on 64-bit).</summary>
    public static long MaxPossible => mpfr_get_emax_max();

    /// <summary>Whether the loaded MPFR was built with thread-local state (required for concurrent use).</summary>
    public static bool IsThreadLocal => mpfr_buildopt_tls_p() != 0;

    /// <summary>Sets [emin, emax] for the calling thread until Dispose.</summary>
    public static ExponentRange Set(long emin, long emax)
    {
        if (emin > emax) throw new ArgumentException($"emin {emin} > emax {emax}.");
        long oldMin = mpfr_get_emin(), oldMax = mpfr_get_emax();
        if (mpfr_set_emin(emin) != 0 || mpfr_set_emax(emax) != 0)
        {
            mpfr_set_emin(oldMin); mpfr_set_emax(oldMax);
            throw new ArgumentOutOfRangeException(nameof(emin), $"MPFR rejected exponent range [{emin}, {emax}].");
        }
        return new ExponentRange(oldMin, oldMax, Environment.CurrentManagedThreadId);
    }

    /// <summary>
    /// IEEE binary32: emin = -148 (2^-149 = 0.5 * 2^-148 is the smallest subnormal), emax = 128 (FLT_MAX &lt; 2^128).
    /// With precision 24 plus mpfr_subnormalize this makes MPFR's representable set exactly binary32.
    /// </summary>
    public static ExponentRange Binary32() => Set(-148, 128);

    /// <summary>IEEE binary64: emin = -1073, emax = 1024 (use with precision 53 and mpfr_subnormalize).</summary>
    public static ExponentRange Binary64() => Set(-1073, 1024);

    /// <summary>The widest range MPFR supports, for reference computations that must not overflow or underflow.</summary>
    public static ExponentRange Widest() => Set(mpfr_get_emin_min(), mpfr_get_emax_max());

    /// <summary>Restores the range in force before this scope was created.</summary>
    public void Dispose()
    {
        if (_threadId == 0) return;
        if (_threadId != Environment.CurrentManagedThreadId)
            throw new InvalidOperationException("ExponentRange disposed on a different thread than it was created on (MPFR's exponent range is thread-local).");
        mpfr_set_emin(_previousMin);
        mpfr_set_emax(_previousMax);
    }
}
