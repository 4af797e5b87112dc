using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class EvaluatorTests
{
    private static readonly SimdWidth[] Widths = [SimdWidth.Scalar, SimdWidth.V128, SimdWidth.V256, SimdWidth.V512];

    [Fact]
    public void Tape_equals_naive_recursion_bit_for_bit_at_every_width_and_point_count()
    {
        // Point counts 1..40 cover every tail (not multiples of 2/4/8) on every width.
        var evaluators = Widths.Select(w => new Evaluator(w)).ToArray();
        Gen.Select(ProgramGens.Program(), Gen.Double[-2, 2].Array[1, 40]).Sample((p, xs) =>
        {
            foreach (var ev in evaluators)
            {
                ev.SetPoints(xs);
                var y = ev.Evaluate(p);
                Assert.Equal(xs.Length, y.Length);
                for (int i = 0; i < xs.Length; i++)
                    Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, xs[i]), y[i]),
                        $"{ev.Width} point {i}: {ProgramGens.Naive(p, xs[i])} vs {y[i]} for {p}");
            }
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Many_points_span_several_chunks()
    {
        var rng = new Xoshiro256(5);
        var xs = Enumerable.Range(0, 1299).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var ev = new Evaluator();
        ev.SetPoints(xs);
        for (int k = 0; k < 20; k++)
        {
            var p = ProgramGenerator.Random(ref rng, 12, allowFma: true);
            var y = ev.Evaluate(p);
            for (int i = 0; i < xs.Length; i++) Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, xs[i]), y[i]));
        }
    }

    [Fact]
    public void Load_once_then_Run_with_new_constants_matches_a_fresh_evaluation()
    {
        var xs = new[] { 0.1, 0.2, 0.3, 0.7, 0.9 };
        var ev = new Evaluator();
        ev.SetPoints(xs);
        var p = ProgramBuilder.Horner([1, 1, 0.5, 1.0 / 6]);
        ev.Load(p);
        double[] c2 = [0.2, 0.3, 0.4, 0.5];
        var y = ev.Run(c2).ToArray();
        var q = p.WithConstants(c2);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(q.Evaluate(xs[i]), y[i]);
        var dd = ev.RunDoubleDouble(c2);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(Interpreter.EvaluateDoubleDouble(q, xs[i]), (dd.Hi[i], dd.Lo[i]));
    }

    [Fact]
    public void Constant_and_identity_programs()
    {
        var ev = new Evaluator();
        ev.SetPoints([1, 2, 3]);
        Assert.Equal([1.0, 2, 3], ev.Evaluate(ProgramText.Parse("return x")).ToArray());
        Assert.Equal([7.5, 7.5, 7.5], ev.Evaluate(ProgramText.Parse("t1 = 2.5 * 3; return t1")).ToArray());
        var dd = ev.EvaluateDoubleDouble(ProgramText.Parse("t1 = 1 / 3; return t1"));
        Assert.Equal(1.0 / 3, dd.Hi[2]);
        Assert.NotEqual(0.0, dd.Lo[2]);
        Assert.Equal(0.0, ev.EvaluateDoubleDouble(ProgramText.Parse("return x")).Lo[1]);
    }

    [Fact]
    public void Registers_are_reused_along_live_ranges()
    {
        var ev = new Evaluator();
        ev.SetPoints([0.5]);
        ev.Load(ProgramBuilder.Horner(Enumerable.Repeat(0.5, 13).ToArray())); // degree 12, 24 ops
        Assert.Equal(24, ev.TapeLength);
        Assert.Equal(1, ev.RegisterCount); // a chain reuses one register in place
    }

    [Fact]
    public void Evaluation_does_not_allocate()
    {
        var rng = new Xoshiro256(3);
        var programs = Enumerable.Range(0, 8).Select(_ => ProgramGenerator.Random(ref rng, 16, allowFma: true)).ToArray();
        var ev = new Evaluator();
        ev.SetPoints(Enumerable.Range(0, 1024).Select(i => i / 1024.0).ToArray());
        foreach (var p in programs) { ev.Evaluate(p); ev.EvaluateDoubleDouble(p); } // grow buffers, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sink = 0;
        for (int r = 0; r < 50; r++)
            foreach (var p in programs) { sink += ev.Evaluate(p)[3]; sink += ev.EvaluateDoubleDouble(p).Hi[5]; }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        GC.KeepAlive(sink);
    }
}
