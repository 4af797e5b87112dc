using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// Classic regularized-evolution tournament on error alone (ties to the cheaper). Kept as the single-objective
/// baseline: it drifts to ever larger genomes and leaves the cheap end of the front empty.
/// </summary>
public sealed class ErrorTournament : ISelection
{
    public SelectionKind Kind => SelectionKind.Error;

    public Individual<TGenome> Select<TGenome>(Population<TGenome> population, int tournamentSize, ref Xoshiro256 rng)
    {
        if (population.Count == 0) throw new InvalidOperationException("cannot select from an empty population");
        var best = population[rng.NextInt(population.Count)];
        for (int t = 1; t < tournamentSize; t++)
        {
            var m = population[rng.NextInt(population.Count)];
            double a = m.Fitness.ErrorKey, b = best.Fitness.ErrorKey;
            if (a < b || (a == b && m.Fitness.Cost < best.Fitness.Cost)) best = m;
        }
        return best;
    }
}
