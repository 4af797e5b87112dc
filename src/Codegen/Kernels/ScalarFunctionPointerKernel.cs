using System.Reflection;

namespace AutoNumerics.Codegen.Kernels;

/// <summary>
/// <c>static float M(float)</c> called through a raw function pointer: no delegate allocation or indirection
/// per element, which matters when verifying all 2^32 inputs.
/// </summary>
public sealed unsafe class ScalarFunctionPointerKernel : IFloatUnaryKernel
{
    private readonly delegate*<float, float> _function;

    // Not used for calls: a function pointer alone does not keep a collectible assembly alive, the MethodInfo
    // does. Without it the code could be unloaded under a live pointer.
    private readonly MethodInfo _method;

    internal ScalarFunctionPointerKernel(MethodInfo method, string description)
    {
        _method = method;
        _function = (delegate*<float, float>)method.MethodHandle.GetFunctionPointer();
        Description = description;
    }

    public KernelForm Form => KernelForm.Scalar;

    public string Description { get; }

    public MethodInfo Method => _method;

    public float Evaluate(float x) => _function(x);

    public void Evaluate(ReadOnlySpan<float> x, Span<float> y)
    {
        KernelArguments.CheckLengths(x, y);
        delegate*<float, float> f = _function;
        for (int i = 0; i < x.Length; i++)
            y[i] = f(x[i]);
    }
}
