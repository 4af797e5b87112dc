namespace AutoNumerics.Oracles.Verification;

/// <summary>A float32 unary implementation under test. Scalar kernels are wrapped in a loop by their adapters; the
/// verifier always hands over whole blocks so span and vector implementations run at full speed.</summary>
public interface IFloat32Kernel
{
    /// <summary>Short name for reports, e.g. "mathf" or "Acme.Kernels.Exp".</summary>
    string Name { get; }

    void Evaluate(ReadOnlySpan<float> x, Span<float> y);
}
