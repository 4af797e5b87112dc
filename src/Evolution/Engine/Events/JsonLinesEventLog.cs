using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The append-only event log (events.jsonl): one JSON object per line, flushed per line so a tail -f or a killed
/// process sees every event that was emitted. Appends on resume, so one file tells the run's whole story.
/// </summary>
public sealed class JsonLinesEventLog : IEventSink, IDisposable
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep program text readable ("x + 1", not "x \u002B 1")
    };

    private readonly FileStream _stream;
    private readonly Lock _lock = new();

    public JsonLinesEventLog(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public string Path { get; }

    public void Emit(EngineEvent e)
    {
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(e, Options);
        lock (_lock)
        {
            _stream.Write(line);
            _stream.WriteByte((byte)'\n');
            _stream.Flush();
        }
    }

    /// <summary>Reads a log back (for tests and reports).</summary>
    public static List<EngineEvent> Read(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<EngineEvent>(l, Options)!)];

    public void Dispose() => _stream.Dispose();
}

/// <summary>Keeps events in memory (tests, or a caller that renders them itself).</summary>
public sealed class MemoryEventSink : IEventSink
{
    private readonly List<EngineEvent> _events = [];
    private readonly Lock _lock = new();

    public void Emit(EngineEvent e) { lock (_lock) _events.Add(e); }

    public IReadOnlyList<EngineEvent> Events { get { lock (_lock) return [.. _events]; } }
}
