namespace AutoNumerics.Codegen.Tests;

/// <summary>Kernel sources shared by the tests.</summary>
internal static class Sources
{
    public const string Scalar = """
        namespace Kernels;

        public static class Square
        {
            public static float Eval(float x) => x * x + 1f;
        }
        """;

    // Vector256 body plus a MathF tail: the shape emitted kernels take.
    public const string Span = """
        using System;
        using System.Numerics;
        using System.Runtime.Intrinsics;

        namespace Kernels;

        public static class Exp
        {
            public static void Eval(ReadOnlySpan<float> x, Span<float> y)
            {
                int i = 0;
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                    {
                        Vector256<float> v = Vector256.Create(x.Slice(i, Vector256<float>.Count));
                        Vector256.Exp(v).CopyTo(y.Slice(i));
                    }
                }
                for (; i < x.Length; i++)
                    y[i] = MathF.Exp(x[i]);
            }
        }
        """;
}
