using System.Globalization;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Problems.RealApproximation;

/// <summary>
/// What a real-number approximation search looks for (the AutoNumerics-Zero setting): a target function on [A, B],
/// the error measure, the samples the error is measured on during the search, and the operation set.
/// Everything here changes the fitness landscape, so all of it goes into the problem's <see cref="Name"/> and a
/// checkpoint of one spec is never resumed under another.
/// </summary>
/// <param name="Target">Target name as <see cref="TargetFunction.Create"/> takes it ("exp", "exp2", "log", ...).</param>
/// <param name="SampleCount">Chebyshev points (extrema, endpoints included) the error is measured and fitted on.</param>
/// <param name="AllowFma">Whether mutations may introduce fma (cost 2).</param>
/// <param name="AllowDivision">Whether mutations may introduce division (rational forms).</param>
/// <param name="MaxCost">Children costlier than this are rejected by the mutator (bounds the search space).</param>
/// <param name="HornerSeedShare">Share of the initial random genomes that are Horner polynomials of low degree
/// (the rest are random DAGs); 0 starts from random programs only, as AutoNumerics-Zero does.</param>
/// <param name="Fit">How each candidate's constants are refined after LM: <see cref="MinimaxRefinement.Remez"/>
/// (linearized exchange) or <see cref="MinimaxRefinement.LiftedRemez"/> (lifted Newton, reaches the minimax of
/// sloppy structures such as continued fractions with far poles).</param>
public sealed record RealApproximationSpec(
    string Target,
    double A,
    double B,
    ErrorKind ErrorKind = ErrorKind.Relative,
    int SampleCount = 512,
    bool AllowFma = false,
    bool AllowDivision = true,
    int MaxCost = 24,
    double HornerSeedShare = 0.25,
    MinimaxRefinement Fit = MinimaxRefinement.Remez)
{
    /// <summary>Checks the values that <see cref="TargetFunction"/> does not; throws <see cref="ArgumentException"/>.</summary>
    public void Validate()
    {
        if (SampleCount < 16) throw new ArgumentException($"sample count must be at least 16, got {SampleCount}");
        if (SampleCount > 1 << 20) throw new ArgumentException($"sample count must be at most {1 << 20}, got {SampleCount}");
        if (MaxCost < 1 || MaxCost > 256) throw new ArgumentException($"max cost must be in [1, 256], got {MaxCost}");
        if (!(HornerSeedShare >= 0 && HornerSeedShare <= 1)) throw new ArgumentException($"Horner seed share must be in [0, 1], got {HornerSeedShare}");
        if (Fit is not (MinimaxRefinement.Remez or MinimaxRefinement.LiftedRemez)) throw new ArgumentException($"fit must be Remez or LiftedRemez, got {Fit}");
    }

    /// <summary>
    /// The problem's identity, e.g. <c>real exp [0,1] relative samples=512 ops=+-*/ maxcost=24 seeds=0.25 fit=lm+remez</c>
    /// (fit=lm+lifted-remez with <see cref="MinimaxRefinement.LiftedRemez"/>).
    /// Bounds are printed in round-trip form so two specs with different doubles never share a name.
    /// </summary>
    public string Name
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            string ops = "+-*" + (AllowDivision ? "/" : "") + (AllowFma ? "f" : "");
            return string.Create(inv, $"real {Target.Trim().ToLowerInvariant()} [{A:R},{B:R}] {ErrorKind.ToString().ToLowerInvariant()} " +
                $"samples={SampleCount} ops={ops} maxcost={MaxCost} seeds={HornerSeedShare:R} fit=lm+{(Fit == MinimaxRefinement.LiftedRemez ? "lifted-remez" : "remez")}");
        }
    }
}
