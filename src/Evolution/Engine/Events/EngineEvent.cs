namespace AutoNumerics.Evolution.Engine;

/// <summary>Event kinds of the run's event log.</summary>
public static class EventKinds
{
    public const string Started = "started";
    public const string Resumed = "resumed";
    public const string Archive = "archive";
    public const string Checkpoint = "checkpoint";
    public const string CheckpointFailed = "checkpoint-failed";
    public const string Finished = "finished";
    public const string Failed = "failed";
}

/// <summary>One line of the event log. Optional fields are null when they do not apply (and are then omitted).</summary>
public sealed record EngineEvent(string Kind, DateTimeOffset Time, long Evaluations, double ElapsedSeconds)
{
    public int? Cost { get; init; }
    public double? Error { get; init; }
    /// <summary>Genome text (archive events).</summary>
    public string? Genome { get; init; }
    /// <summary>File written (checkpoint events).</summary>
    public string? Path { get; init; }
    /// <summary>Stop reason, failure message, or settings summary.</summary>
    public string? Detail { get; init; }
}

/// <summary>Receives engine events, in order, from one thread at a time.</summary>
public interface IEventSink
{
    void Emit(EngineEvent e);
}
