using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Verification;

/// <summary>Everything one verification run measured. Error figures are exact (MPFR) for the maximum and the
/// histogram; the mean is within 1e-6 ULP of the exact mean.</summary>
public sealed record VerificationReport
{
    public required MathFunction Function { get; init; }
    public required string Implementation { get; init; }
    public required FloatRange Range { get; init; }
    public required long Inputs { get; init; }
    public required double MaxUlp { get; init; }
    public required float WorstInput { get; init; }
    public required float WorstOutput { get; init; }
    public required float WorstExpected { get; init; }
    public required double MeanUlp { get; init; }
    public required long CorrectlyRounded { get; init; }
    public required long[] Histogram { get; init; }
    /// <summary>Inputs whose error is infinite: a NaN or infinity where the exact result is not one, or the reverse.</summary>
    public required long InfiniteErrors { get; init; }
    /// <summary>Inputs the binary64 reference could not decide, re-decided by MPFR.</summary>
    public required long OracleFallbacks { get; init; }
    public required bool ExactOnly { get; init; }
    public required double Seconds { get; init; }
    public required IReadOnlyList<SpecialCaseResult> SpecialCases { get; init; }
    /// <summary>Max ULP error per bucket of consecutive inputs (bit order), for plots; empty when not asked for.</summary>
    public required ErrorCurve Curve { get; init; }

    public double CorrectlyRoundedShare => Inputs == 0 ? 0 : (double)CorrectlyRounded / Inputs;
    public bool SpecialCasesPass => SpecialCases.All(c => c.Pass);
}

/// <summary>The largest error in each of <see cref="Buckets"/> runs of consecutive inputs, in bit order.</summary>
public sealed record ErrorCurve(FloatRange Range, double[] MaxUlp)
{
    public int Buckets => MaxUlp.Length;

    /// <summary>The first input of bucket b.</summary>
    public float BucketStart(int b) => FloatBits.FromOrdered(Range.OrderedAt(b * Range.Count / Math.Max(1, Buckets)));
}
