using AutoNumerics.Codegen.Compilation;
using AutoNumerics.Codegen.Kernels;

namespace AutoNumerics.Codegen.Tests;

/// <summary>One assembly holds every shape of method the resolver must accept or reject.</summary>
public sealed class KernelMethodResolverTests : IDisposable
{
    private const string Source = """
        using System;

        namespace Kernels
        {
            public static class Good
            {
                public static float Scalar(float x) => x + 1f;
                internal static float Internal(float x) => x + 2f;
                public static void Span(ReadOnlySpan<float> x, Span<float> y) { for (int i = 0; i < x.Length; i++) y[i] = -x[i]; }

                public static float Both(float x) => 10f;
                public static void Both(ReadOnlySpan<float> x, Span<float> y) => y.Slice(0, x.Length).Fill(20f);

                public static class Nested
                {
                    public static float Eval(float x) => x * 3f;
                }
            }

            public sealed class Bad
            {
                public float Instance(float x) => x;
                private static float Hidden(float x) => x;
                public static double WrongTypes(double x) => x;
                public static float TooMany(float x, float y) => x;
                public static void WrongSpans(Span<float> x, Span<float> y) { }
                public static T Generic<T>(T x) => x;

                public static double Overloaded(double x) => x;
                public static float Overloaded(float x, int n) => x;
            }
        }

        public static class GlobalKernel
        {
            public static float Eval(float x) => x - 1f;
        }
        """;

    private readonly CompiledAssembly _compiled = Compilers.Default.CompileText(Source, "resolver.cs");

    public void Dispose() => _compiled.Dispose();

    private float Scalar(string name, float x, KernelForm? form = null)
    {
        float[] y = new float[1];
        KernelMethodResolver.Resolve(_compiled, name, form).Evaluate([x], y);
        return y[0];
    }

    private string Error(string name, KernelForm? form = null)
    {
        var e = Assert.Throws<KernelResolutionException>(() => KernelMethodResolver.Resolve(_compiled, name, form));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void PublicInternalNestedAndGlobalMethods_Resolve()
    {
        Assert.Equal(2f, Scalar("Kernels.Good.Scalar", 1f));
        Assert.Equal(3f, Scalar("Kernels.Good.Internal", 1f));
        Assert.Equal(-1f, Scalar("Kernels.Good.Span", 1f));
        Assert.Equal(6f, Scalar("Kernels.Good.Nested.Eval", 2f));
        Assert.Equal(6f, Scalar("Kernels.Good+Nested.Eval", 2f));
        Assert.Equal(1f, Scalar("GlobalKernel.Eval", 2f));
        Assert.Equal("scalar kernel float Kernels.Good.Nested.Eval(float)",
            KernelMethodResolver.Resolve(_compiled, "Kernels.Good+Nested.Eval").Description);
    }

    [Fact]
    public void ScalarAndSpanOverloads_NeedAForm()
    {
        Assert.Equal(10f, Scalar("Kernels.Good.Both", 0f, KernelForm.Scalar));
        Assert.Equal(20f, Scalar("Kernels.Good.Both", 0f, KernelForm.Span));
        Assert.Equal(
            "Kernel method 'Kernels.Good.Both' is ambiguous: it has both a scalar and a span overload; choose one (KernelForm.Scalar or KernelForm.Span).",
            Error("Kernels.Good.Both"));
    }

    [Fact]
    public void RequestedFormMissing_IsReported()
    {
        Assert.Equal(
            "Kernel method 'Kernels.Good.Scalar' is a scalar kernel ('static float Scalar(float)') but a span kernel was requested.",
            Error("Kernels.Good.Scalar", KernelForm.Span));
    }

    [Fact]
    public void MissingType_SuggestsCloseMatches()
    {
        Assert.Equal(
            "Type 'Kernels.Goood' not found in compiled assembly '" + _compiled.Name + "'; did you mean 'Kernels.Good'?",
            Error("Kernels.Goood.Scalar"));
        Assert.Contains("did you mean 'Kernels.Good'", Error("Other.Good.Scalar"));
        Assert.Contains("types in the assembly: ", Error("Completely.Unrelated.Name"));
    }

    [Fact]
    public void MissingMethod_ListsTheTypesMethods()
    {
        string message = Error("Kernels.Good.Scalr");
        Assert.StartsWith("Method 'Scalr' not found on type 'Kernels.Good'; methods there: Scalar", message);
    }

    [Fact]
    public void InstanceMethod_IsRejected()
    {
        Assert.Equal(
            "Kernel method 'Kernels.Bad.Instance' is not static (found 'float Instance(float)'); kernels must be static methods.",
            Error("Kernels.Bad.Instance"));
    }

    [Fact]
    public void PrivateMethod_IsRejected()
    {
        Assert.Equal(
            "Kernel method 'Kernels.Bad.Hidden' is not accessible (found 'static float Hidden(float)'); kernels must be public or internal.",
            Error("Kernels.Bad.Hidden"));
    }

    [Theory]
    [InlineData("WrongTypes", "static double WrongTypes(double)")]
    [InlineData("TooMany", "static float TooMany(float, float)")]
    [InlineData("WrongSpans", "static void WrongSpans(Span<float>, Span<float>)")]
    public void WrongSignature_SaysWhatWasFoundAndWhatIsExpected(string method, string found)
    {
        Assert.Equal(
            $"Kernel method 'Kernels.Bad.{method}' has the wrong signature: found '{found}', " +
            "expected 'static float M(float)' or 'static void M(ReadOnlySpan<float>, Span<float>)'.",
            Error($"Kernels.Bad.{method}"));
    }

    [Fact]
    public void GenericMethod_IsRejected()
    {
        Assert.StartsWith("Kernel method 'Kernels.Bad.Generic' is generic (found 'static T Generic(T)')", Error("Kernels.Bad.Generic"));
    }

    [Fact]
    public void OverloadsWhereNoneMatch_ListEachProblem()
    {
        string message = Error("Kernels.Bad.Overloaded");
        Assert.StartsWith("None of the 2 overloads of 'Kernels.Bad.Overloaded' is usable: ", message);
        Assert.Contains("found 'static double Overloaded(double)'", message);
        Assert.Contains("found 'static float Overloaded(float, int)'", message);
    }

    [Fact]
    public void NameWithoutType_IsRejected()
    {
        Assert.Equal("Kernel name 'Eval' is not of the form Namespace.Type.Method.", Error("Eval"));
    }
}
