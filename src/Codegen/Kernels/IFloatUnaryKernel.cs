namespace AutoNumerics.Codegen.Kernels;

/// <summary>Which of the two accepted kernel signatures a method has.</summary>
public enum KernelForm
{
    /// <summary><c>static float M(float x)</c></summary>
    Scalar,

    /// <summary><c>static void M(ReadOnlySpan&lt;float&gt; x, Span&lt;float&gt; y)</c></summary>
    Span,
}

/// <summary>
/// A compiled float -> float kernel, whatever its signature. Defined here (not in Oracles) so Codegen and
/// Oracles stay independent; the CLI adapts it to the verifier's own interface.
/// Holding a kernel keeps its compiled assembly alive even after the owning CompiledAssembly is disposed.
/// </summary>
public interface IFloatUnaryKernel
{
    /// <summary>Writes f(x[i]) to y[i] for every i &lt; x.Length.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    void Evaluate(ReadOnlySpan<float> x, Span<float> y);

    KernelForm Form { get; }

    /// <summary>One line, e.g. "scalar kernel float Kernels.Exp.Eval(float)".</summary>
    string Description { get; }
}
