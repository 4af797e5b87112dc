using System.Reflection;
using System.Runtime.Loader;

namespace AutoNumerics.Codegen.Compilation;

/// <summary>
/// An assembly compiled in memory and the collectible context that owns it. Dispose starts unloading; the
/// runtime finishes once nothing (kernels, delegates, MethodInfos) from the assembly is still reachable.
/// </summary>
public sealed class CompiledAssembly : IDisposable
{
    // Both fields are cleared on Dispose so a CompiledAssembly that outlives its use does not pin the context.
    private Assembly? _assembly;
    private AssemblyLoadContext? _context;

    public string Name { get; }

    /// <summary>Formatted compiler warnings ("path(line,col): warning CSxxxx: text").</summary>
    public IReadOnlyList<string> Warnings { get; }

    internal CompiledAssembly(Assembly assembly, AssemblyLoadContext context, IReadOnlyList<string> warnings)
    {
        _assembly = assembly;
        _context = context;
        Name = assembly.GetName().Name ?? "";
        Warnings = warnings;
    }

    public Assembly Assembly => _assembly ?? throw new ObjectDisposedException(nameof(CompiledAssembly), $"Compiled assembly '{Name}' was disposed.");

    /// <summary>The owning context; exposed so callers (and tests) can watch it unload through a WeakReference.</summary>
    public AssemblyLoadContext LoadContext => _context ?? throw new ObjectDisposedException(nameof(CompiledAssembly), $"Compiled assembly '{Name}' was disposed.");

    public bool IsDisposed => _context is null;

    public void Dispose()
    {
        AssemblyLoadContext? context = _context;
        _assembly = null;
        _context = null;
        context?.Unload();
    }
}
