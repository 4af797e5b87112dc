namespace AutoNumerics.Oracles.Mpfr;

/// <summary>MPFR rounding modes; the numeric values are MPFR's mpfr_rnd_t values, passed through unchanged.</summary>
public enum MpfrRounding
{
    /// <summary>MPFR_RNDN: to nearest, ties to even.</summary>
    Nearest = 0,
    /// <summary>MPFR_RNDZ: toward zero (truncation).</summary>
    TowardZero = 1,
    /// <summary>MPFR_RNDU: toward +infinity.</summary>
    Up = 2,
    /// <summary>MPFR_RNDD: toward -infinity.</summary>
    Down = 3,
    /// <summary>MPFR_RNDA: away from zero.</summary>
    AwayFromZero = 4,
}
