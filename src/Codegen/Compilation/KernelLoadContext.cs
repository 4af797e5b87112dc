using System.Reflection;
using System.Runtime.Loader;

namespace AutoNumerics.Codegen.Compilation;

/// <summary>
/// Collectible context for one compiled assembly. Dependencies are never loaded into this context: they resolve
/// to the default context so types such as <see cref="ReadOnlySpan{T}"/> or Vector256 are the host's own
/// (a second copy would make signature checks and delegates fail) and so unloading frees only generated code.
/// </summary>
internal sealed class KernelLoadContext : AssemblyLoadContext
{
    private readonly IReadOnlyDictionary<string, string> _extraPathsByName;

    public KernelLoadContext(string name, IReadOnlyDictionary<string, string> extraPathsByName)
        : base(name, isCollectible: true)
    {
        _extraPathsByName = extraPathsByName;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Already in the default context: reuse it (the common case: CoreLib, System.Runtime, ...).
        foreach (Assembly loaded in Default.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, assemblyName.Name, StringComparison.OrdinalIgnoreCase))
                return loaded;
        }

        // Not loaded yet: the default context's probing (TPA list / deps.json) knows the framework and the app.
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
        }

        // A reference the caller passed explicitly (e.g. a NuGet dll outside the app): load it into the default
        // context too, never into this one, so it stays shared and this context still unloads cleanly.
        if (assemblyName.Name is { } simpleName && _extraPathsByName.TryGetValue(simpleName, out string? path))
            return Default.LoadFromAssemblyPath(path);

        return null;
    }
}
