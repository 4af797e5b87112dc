using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace AutoNumerics.Codegen.Compilation;

/// <summary>
/// Compiles C# sources with Roslyn into an assembly loaded in a collectible context. References are every
/// trusted platform assembly of the running process plus the extra paths given to the constructor (e.g.
/// System.Numerics.Tensors.dll, which ships as a NuGet package rather than in the shared framework).
/// Instances are immutable and safe to share between threads; many candidates belong in one call
/// (one compilation with several syntax trees is far cheaper than one compilation each).
/// </summary>
public sealed class InMemoryCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: true,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    // Metadata references are read-only views of files on disk (not loaded assemblies), so caching them for the
    // process is safe and saves re-reading ~200 framework files per compilation.
    private static readonly Lazy<ImmutableDictionary<string, MetadataReference>> TrustedPlatformReferences = new(LoadTrustedPlatformReferences);

    private static int s_assemblyCounter;

    private readonly ImmutableArray<MetadataReference> _references;
    private readonly IReadOnlyDictionary<string, string> _extraPathsByName;

    /// <param name="extraReferencePaths">Assemblies to reference besides the platform ones. An extra assembly
    /// with the same simple name as a platform one replaces it (two copies would be error CS1703).</param>
    /// <exception cref="FileNotFoundException">An extra reference does not exist.</exception>
    public InMemoryCompiler(IEnumerable<string>? extraReferencePaths = null)
    {
        var extras = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in extraReferencePaths ?? [])
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new FileNotFoundException($"Reference assembly not found: {full}", full);
            extras[Path.GetFileNameWithoutExtension(full)] = full;
        }

        ImmutableDictionary<string, MetadataReference> references = TrustedPlatformReferences.Value;
        foreach ((string name, string path) in extras)
            references = references.SetItem(name, MetadataReference.CreateFromFile(path));

        _references = [.. references.Values];
        _extraPathsByName = extras;
        ExtraReferencePaths = [.. extras.Values];
    }

    public IReadOnlyList<string> ExtraReferencePaths { get; }

    /// <summary>Compiles strings; <paramref name="path"/> names the text in diagnostics.</summary>
    public CompiledAssembly CompileText(string text, string path = "source.cs") => Compile(CSharpSource.FromText(text, path));

    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public CompiledAssembly CompileFiles(params string[] paths) => Compile(paths.Select(CSharpSource.FromFile));

    public CompiledAssembly Compile(params CSharpSource[] sources) => Compile((IEnumerable<CSharpSource>)sources);

    /// <summary>Compiles all sources into one assembly and loads it into a new collectible context.</summary>
    /// <param name="assemblyName">Defaults to a unique "AutoNumerics.Generated.N".</param>
    /// <exception cref="CompilationFailedException">Roslyn reported at least one error.</exception>
    public CompiledAssembly Compile(IEnumerable<CSharpSource> sources, string? assemblyName = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        List<SyntaxTree> trees = [.. sources.Select(Parse)];
        if (trees.Count == 0)
            throw new ArgumentException("At least one C# source is required.", nameof(sources));

        assemblyName ??= $"AutoNumerics.Generated.{Interlocked.Increment(ref s_assemblyCounter)}";
        CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, _references, CompilationOptions);

        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        // A portable PDB costs little and makes exceptions thrown inside a kernel point at its source line.
        EmitResult result = compilation.Emit(peStream, pdbStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));

        List<Diagnostic> errors = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        List<string> warnings = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Format)];
        if (!result.Success || errors.Count > 0)
        {
            List<string> files = [.. errors
                .Where(d => d.Location.IsInSource)
                .Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath))
                .Distinct(StringComparer.Ordinal)];
            throw new CompilationFailedException([.. errors.Select(Format)], warnings, files);
        }

        peStream.Position = 0;
        pdbStream.Position = 0;
        var context = new KernelLoadContext(assemblyName, _extraPathsByName);
        return new CompiledAssembly(context.LoadFromStream(peStream, pdbStream), context, warnings);
    }

    private static SyntaxTree Parse(CSharpSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        // An encoding is required for the text to be hashed into the PDB; the path gives diagnostics their file.
        SourceText text = SourceText.From(source.Text, Encoding.UTF8);
        return CSharpSyntaxTree.ParseText(text, ParseOptions, source.Path);
    }

    // Invariant culture: diagnostics are parsed by people and tools alike, whatever the machine's locale.
    private static string Format(Diagnostic diagnostic) => CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture);

    private static ImmutableDictionary<string, MetadataReference> LoadTrustedPlatformReferences()
    {
        string tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("The runtime did not provide TRUSTED_PLATFORM_ASSEMBLIES; cannot locate framework assemblies to reference.");
        var builder = ImmutableDictionary.CreateBuilder<string, MetadataReference>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
                builder[Path.GetFileNameWithoutExtension(path)] = MetadataReference.CreateFromFile(path);
        }
        return builder.ToImmutable();
    }
}
