using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// Keeps every cost level alive: a cost level present in the population is chosen uniformly (not in proportion to
/// its size, so a crowded level cannot starve a sparse one), then a tournament by error among that level's members.
/// The tournament size is capped at the level's size, so a small level is not reduced to always cloning its best.
/// </summary>
public sealed class PerCostTournament : ISelection
{
    public SelectionKind Kind => SelectionKind.PerCost;

    public Individual<TGenome> Select<TGenome>(Population<TGenome> population, int tournamentSize, ref Xoshiro256 rng)
    {
        if (population.Count == 0) throw new InvalidOperationException("cannot select from an empty population");
        int level = rng.NextInt(population.LevelCount);
        int size = population.LevelSize(level);
        int rounds = Math.Min(tournamentSize, size);
        Individual<TGenome> best = population.LevelMember(level, rng.NextInt(size));
        for (int t = 1; t < rounds; t++)
        {
            var m = population.LevelMember(level, rng.NextInt(size));
            if (m.Fitness.ErrorKey < best.Fitness.ErrorKey) best = m; // ties: first drawn wins
        }
        return best;
    }
}
