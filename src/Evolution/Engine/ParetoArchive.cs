namespace AutoNumerics.Evolution.Engine;

/// <summary>An archive entry: a non-dominated genome and when it was found.</summary>
/// <param name="Id">The individual's birth number.</param>
/// <param name="Evaluation">Evaluations done when it was found (1-based: the n-th evaluation).</param>
/// <param name="ElapsedSeconds">Run time when it was found (accumulated over resumed sessions).</param>
public sealed record ArchiveEntry<TGenome>(TGenome Genome, Fitness Fitness, long Id, long Evaluation, double ElapsedSeconds);

/// <summary>
/// The hall of fame: the non-dominated (cost, error) genomes seen so far, at most one per cost and sorted by cost, so
/// errors strictly decrease as cost grows. Unlike the population it never forgets, so a good genome that ages out of
/// the population is still reported. Ties keep the earlier entry, so the archive is a pure function of the insertion
/// sequence. Not thread-safe: the engine guards it with its lock.
/// </summary>
public sealed class ParetoArchive<TGenome>
{
    private readonly SortedList<int, ArchiveEntry<TGenome>> _byCost = new();

    public int Count => _byCost.Count;

    /// <summary>Entries in increasing cost (and so decreasing error).</summary>
    public IList<ArchiveEntry<TGenome>> Entries => _byCost.Values;

    /// <summary>The entry at exactly this cost, if one is on the front.</summary>
    public ArchiveEntry<TGenome>? At(int cost) => _byCost.GetValueOrDefault(cost);

    /// <summary>The best error reachable at or below a cost (+inf if nothing is that cheap).</summary>
    public double BestErrorAtMost(int cost)
    {
        double best = double.PositiveInfinity;
        foreach (var e in _byCost.Values)
        {
            if (e.Fitness.Cost > cost) break;
            best = e.Fitness.Error; // errors decrease along the front
        }
        return best;
    }

    /// <summary>True if an entry dominates or equals <paramref name="fitness"/> (so it would not be added).</summary>
    public bool Covers(Fitness fitness)
    {
        if (!fitness.IsValid) return true;
        return BestErrorAtMost(fitness.Cost) <= fitness.Error;
    }

    /// <summary>Adds the entry if no entry dominates or equals it, dropping the entries it dominates.</summary>
    public bool TryAdd(ArchiveEntry<TGenome> entry)
    {
        var f = entry.Fitness;
        if (Covers(f)) return false;
        // Entries at the same or higher cost with no better error are now dominated.
        for (int i = _byCost.Count - 1; i >= 0; i--)
        {
            var g = _byCost.Values[i].Fitness;
            if (g.Cost >= f.Cost && g.Error >= f.Error) _byCost.RemoveAt(i);
        }
        _byCost.Add(f.Cost, entry);
        return true;
    }
}
