namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// When a run stops. Both limits count the run's whole life (all sessions), so resuming a run with the same budget
/// finishes the original budget rather than starting a new one. Null means no limit; with neither limit a run goes
/// on until cancelled.
/// </summary>
public readonly record struct Budget(long? MaxEvaluations = null, TimeSpan? MaxTime = null)
{
    public static Budget Evaluations(long max) => new(max, null);
    public static Budget Time(TimeSpan max) => new(null, max);

    public void Validate()
    {
        if (MaxEvaluations is <= 0) throw new ArgumentException($"evaluation budget must be positive, got {MaxEvaluations}");
        if (MaxTime is { } t && t <= TimeSpan.Zero) throw new ArgumentException($"time budget must be positive, got {t}");
    }
}

/// <summary>Choices for one session of a run (they may differ between a run and its resume).</summary>
public sealed record RunOptions
{
    /// <summary>Worker threads. Exactly reproducible (and exactly resumable) only with 1.</summary>
    public int Workers { get; init; } = 1;

    public Budget Budget { get; init; }

    /// <summary>Where checkpoint.json (and checkpoint.prev.json) go; null writes no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Time between periodic checkpoints; a final one is always written when the session ends.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time between progress callbacks.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called on the supervising thread (never concurrently), every <see cref="ProgressInterval"/> and once at the end.</summary>
    public Action<ProgressReport>? Progress { get; init; }

    /// <summary>Receives the event log (run started/resumed, archive entries, checkpoints, finished).</summary>
    public IEventSink? Events { get; init; }

    public void Validate()
    {
        if (Workers < 1) throw new ArgumentException($"workers must be at least 1, got {Workers}");
        Budget.Validate();
        if (CheckpointInterval <= TimeSpan.Zero) throw new ArgumentException("checkpoint interval must be positive");
        if (ProgressInterval <= TimeSpan.Zero) throw new ArgumentException("progress interval must be positive");
    }
}

public enum StopReason { EvaluationBudget, TimeBudget, Cancelled }

/// <summary>How a session ended.</summary>
/// <param name="Evaluations">Evaluations in this session.</param>
/// <param name="TotalEvaluations">Evaluations over the run's life.</param>
/// <param name="CheckpointPath">The final checkpoint, if a checkpoint directory was given.</param>
public sealed record RunSummary(StopReason Reason, long Evaluations, long TotalEvaluations, TimeSpan Elapsed, string? CheckpointPath);
