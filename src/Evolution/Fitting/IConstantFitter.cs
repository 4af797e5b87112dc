using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>Arithmetic used for the residuals while fitting (the Jacobian is always taken in double).</summary>
public enum FitPrecision
{
    /// <summary>
    /// Double until the error gets small, then measure the program's own rounding (double vs double-double at the
    /// current constants) and switch to double-double when that rounding is not 100x below the error (issue 3).
    /// </summary>
    Auto,
    Double,
    DoubleDouble,
}

/// <summary>Work limits of one fit. Every fitter stops at whichever limit it reaches first.</summary>
public sealed record FitBudget
{
    /// <summary>Iterations per stage: LM iterations, minimax-refinement iterations, CMA-ES generations.</summary>
    public int MaxIterations { get; init; } = 40;
    /// <summary>Evaluations of the program over all samples (the unit CMA-ES is measured in).</summary>
    public int MaxEvaluations { get; init; } = 5000;
    /// <summary>Stop as soon as the max error is at or below this (0: never stop early for quality).</summary>
    public double TargetError { get; init; }
    public FitPrecision Precision { get; init; } = FitPrecision.Auto;
    /// <summary>Record the objective after every accepted iteration in <see cref="FitResult.Trace"/>.</summary>
    public bool RecordTrace { get; init; }

    public static FitBudget Default { get; } = new();
}

/// <summary>The outcome of one fit.</summary>
/// <param name="Program">Same structure as the input with the fitted constants (the input itself when it has no
/// constants or nothing improved). Its constants are always finite.</param>
/// <param name="MaxError">max_i |p(x_i) - f(x_i)| * ErrorScale_i over the samples (+infinity if the program is
/// not finite somewhere), measured in the precision named by <paramref name="UsedDoubleDouble"/>.</param>
/// <param name="Evaluations">Passes of the program over all samples (residual evaluations).</param>
/// <param name="Jacobians">Forward-mode Jacobian passes (over all samples or over a reference set).</param>
/// <param name="Iterations">Accepted iterations over all stages.</param>
/// <param name="Trace">Objective after each accepted iteration when requested (LM: sum of squares; refinement and
/// CMA-ES: max error), else null.</param>
public sealed record FitResult(Program Program, double MaxError, int Evaluations, int Jacobians, int Iterations,
    bool UsedDoubleDouble, IReadOnlyList<double>? Trace = null);

/// <summary>
/// Fits a program's constants to minimize the worst-case error over the samples of a target. Implementations own
/// scratch buffers (evaluators, Jacobians) and are not thread-safe: use one instance per worker thread; reusing an
/// instance for many programs on the same samples allocates almost nothing.
/// </summary>
public interface IConstantFitter
{
    string Name { get; }
    FitResult Fit(Program program, FitData data, FitBudget? budget = null);
}

public static class ConstantFitterExtensions
{
    /// <summary>Fits to a target's samples (their <see cref="FitData"/> view is cached per samples object).</summary>
    public static FitResult Fit(this IConstantFitter fitter, Program program, TargetSamples samples, FitBudget? budget = null)
        => fitter.Fit(program, FitData.From(samples), budget);
}
