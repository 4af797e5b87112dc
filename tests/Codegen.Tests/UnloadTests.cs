using System.Runtime.CompilerServices;
using AutoNumerics.Codegen.Compilation;
using AutoNumerics.Codegen.Kernels;

namespace AutoNumerics.Codegen.Tests;

public sealed class UnloadTests
{
    [Fact]
    public void DisposedAssembly_IsUnloaded()
    {
        WeakReference context = CompileUseAndDispose("Kernels.Square.Eval", Sources.Scalar);
        Assert.True(WaitForCollection(context), "the collectible load context was not unloaded");
    }

    [Fact]
    public void DisposedAssemblyWithSpanKernel_IsUnloaded()
    {
        WeakReference context = CompileUseAndDispose("Kernels.Exp.Eval", Sources.Span);
        Assert.True(WaitForCollection(context), "the collectible load context was not unloaded");
    }

    [Fact]
    public void LiveKernel_KeepsItsCodeLoadedAfterDispose()
    {
        var holder = new StrongBox<IFloatUnaryKernel?>();
        WeakReference context = CompileKeepKernelAndDispose(holder);

        // The kernel still references the method, so unloading must wait and calls stay safe.
        Assert.False(WaitForCollection(context, attempts: 3));
        Assert.Equal(5f, EvaluateHeld(holder, 2f));

        holder.Value = null;
        Assert.True(WaitForCollection(context), "the load context outlived its last kernel");
    }

    // Not inlined so that no local of the caller's frame can keep the assembly, kernel or context reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileUseAndDispose(string name, string source)
    {
        using CompiledAssembly compiled = Compilers.Default.CompileText(source, "unload.cs");
        IFloatUnaryKernel kernel = KernelMethodResolver.Resolve(compiled, name);
        float[] y = new float[20];
        kernel.Evaluate(new float[20], y);
        Assert.Equal(1f, y[0], 1e-6f); // f(0) is 1 for both kernels, up to Vector256.Exp's rounding

        return new WeakReference(compiled.LoadContext);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileKeepKernelAndDispose(StrongBox<IFloatUnaryKernel?> holder)
    {
        using CompiledAssembly compiled = Compilers.Default.CompileText(Sources.Scalar, "unload.cs");
        holder.Value = KernelMethodResolver.Resolve(compiled, "Kernels.Square.Eval");
        return new WeakReference(compiled.LoadContext);
    }

    // Calling through the kernel here, not in the test body: a debug-build temporary there would pin it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float EvaluateHeld(StrongBox<IFloatUnaryKernel?> holder, float x)
    {
        float[] y = new float[1];
        holder.Value!.Evaluate([x], y);
        return y[0];
    }

    private static bool WaitForCollection(WeakReference reference, int attempts = 20)
    {
        // Unloading takes more than one collection: finalizers of the loader allocator run in between.
        for (int i = 0; i < attempts && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return !reference.IsAlive;
    }
}
