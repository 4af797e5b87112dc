using System.Runtime.Intrinsics;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Implementations;

public delegate void SpanFunction(ReadOnlySpan<float> x, Span<float> y);

/// <summary>A scalar float -> float method called through a function pointer: no delegate, no allocation per call.</summary>
public sealed unsafe class ScalarKernel(string name, delegate*<float, float> function) : IFloat32Kernel
{
    public string Name => name;

    public void Evaluate(ReadOnlySpan<float> x, Span<float> y)
    {
        var f = function;
        for (int i = 0; i < x.Length; i++) y[i] = f(x[i]);
    }
}

/// <summary>A span-to-span method (TensorPrimitives style), called once per block.</summary>
public sealed class SpanKernel(string name, SpanFunction function) : IFloat32Kernel
{
    public string Name => name;
    public void Evaluate(ReadOnlySpan<float> x, Span<float> y) => function(x, y);
}

/// <summary>A Vector256 or Vector128 method applied lane-block by lane-block; the tail is padded, not looped scalar,
/// so every input goes through the vector code.</summary>
public sealed class VectorKernel : IFloat32Kernel
{
    readonly Func<Vector256<float>, Vector256<float>>? wide;
    readonly Func<Vector128<float>, Vector128<float>>? narrow;

    public VectorKernel(string name, Func<Vector256<float>, Vector256<float>> function) { Name = name; wide = function; }
    public VectorKernel(string name, Func<Vector128<float>, Vector128<float>> function) { Name = name; narrow = function; }

    public string Name { get; }

    public void Evaluate(ReadOnlySpan<float> x, Span<float> y)
    {
        int lanes = wide is not null ? Vector256<float>.Count : Vector128<float>.Count;
        int i = 0;
        for (; i + lanes <= x.Length; i += lanes) Apply(x.Slice(i, lanes), y.Slice(i, lanes));
        if (i < x.Length)
        {
            Span<float> inTail = stackalloc float[lanes], outTail = stackalloc float[lanes];
            inTail.Clear();
            x[i..].CopyTo(inTail);
            Apply(inTail, outTail);
            outTail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }

    void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (wide is not null) wide(Vector256.Create(x)).CopyTo(y);
        else narrow!(Vector128.Create(x)).CopyTo(y);
    }
}
