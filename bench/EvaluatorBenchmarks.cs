using AutoNumerics.Evolution.Programs;
using BenchmarkDotNet.Attributes;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Bench;

/// <summary>
/// Candidate evaluations for the search (issue 3's throughput figure): a 16-op program on 1024 points, in double and
/// in double-double, at the widest SIMD width this machine has against the scalar tape (the baseline). Each
/// operation evaluates 8 programs (Horner of degree 8 and seven random 16-op DAGs, division included); divide the
/// mean by 8 for the time per candidate.
/// </summary>
public class EvaluatorBenchmarks
{
    readonly List<DagProgram> programs = [];
    Evaluator scalar = null!, vector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Xoshiro256(1);
        var xs = Enumerable.Range(0, 1024).Select(i => (i + 0.5) / 1024).ToArray();
        programs.Add(ProgramBuilder.Horner(Enumerable.Range(1, 9).Select(k => 1.0 / k).ToArray()));
        while (programs.Count < 8)
        {
            var p = ProgramGenerator.Random(ref rng, 16, allowFma: false);
            if (p.Cost == 16) programs.Add(p);
        }
        scalar = new Evaluator(SimdWidth.Scalar);
        vector = new Evaluator(SimdWidth.Auto);
        scalar.SetPoints(xs);
        vector.SetPoints(xs);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public double DoubleScalar() { double s = 0; foreach (var p in programs) s += scalar.Evaluate(p)[0]; return s; }

    [Benchmark(OperationsPerInvoke = 8)]
    public double DoubleSimd() { double s = 0; foreach (var p in programs) s += vector.Evaluate(p)[0]; return s; }

    [Benchmark(OperationsPerInvoke = 8)]
    public double DoubleDoubleSimd() { double s = 0; foreach (var p in programs) s += vector.EvaluateDoubleDouble(p).Hi[0]; return s; }
}
