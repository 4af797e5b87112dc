using AutoNumerics.Codegen.Compilation;
using AutoNumerics.Codegen.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoNumerics.Codegen.Tests;

public sealed class InMemoryCompilerTests
{
    [Fact]
    public void ScalarKernelFromString_Evaluates()
    {
        using CompiledAssembly compiled = Compilers.Default.CompileText(Sources.Scalar, "square.cs");
        IFloatUnaryKernel kernel = KernelMethodResolver.Resolve(compiled, "Kernels.Square.Eval");

        float[] y = new float[3];
        kernel.Evaluate([1f, 2f, 3f], y);

        Assert.Equal([2f, 5f, 10f], y);
        Assert.Equal(KernelForm.Scalar, kernel.Form);
        Assert.Equal("scalar kernel float Kernels.Square.Eval(float)", kernel.Description);
        Assert.Equal(17f, Assert.IsType<ScalarFunctionPointerKernel>(kernel).Evaluate(4f));
    }

    [Fact]
    public void SpanKernelUsingVector256AndMathF_Evaluates()
    {
        using CompiledAssembly compiled = Compilers.Default.CompileText(Sources.Span, "exp.cs");
        IFloatUnaryKernel kernel = KernelMethodResolver.Resolve(compiled, "Kernels.Exp.Eval");

        // 19 elements: two full vectors and a scalar tail.
        float[] x = [.. Enumerable.Range(0, 19).Select(i => (i - 9) * 0.5f)];
        float[] y = new float[x.Length];
        kernel.Evaluate(x, y);

        Assert.Equal(KernelForm.Span, kernel.Form);
        Assert.Equal("span kernel void Kernels.Exp.Eval(ReadOnlySpan<float>, Span<float>)", kernel.Description);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(MathF.Exp(x[i]), y[i], MathF.Exp(x[i]) * 1e-6f);
    }

