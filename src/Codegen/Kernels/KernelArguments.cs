namespace AutoNumerics.Codegen.Kernels;

internal static class KernelArguments
{
    // Same rule as TensorPrimitives: the destination may be longer, never shorter. Checked before calling
    // generated code, which may write with unchecked (vectorized) stores.
    public static void CheckLengths(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Destination is too short: {y.Length} elements for {x.Length} inputs.", nameof(y));
    }
}
