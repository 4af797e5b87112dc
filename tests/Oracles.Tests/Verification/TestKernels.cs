using System.Runtime.InteropServices;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Oracles.Tests.Verification;

/// <summary>A scalar kernel from a delegate.</summary>
internal sealed class FuncKernel(string name, Func<float, float> f) : IFloat32Kernel
{
    public string Name => name;
    public void Evaluate(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = f(x[i]);
    }
}

internal static class TestKernels
{
    public static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    public static uint Bits(float x) => BitConverter.SingleToUInt32Bits(x);

    /// <summary>Correctly rounded by construction: MPFR's own float32 rounding.</summary>
    public static IFloat32Kernel CorrectlyRounded(MathFunction f) =>
        new FuncKernel("correctly-rounded", x => Float32Oracle.RoundToFloat32(f, x));

    /// <summary>CR everywhere except the given inputs (bitwise), where <paramref name="wrong"/> decides.</summary>
    public static IFloat32Kernel CorrectlyRoundedExcept(MathFunction f, uint inputBits, Func<float, float> wrong) =>
        new FuncKernel("cr-except", x => Bits(x) == inputBits ? wrong(Float32Oracle.RoundToFloat32(f, x)) : Float32Oracle.RoundToFloat32(f, x));

    /// <summary>(float) of glibc's binary64 function: a double rounding, so almost always correctly rounded.</summary>
    public static IFloat32Kernel Libm(MathFunction f)
    {
        var d = Double(f);
        return new FuncKernel("libm-double", x => (float)d(x));
    }

    /// <summary>A deliberately sloppy kernel: glibc's double value scaled by 1 + k 1.5e-7 with k = 0..7 taken from the
    /// input's low bits, so the errors spread over every histogram bin (0 to about 10 ULPs).</summary>
    public static IFloat32Kernel Sloppy(MathFunction f)
    {
        var d = Double(f);
        return new FuncKernel("sloppy", x => (float)(d(x) * (1 + (Bits(x) & 7) * 1.5e-7)));
    }

    public static Func<double, double> Double(MathFunction f) => f switch
    {
        MathFunction.Exp => LibmNative.exp,
        MathFunction.Exp2 => LibmNative.exp2,
        MathFunction.Expm1 => LibmNative.expm1,
        MathFunction.Log => LibmNative.log,
        MathFunction.Log2 => LibmNative.log2,
        MathFunction.Log10 => LibmNative.log10,
        MathFunction.Log1p => LibmNative.log1p,
        MathFunction.Sin => LibmNative.sin,
        MathFunction.Cos => LibmNative.cos,
        MathFunction.Tan => LibmNative.tan,
        MathFunction.Sinh => LibmNative.sinh,
        MathFunction.Cosh => LibmNative.cosh,
        MathFunction.Tanh => LibmNative.tanh,
        MathFunction.Sigmoid => x => 1.0 / (1.0 + LibmNative.exp(-x)),
        MathFunction.Erf => LibmNative.erf,
        MathFunction.Erfc => LibmNative.erfc,
        MathFunction.Sqrt => LibmNative.sqrt,
        MathFunction.Cbrt => LibmNative.cbrt,
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    static class LibmNative
    {
        const string Lib = "libm.so.6";
#pragma warning disable IDE1006, SYSLIB1054
        [DllImport(Lib)] public static extern double exp(double x);
        [DllImport(Lib)] public static extern double exp2(double x);
        [DllImport(Lib)] public static extern double expm1(double x);
        [DllImport(Lib)] public static extern double log(double x);
        [DllImport(Lib)] public static extern double log2(double x);
        [DllImport(Lib)] public static extern double log10(double x);
        [DllImport(Lib)] public static extern double log1p(double x);
        [DllImport(Lib)] public static extern double sin(double x);
        [DllImport(Lib)] public static extern double cos(double x);
        [DllImport(Lib)] public static extern double tan(double x);
        [DllImport(Lib)] public static extern double sinh(double x);
        [DllImport(Lib)] public static extern double cosh(double x);
        [DllImport(Lib)] public static extern double tanh(double x);
        [DllImport(Lib)] public static extern double erf(double x);
        [DllImport(Lib)] public static extern double erfc(double x);
        [DllImport(Lib)] public static extern double sqrt(double x);
        [DllImport(Lib)] public static extern double cbrt(double x);
#pragma warning restore IDE1006, SYSLIB1054
    }
}
