using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.Intrinsics;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Implementations;

/// <summary>The built-in implementations `verify --impl` knows: .NET's scalar MathF (and float.* where MathF has no
/// such method), TensorPrimitives' span API, and the Vector256/Vector128 methods .NET ships.</summary>
public static unsafe class ImplementationCatalog
{
    public static readonly string[] Names = ["mathf", "tensorprimitives", "vector"];

    public static IFloat32Kernel Get(string implementation, MathFunction f) => implementation.ToLowerInvariant() switch
    {
        "mathf" => MathF(f),
        "tensorprimitives" or "tp" => TensorPrimitivesKernel(f),
        "vector" => Vector(f),
        _ => throw new UserInputException(
            $"unknown implementation '{implementation}'; choose one of {string.Join(", ", Names)}, or --source FILE --method NAME"),
    };

    static IFloat32Kernel MathF(MathFunction f)
    {
        delegate*<float, float> p = f switch
        {
            MathFunction.Exp => &System.MathF.Exp,
            MathFunction.Exp2 => &float.Exp2,
            MathFunction.Expm1 => &float.ExpM1,
            MathFunction.Log => &System.MathF.Log,
            MathFunction.Log2 => &System.MathF.Log2,
            MathFunction.Log10 => &System.MathF.Log10,
            MathFunction.Log1p => &float.LogP1,
            MathFunction.Sin => &System.MathF.Sin,
            MathFunction.Cos => &System.MathF.Cos,
            MathFunction.Tan => &System.MathF.Tan,
            MathFunction.Sinh => &System.MathF.Sinh,
            MathFunction.Cosh => &System.MathF.Cosh,
            MathFunction.Tanh => &System.MathF.Tanh,
            MathFunction.Sqrt => &System.MathF.Sqrt,
            MathFunction.Cbrt => &System.MathF.Cbrt,
            _ => null,
        };
        if (p == null) throw new UserInputException($"mathf has no {f.Name()}: .NET's MathF and float do not provide it");
        return new ScalarKernel("mathf", p);
    }

    static IFloat32Kernel TensorPrimitivesKernel(MathFunction f)
    {
        SpanFunction? s = f switch
        {
            MathFunction.Exp => (x, y) => TensorPrimitives.Exp(x, y),
            MathFunction.Exp2 => (x, y) => TensorPrimitives.Exp2(x, y),
            MathFunction.Expm1 => (x, y) => TensorPrimitives.ExpM1(x, y),
            MathFunction.Log => (x, y) => TensorPrimitives.Log(x, y),
            MathFunction.Log2 => (x, y) => TensorPrimitives.Log2(x, y),
            MathFunction.Log10 => (x, y) => TensorPrimitives.Log10(x, y),
            MathFunction.Log1p => (x, y) => TensorPrimitives.LogP1(x, y),
            MathFunction.Sin => (x, y) => TensorPrimitives.Sin(x, y),
            MathFunction.Cos => (x, y) => TensorPrimitives.Cos(x, y),
            MathFunction.Tan => (x, y) => TensorPrimitives.Tan(x, y),
            MathFunction.Sinh => (x, y) => TensorPrimitives.Sinh(x, y),
            MathFunction.Cosh => (x, y) => TensorPrimitives.Cosh(x, y),
            MathFunction.Tanh => (x, y) => TensorPrimitives.Tanh(x, y),
            MathFunction.Sigmoid => (x, y) => TensorPrimitives.Sigmoid(x, y),
            MathFunction.Sqrt => (x, y) => TensorPrimitives.Sqrt(x, y),
            MathFunction.Cbrt => (x, y) => TensorPrimitives.Cbrt(x, y),
            _ => null,
        };
        if (s is null) throw new UserInputException($"tensorprimitives has no {f.Name()}: System.Numerics.Tensors does not provide it");
        return new SpanKernel("tensorprimitives", s);
    }

    /// <summary>Found by reflection, so whatever this runtime's Vector256/Vector128 ship (Exp, Log, Sin, ... grow with
    /// each .NET release) is verifiable without a code change here.</summary>
    static IFloat32Kernel Vector(MathFunction f)
    {
        string method = f switch { MathFunction.Expm1 => "ExpM1", MathFunction.Log1p => "LogP1", _ => f.ToString() };
        if (Vector256.IsHardwareAccelerated && Find(typeof(Vector256), typeof(Vector256<float>), method) is { } m256)
            return new VectorKernel($"Vector256.{method}", m256.CreateDelegate<Func<Vector256<float>, Vector256<float>>>());
        if (Find(typeof(Vector128), typeof(Vector128<float>), method) is { } m128)
            return new VectorKernel($"Vector128.{method}", m128.CreateDelegate<Func<Vector128<float>, Vector128<float>>>());
        throw new UserInputException($"vector has no {f.Name()}: this .NET's Vector256/Vector128 have no {method}(Vector<float>)");
    }

    static MethodInfo? Find(Type type, Type vectorOfFloat, string name)
    {
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (m.Name != name || m.GetParameters().Length != 1) continue;
            var candidate = m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1 ? m.MakeGenericMethod(typeof(float)) : m;
            if (candidate.ReturnType == vectorOfFloat && candidate.GetParameters()[0].ParameterType == vectorOfFloat) return candidate;
        }
        return null;
    }
}
