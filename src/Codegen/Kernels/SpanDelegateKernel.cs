using System.Reflection;

namespace AutoNumerics.Codegen.Kernels;

/// <summary>The span signature as a delegate type (Action cannot take ref structs as type arguments).</summary>
public delegate void SpanKernel(ReadOnlySpan<float> x, Span<float> y);

/// <summary>
/// <c>static void M(ReadOnlySpan&lt;float&gt;, Span&lt;float&gt;)</c>: one delegate call per batch, so the
/// delegate overhead is negligible and the kernel keeps its own vectorized loop.
/// </summary>
public sealed class SpanDelegateKernel : IFloatUnaryKernel
{
    private readonly SpanKernel _kernel;

    internal SpanDelegateKernel(MethodInfo method, string description)
    {
        _kernel = method.CreateDelegate<SpanKernel>();
        Method = method;
        Description = description;
    }

    public KernelForm Form => KernelForm.Span;

    public string Description { get; }

    public MethodInfo Method { get; }

    public void Evaluate(ReadOnlySpan<float> x, Span<float> y)
    {
        KernelArguments.CheckLengths(x, y);
        _kernel(x, y);
    }
}
