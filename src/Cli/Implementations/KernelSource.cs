using System.Numerics.Tensors;
using AutoNumerics.Codegen.Compilation;
using AutoNumerics.Codegen.Kernels;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Implementations;

/// <summary>The implementation a command checks: a built-in one, or a user's C# file compiled in memory. Disposing
/// it unloads the compiled assembly.</summary>
public sealed class KernelSource : IDisposable
{
    readonly CompiledAssembly? compiled;

    KernelSource(IFloat32Kernel kernel, CompiledAssembly? compiled) { Kernel = kernel; this.compiled = compiled; }

    public IFloat32Kernel Kernel { get; }

    public void Dispose() => compiled?.Dispose();

    public static KernelSource Resolve(MathFunction f, string? implementation, string? sourcePath, string? method, string? form = null)
    {
        if (implementation is not null && sourcePath is not null)
            throw new UserInputException("give either --impl or --source, not both");
        if (sourcePath is null)
        {
            if (method is not null || form is not null) throw new UserInputException("--method and --form go with --source");
            if (implementation is null) throw new UserInputException($"say which implementation to check: --impl {string.Join("|", ImplementationCatalog.Names)}, or --source FILE --method NAME");
            return new KernelSource(ImplementationCatalog.Get(implementation, f), null);
        }
        if (method is null) throw new UserInputException("--source needs --method Namespace.Type.Method");
        if (!File.Exists(sourcePath)) throw new UserInputException($"source file '{sourcePath}' does not exist");
        KernelForm? kernelForm = form?.ToLowerInvariant() switch
        {
            null => null,
            "scalar" => KernelForm.Scalar,
            "span" => KernelForm.Span,
            _ => throw new UserInputException($"unknown --form '{form}'; choose scalar or span"),
        };

        // User kernels may call TensorPrimitives, which ships as a package rather than in the shared framework.
        var compiler = new InMemoryCompiler([typeof(TensorPrimitives).Assembly.Location]);
        CompiledAssembly assembly;
        try
        {
            assembly = compiler.CompileFiles(sourcePath);
        }
        catch (CompilationFailedException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error);
            throw new UserInputException(e.Message);
        }
        try
        {
            var kernel = KernelMethodResolver.Resolve(assembly, method, kernelForm);
            return new KernelSource(new CompiledKernel(method, kernel), assembly);
        }
        catch (KernelResolutionException e)
        {
            assembly.Dispose();
            throw new UserInputException(e.Message);
        }
    }

    sealed class CompiledKernel(string name, IFloatUnaryKernel kernel) : IFloat32Kernel
    {
        public string Name => name;
        public void Evaluate(ReadOnlySpan<float> x, Span<float> y) => kernel.Evaluate(x, y);
    }
}
