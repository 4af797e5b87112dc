namespace AutoNumerics.Codegen.Compilation;

/// <summary>
/// Roslyn reported errors. <see cref="Exception.Message"/> is one line (count, files, first error) so a CLI can
/// print it as-is; <see cref="Errors"/> holds every error formatted as "path(line,col): error CSxxxx: text".
/// </summary>
public sealed class CompilationFailedException : Exception
{
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Warnings from the same compilation, kept apart so they never hide the errors.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public CompilationFailedException(IReadOnlyList<string> errors, IReadOnlyList<string> warnings, IReadOnlyList<string> files)
        : base(Summarize(errors, files))
    {
        Errors = errors;
        Warnings = warnings;
    }

    private static string Summarize(IReadOnlyList<string> errors, IReadOnlyList<string> files)
    {
        string noun = errors.Count == 1 ? "compiler error" : "compiler errors";
        string where = files.Count == 0 ? "" : $" in {string.Join(", ", files)}";
        string first = errors.Count == 0 ? "" : $"; first: {errors[0]}";
        // Diagnostic text can in principle span lines; the summary must stay one line.
        return $"{errors.Count} {noun}{where}{first}".ReplaceLineEndings(" ");
    }
}