    [Fact]
    public void KernelFromTempFile_Evaluates()
    {
        string path = Path.Combine(Path.GetTempPath(), $"autonumerics-{Guid.NewGuid():N}.cs");
        File.WriteAllText(path, Sources.Scalar);
        try
        {
            using CompiledAssembly compiled = Compilers.Default.CompileFiles(path);
            IFloatUnaryKernel kernel = KernelMethodResolver.Resolve(compiled, "Kernels.Square.Eval");
            float[] y = new float[1];
            kernel.Evaluate([3f], y);
            Assert.Equal(10f, y[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TwoKernelsInOneCompilation_BothResolve()
    {
        using CompiledAssembly compiled = Compilers.Default.Compile(
            CSharpSource.FromText(Sources.Scalar, "square.cs"),
            CSharpSource.FromText(Sources.Span, "exp.cs"));

        float[] y = new float[1];
        KernelMethodResolver.Resolve(compiled, "Kernels.Square.Eval").Evaluate([2f], y);
        Assert.Equal(5f, y[0]);
        KernelMethodResolver.Resolve(compiled, "Kernels.Exp.Eval").Evaluate([0f], y);
        Assert.Equal(1f, y[0]);
    }

    [Fact]
    public void CompileError_ReportsFileLineColumnAndCode()
    {
        const string source = """
            namespace Kernels;
            public static class Broken
            {
                public static float Eval(float x) => y;
            }
            """;
        var e = Assert.Throws<CompilationFailedException>(() => Compilers.Default.CompileText(source, "kernel.cs"));

        string error = Assert.Single(e.Errors);
        Assert.StartsWith("kernel.cs(4,42): error CS0103: The name 'y' does not exist in the current context", error);
        Assert.Equal($"1 compiler error in kernel.cs; first: {error}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SeveralErrorsInAFile_AreCountedAndListed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"autonumerics-{Guid.NewGuid():N}.cs");
        File.WriteAllText(path, """
            namespace Kernels;
            public static class Broken
            {
                public static float A(float x) => y;
                public static float B(float x) => (float)Undefined(x);
                public static float C(float x) { int unused; return x; }
            }
            """);
        try
        {
            var e = Assert.Throws<CompilationFailedException>(() => Compilers.Default.CompileFiles(path));

            Assert.Equal(2, e.Errors.Count);
            Assert.StartsWith($"{path}(4,39): error CS0103", e.Errors[0]);
            Assert.StartsWith($"{path}(5,46): error CS0103", e.Errors[1]);
            Assert.StartsWith($"2 compiler errors in {Path.GetFileName(path)}; first: {path}(4,39): error CS0103", e.Message);
            // The unused local is a warning: reported, but apart from the errors.
            Assert.Contains(e.Warnings, w => w.Contains("warning CS0168"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Warnings_DoNotFailTheCompilation()
    {
        const string source = """
            namespace Kernels;
            public static class Noisy
            {
                public static float Eval(float x) { int unused; return x; }
            }
            """;
        using CompiledAssembly compiled = Compilers.Default.CompileText(source, "noisy.cs");
        string warning = Assert.Single(compiled.Warnings);
        Assert.StartsWith("noisy.cs(4,45): warning CS0168", warning);
    }

    [Fact]
    public void UnsafeCodeAndLatestLanguageAreAllowed()
    {
        const string source = """
            namespace Kernels;
            public static class Bits
            {
                // Pointer cast (unsafe) and a collection expression (recent language version).
                public static unsafe float Eval(float x)
                {
                    int[] mask = [0x7FFFFFFF];
                    int bits = *(int*)&x & mask[0];
                    return *(float*)&bits;
                }
            }
            """;
        using CompiledAssembly compiled = Compilers.Default.CompileText(source, "bits.cs");
        var kernel = (ScalarFunctionPointerKernel)KernelMethodResolver.Resolve(compiled, "Kernels.Bits.Eval");
        Assert.Equal(2.5f, kernel.Evaluate(-2.5f));
    }

    [Fact]
    public void MissingSourceFile_ThrowsFileNotFoundNamingThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "autonumerics-does-not-exist.cs");
        var e = Assert.Throws<FileNotFoundException>(() => Compilers.Default.CompileFiles(path));
        Assert.Equal($"C# source file not found: {path}", e.Message);
    }

    [Fact]
    public void MissingExtraReference_ThrowsFileNotFound()
    {
        string path = Path.Combine(Path.GetTempPath(), "autonumerics-missing.dll");
        var e = Assert.Throws<FileNotFoundException>(() => new InMemoryCompiler([path]));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ExtraReference_OutsideTheApp_IsCompiledAgainstAndLoaded()
    {
        // A library the test host has never seen, written to disk like a NuGet dll would be.
        string directory = Path.Combine(Path.GetTempPath(), $"autonumerics-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string libraryName = $"ExtraLib{Guid.NewGuid():N}";
        string libraryPath = Path.Combine(directory, libraryName + ".dll");
        EmitLibrary(libraryName, libraryPath, "namespace Extra; public static class Helper { public static float Twice(float x) => 2f * x; }");

        var compiler = new InMemoryCompiler([libraryPath]);
        using CompiledAssembly compiled = compiler.CompileText(
            "namespace Kernels; public static class UsesExtra { public static float Eval(float x) => Extra.Helper.Twice(x) + 1f; }",
            "uses-extra.cs");
        var kernel = (ScalarFunctionPointerKernel)KernelMethodResolver.Resolve(compiled, "Kernels.UsesExtra.Eval");

        Assert.Equal(7f, kernel.Evaluate(3f));
        Assert.Equal([libraryPath], compiler.ExtraReferencePaths);
    }

    [Fact]
    public void DestinationShorterThanSource_Throws()
    {
        using CompiledAssembly compiled = Compilers.Default.CompileText(Sources.Scalar, "square.cs");
        IFloatUnaryKernel kernel = KernelMethodResolver.Resolve(compiled, "Kernels.Square.Eval");
        Assert.Throws<ArgumentException>(() => kernel.Evaluate([1f, 2f], new float[1]));
    }

    [Fact]
    public void DisposedAssembly_ThrowsObjectDisposed()
    {
        CompiledAssembly compiled = Compilers.Default.CompileText(Sources.Scalar, "square.cs");
        compiled.Dispose();
        compiled.Dispose(); // idempotent
        Assert.True(compiled.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => compiled.Assembly);
    }

    private static void EmitLibrary(string name, string path, string source)
    {
        string[] tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            tpa.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
