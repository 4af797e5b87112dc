namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// Replaces a file so that readers (and a crash at any instant) see either the old content or the new, never a mix:
/// write a temp file in the same directory, flush it to the disk, then rename it over the target (rename(2) is atomic
/// on one file system). Optionally the old file is first renamed to <c>previousPath</c>, so one older version
/// survives too; a crash between the two renames leaves no target but an intact previous file, which loaders fall
/// back to (see <see cref="Checkpoint.Load{TGenome}"/>).
/// </summary>
public static class AtomicFile
{
    /// <summary>Where to stop, to simulate a crash in tests.</summary>
    internal enum CrashPoint { None, AfterTempWritten, AfterPreviousRotated }

    public static void Write(string path, ReadOnlySpan<byte> content, string? previousPath = null) =>
        Write(path, content, previousPath, CrashPoint.None);

    public static void WriteAllText(string path, string text, string? previousPath = null) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(text), previousPath);

    /// <summary>The temp file a write goes through (a leftover one is harmless and overwritten next time).</summary>
    public static string TempPath(string path) => path + ".tmp";

    internal static void Write(string path, ReadOnlySpan<byte> content, string? previousPath, CrashPoint crash)
    {
        string tmp = TempPath(path);
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            fs.Write(content);
            fs.Flush(flushToDisk: true); // the data must be on disk before the rename makes it visible
        }
        if (crash == CrashPoint.AfterTempWritten) throw new SimulatedCrashException();
        if (previousPath is not null && File.Exists(path)) File.Move(path, previousPath, overwrite: true);
        if (crash == CrashPoint.AfterPreviousRotated) throw new SimulatedCrashException();
        File.Move(tmp, path, overwrite: true);
    }

    internal sealed class SimulatedCrashException() : Exception("simulated crash");
}
