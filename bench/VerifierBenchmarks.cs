using System.Numerics.Tensors;
using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using BenchmarkDotNet.Attributes;

namespace AutoNumerics.Bench;

/// <summary>
/// The verifier's per-input cost: the fast path (binary64 reference + exact decisions) against MPFR alone, on the
/// same 16,384 consecutive inputs around 1.0 (where exp is most interesting), single-threaded. The ratio is what
/// makes an exhaustive sweep take seconds instead of hours.
/// </summary>
[MemoryDiagnoser]
public class VerifierBenchmarks
{
    const int Count = 1 << 14;
    readonly float[] x = new float[Count], y = new float[Count];

    [Params(MathFunction.Exp, MathFunction.Tanh)]
    public MathFunction Function { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int start = FloatBits.ToOrdered(0.75f);
        for (int i = 0; i < Count; i++) x[i] = FloatBits.FromOrdered(start + i * 97);
        if (Function == MathFunction.Exp) TensorPrimitives.Exp(x, y); else TensorPrimitives.Tanh(x, y);
    }

    [Benchmark(Baseline = true, Description = "MPFR alone")]
    public double Exact()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++) sum += ErrorVerdict.Exact(Function, x[i], y[i]).Ulp;
        return sum;
    }

    [Benchmark(Description = "fast path")]
    public double Fast()
    {
        double sum = 0;
        for (int i = 0; i < Count; i++) sum += ErrorMeasure.Judge(Function, x[i], y[i]).Ulp;
        return sum;
    }
}

/// <summary>Whole sweeps through <see cref="Verifier.Run"/> on one thread: MathF against TensorPrimitives, 2^20
/// consecutive inputs from 0.5 upward, so the ratio shows what the implementation under test costs the sweep.</summary>
public class SweepBenchmarks
{
    sealed class MathFExp : IFloat32Kernel
    {
        public string Name => "mathf";
        public void Evaluate(ReadOnlySpan<float> x, Span<float> y) { for (int i = 0; i < x.Length; i++) y[i] = MathF.Exp(x[i]); }
    }

    sealed class TensorExp : IFloat32Kernel
    {
        public string Name => "tensorprimitives";
        public void Evaluate(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Exp(x, y);
    }

    static readonly VerifierOptions Options = new()
    {
        Range = new FloatRange(FloatBits.ToOrdered(0.5f), FloatBits.ToOrdered(0.5f) + (1 << 20) - 1),
        Threads = 1,
    };

    [Benchmark(Baseline = true)]
    public double MathF_Exp() => Verifier.Run(MathFunction.Exp, new MathFExp(), Options).MaxUlp;

    [Benchmark]
    public double TensorPrimitives_Exp() => Verifier.Run(MathFunction.Exp, new TensorExp(), Options).MaxUlp;
}
