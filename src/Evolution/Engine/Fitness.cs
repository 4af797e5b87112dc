namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The objective vector of a genome: both components are minimized. <see cref="Error"/> may be NaN or infinite for an
/// invalid genome; such a genome still takes its place in the population (so it ages out like any other) but never
/// enters the archive and loses every comparison.
/// </summary>
public readonly record struct Fitness(double Error, int Cost)
{
    /// <summary>Finite error and non-negative cost: eligible for the archive.</summary>
    public bool IsValid => double.IsFinite(Error) && Cost >= 0;

    /// <summary>The error under a total order in which NaN is worst (NaN compares false with everything).</summary>
    public double ErrorKey => double.IsNaN(Error) ? double.PositiveInfinity : Error;

    /// <summary>Pareto dominance: no worse in both objectives and strictly better in one.</summary>
    public bool Dominates(Fitness other) =>
        Cost <= other.Cost && ErrorKey <= other.ErrorKey && (Cost < other.Cost || ErrorKey < other.ErrorKey);

    public override string ToString() => $"cost {Cost}, error {Error:G6}";
}

/// <summary>
/// What evaluating a genome produced: its fitness and the genome it belongs to, which may differ from the one
/// submitted (constant fitting returns the program with fitted constants; the engine keeps that one).
/// </summary>
public readonly record struct Evaluated<TGenome>(TGenome Genome, Fitness Fitness);
