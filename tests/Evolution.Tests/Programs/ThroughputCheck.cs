using System.Diagnostics;
using AutoNumerics.Evolution.Programs;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Programs;

/// <summary>
/// A quick single-thread throughput figure for the report (BenchmarkDotNet in bench/ is the real benchmark):
/// a 16-op program on 1024 points. The assertion is deliberately loose (the machine is shared).
/// </summary>
public class ThroughputCheck(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Throughput")]
    public void Sixteen_op_program_on_1024_points()
    {
        var rng = new Xoshiro256(1);
        var xs = Enumerable.Range(0, 1024).Select(i => (i + 0.5) / 1024).ToArray();
        // Horner degree 8 (16 ops, one register) and random 16-op DAGs (more registers, constant operands).
        var programs = new List<Program> { ProgramBuilder.Horner(Enumerable.Range(1, 9).Select(k => 1.0 / k).ToArray()) };
        while (programs.Count < 8)
        {
            var p = ProgramGenerator.Random(ref rng, 24, allowFma: false);
            if (p.Cost == 16) programs.Add(p);
        }
        foreach (var width in new[] { SimdWidth.Auto, SimdWidth.V256 })
        {
            var ev = new Evaluator(width);
            ev.SetPoints(xs);
            double dbl = Measure(() => { foreach (var p in programs) ev.Evaluate(p); }, programs.Count);
            double dd = Measure(() => { foreach (var p in programs) ev.EvaluateDoubleDouble(p); }, programs.Count);
            output.WriteLine($"{ev.Width}: double {dbl:N0} evals/s ({1e9 / dbl / (16 * 1024):F3} ns/op-point), " +
                             $"double-double {dd:N0} evals/s ({1e9 / dd / (16 * 1024):F3} ns/op-point)");
            Assert.True(dbl > 20_000, $"double throughput {dbl:N0}/s");
        }
    }

    private static double Measure(Action batch, int perBatch)
    {
        for (int i = 0; i < 50; i++) batch(); // JIT to tier 1
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.ElapsedMilliseconds < 400) { batch(); n += perBatch; }
        return n / sw.Elapsed.TotalSeconds;
    }
}
