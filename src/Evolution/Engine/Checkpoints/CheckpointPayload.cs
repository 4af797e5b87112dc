namespace AutoNumerics.Evolution.Engine;

// The JSON shape of a checkpoint's payload (format version 1). Plain data; CheckpointCodec maps it to and from
// SearchState. Every field is required: a payload missing one is rejected rather than silently defaulted.
// Doubles are written by System.Text.Json in shortest round-trip form (NaN/Infinity as named literals), so they
// reload bit for bit; RNG words and cache keys are hex strings so no JSON reader can round them.

internal sealed class CheckpointPayload
{
    public required string Problem { get; init; }
    public required SettingsDto Settings { get; init; }
    public required int Sessions { get; init; }
    public required long Evaluations { get; init; }
    public required long Generations { get; init; }
    public required long InvalidEvaluations { get; init; }
    public required long CacheHits { get; init; }
    public required long CacheMisses { get; init; }
    public required long NextId { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required List<string[]> WorkerRngs { get; init; }
    /// <summary>Oldest first.</summary>
    public required List<MemberDto> Population { get; init; }
    /// <summary>Increasing cost.</summary>
    public required List<ArchiveDto> Archive { get; init; }
    public required List<HistoryDto> History { get; init; }
    /// <summary>Oldest first.</summary>
    public required List<CacheDto> Cache { get; init; }
}

internal sealed class SettingsDto
{
    public required int PopulationSize { get; init; }
    public required int TournamentSize { get; init; }
    public required string Selection { get; init; }
    public required ulong Seed { get; init; }
    public required int CacheCapacity { get; init; }
}

internal sealed class MemberDto
{
    public required long Id { get; init; }
    public required long ParentId { get; init; }
    public required int Cost { get; init; }
    public required double Error { get; init; }
    public required string Genome { get; init; }
}

internal sealed class ArchiveDto
{
    public required long Id { get; init; }
    public required long Evaluation { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required int Cost { get; init; }
    public required double Error { get; init; }
    public required string Genome { get; init; }
}

internal sealed class HistoryDto
{
    public required long Evaluations { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required int Cost { get; init; }
    public required double Error { get; init; }
}

internal sealed class CacheDto
{
    public required string Key { get; init; }
    public required int Cost { get; init; }
    public required double Error { get; init; }
    public required string Genome { get; init; }
}
