namespace AutoNumerics.Codegen.Compilation;

/// <summary>
/// One C# source text plus the path it is reported under. The path is given to the parser so every diagnostic
/// reads "path(line,col): error CSxxxx: ..." and so stack traces through the portable PDB point at it.
/// </summary>
public sealed record CSharpSource(string Text, string Path)
{
    /// <summary>Source held in memory; <paramref name="path"/> only names it in diagnostics.</summary>
    public static CSharpSource FromText(string text, string path = "source.cs")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new CSharpSource(text, path);
    }

    /// <summary>Reads a file. The path is kept as given so messages show what the user typed.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (message names the full path).</exception>
    public static CSharpSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"C# source file not found: {System.IO.Path.GetFullPath(path)}", path);
        return new CSharpSource(File.ReadAllText(path), path);
    }
}
