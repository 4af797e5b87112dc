namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// What defines a search (fixed for its whole life, stored in its checkpoints and reused on resume). Per-session
/// choices (workers, budget, checkpoint cadence) are in <see cref="RunOptions"/>.
/// </summary>
/// <param name="PopulationSize">P: members alive at once; a newcomer replaces the oldest.</param>
/// <param name="TournamentSize">T: members drawn per parent selection.</param>
/// <param name="Selection">How the two objectives drive parent selection.</param>
/// <param name="Seed">Seeds the per-worker RNG streams.</param>
/// <param name="CacheCapacity">Equivalence-cache entries (0 disables it). Each one is stored in checkpoints.</param>
public sealed record SearchSettings(
    int PopulationSize = 500,
    int TournamentSize = 10,
    SelectionKind Selection = SelectionKind.PerCost,
    ulong Seed = 1,
    int CacheCapacity = 4096)
{
    public void Validate()
    {
        if (PopulationSize < 1) throw new ArgumentException($"population size must be at least 1, got {PopulationSize}");
        if (TournamentSize < 1) throw new ArgumentException($"tournament size must be at least 1, got {TournamentSize}");
        if (!Enum.IsDefined(Selection)) throw new ArgumentException($"unknown selection scheme {Selection}");
        if (CacheCapacity < 0) throw new ArgumentException($"cache capacity must not be negative, got {CacheCapacity}");
    }
}
