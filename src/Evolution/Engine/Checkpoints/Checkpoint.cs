using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// Checkpoint files: the whole <see cref="SearchState{TGenome}"/> as JSON, in an envelope
/// <c>{"format":"autonumerics-checkpoint","version":1,"sha256":"...","payload":{...}}</c> where the hash covers the
/// payload's exact bytes, so a truncated or altered file is detected rather than half-loaded. Written atomically
/// (<see cref="AtomicFile"/>) as checkpoint.json, with the one before kept as checkpoint.prev.json.
/// </summary>
public static class Checkpoint
{
    public const string Format = "autonumerics-checkpoint";
    public const int FormatVersion = 1;
    public const string FileName = "checkpoint.json";
    public const string PreviousFileName = "checkpoint.prev.json";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // invalid genomes have NaN/inf errors
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>True if the directory holds a checkpoint (current or previous).</summary>
    public static bool Exists(string directory) =>
        File.Exists(Path.Combine(directory, FileName)) || File.Exists(Path.Combine(directory, PreviousFileName));

    /// <summary>Writes the state to <c>directory/checkpoint.json</c> atomically; returns the path. Not thread-safe
    /// against a running engine: the engine checkpoints itself (see <see cref="RunOptions.CheckpointDirectory"/>).</summary>
    public static string Save<TGenome>(SearchState<TGenome> state, IGenomeCodec<TGenome> codec, string directory) =>
        Write(CheckpointCodec.ToPayload(state, codec), directory);

    /// <summary>
    /// Loads the latest checkpoint of a directory: checkpoint.json, or checkpoint.prev.json if checkpoint.json is
    /// missing (a crash between the two renames of a write). A checkpoint.json that exists but is unreadable is an
    /// error, not a silent fallback: the caller decides whether to resume from the previous one.
    /// </summary>
    public static SearchState<TGenome> Load<TGenome>(string directory, IProblem<TGenome> problem)
    {
        string current = Path.Combine(directory, FileName), previous = Path.Combine(directory, PreviousFileName);
        if (File.Exists(current)) return LoadFile(current, problem);
        if (File.Exists(previous)) return LoadFile(previous, problem);
        throw new CheckpointException(current, "no checkpoint found");
    }

    /// <summary>Loads one checkpoint file, validating format, version, checksum and content.</summary>
    public static SearchState<TGenome> LoadFile<TGenome>(string path, IProblem<TGenome> problem)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new CheckpointException(path, $"cannot be read: {e.Message}", e); }
        return CheckpointCodec.ToState(ReadPayload(bytes, path), problem, path);
    }

    internal static string Write(CheckpointPayload payload, string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        AtomicFile.Write(path, Serialize(payload), Path.Combine(directory, PreviousFileName));
        return path;
    }

    internal static byte[] Serialize(CheckpointPayload payload)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(payload, JsonOptions);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 200);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("version", FormatVersion);
            w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(body)));
            w.WritePropertyName("payload");
            w.WriteRawValue(body, skipInputValidation: true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    internal static CheckpointPayload ReadPayload(byte[] bytes, string path)
    {
        CheckpointException Bad(string what, Exception? inner = null) => new(path, what, inner);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw Bad($"not valid JSON, truncated or corrupted ({e.Message})", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != Format)
                throw Bad($"not an {Format} file");
            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out int v))
                throw Bad("missing format version");
            if (v != FormatVersion) throw Bad($"format version {v}, but this build reads version {FormatVersion}");
            if (!root.TryGetProperty("sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
                throw Bad("missing checksum");
            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
                throw Bad("missing payload");
            // Hash the payload's bytes exactly as they are in the file.
            string actual = Convert.ToHexStringLower(SHA256.HashData(JsonMarshal.GetRawUtf8Value(payload)));
            if (!string.Equals(actual, sha.GetString(), StringComparison.OrdinalIgnoreCase))
                throw Bad("checksum mismatch, the file is corrupted");
            try
            {
                return payload.Deserialize<CheckpointPayload>(JsonOptions) ?? throw Bad("empty payload");
            }
            catch (JsonException e) { throw Bad($"missing or invalid field ({e.Message})", e); }
        }
    }
}
