namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// A checkpoint that cannot be used: missing, truncated, corrupted (checksum), of another format version, or for
/// another problem. The message is one line naming the file and the problem, fit for a CLI error.
/// </summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string path, string problem, Exception? inner = null)
        : base(OneLine($"checkpoint {path}: {problem}"), inner)
    {
        Path = path;
    }

    public string Path { get; }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
