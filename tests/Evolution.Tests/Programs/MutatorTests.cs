using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class MutatorTests
{
    private static readonly double[] Probes = FunctionFingerprint.DefaultProbes(0, 1, 12);

    private static Mutator NewMutator(bool fma = true, bool fold = true) =>
        new(new MutatorOptions { AllowFma = fma, FoldConstants = fold, MaxInstructions = 48, MaxCost = 24 }, Probes);

    [Fact]
    public void Random_mutation_sequences_always_give_valid_compact_programs()
    {
        var mutators = new[] { NewMutator(true, true), NewMutator(false, false) };
        Gen.Select(ProgramGens.Program(maxOps: 10), Gen.ULong, Gen.Int[1, 40]).Sample((start, seed, steps) =>
        {
            var rng = new Xoshiro256(seed);
            foreach (var m in mutators)
            {
                var p = start.Compact();
                for (int s = 0; s < steps; s++)
                {
                    var r = m.Mutate(p, ref rng);
                    p = r.Program;
                    p.Validate();
                    Assert.True(p.IsCompact);
                    Assert.True(p.Length <= m.Options.MaxInstructions || ReferenceEquals(p, start.Compact()));
                    Assert.Equal(ProgramGens.NaiveCost(p), p.Cost);
                    if (!m.Options.AllowFma && !start.Instructions.ToArray().Any(i => i.Op == OpCode.Fma))
                        Assert.DoesNotContain(p.Instructions.ToArray(), i => i.Op == OpCode.Fma);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Every_kind_keeps_the_DAG_valid()
    {
        var m = NewMutator();
        Gen.Select(ProgramGens.Program(maxOps: 10), Gen.ULong).Sample((start, seed) =>
        {
            var rng = new Xoshiro256(seed);
            var p = start.Compact();
            foreach (var kind in Enum.GetValues<MutationKind>())
            {
                var c = m.TryApply(p, kind, ref rng);
                if (c is null) continue;
                c.Validate();
                Assert.True(c.IsCompact);
                Assert.Equal(ProgramGens.NaiveCost(c), c.Cost);
            }
        }, iter: 1000);
    }

    [Fact]
    public void Mutate_changes_the_function_on_the_probes()
    {
        var m = NewMutator();
        var rng = new Xoshiro256(11);
        var p = ProgramBuilder.Horner([1, 1, 0.5, 1.0 / 6]);
        int changed = 0;
        Span<double> a = stackalloc double[Probes.Length], b = stackalloc double[Probes.Length];
        for (int i = 0; i < 500; i++)
        {
            var r = m.Mutate(p, ref rng);
            if (r.Changed)
            {
                changed++;
                m.ProbeOutputs(p, a);
                m.ProbeOutputs(r.Program, b);
                Assert.False(a.SequenceEqual(b));
            }
            p = r.Program.Cost <= 12 ? r.Program : ProgramBuilder.Horner([1, 1, 0.5, 1.0 / 6]);
        }
        Assert.True(changed >= 490, $"only {changed}/500 mutations changed the function");
    }

    [Fact]
    public void Constant_perturbation_shares_the_instruction_array()
    {
        var m = NewMutator();
        var rng = new Xoshiro256(2);
        var p = ProgramBuilder.Horner([1, 2, 3]);
        var c = m.TryApply(p, MutationKind.PerturbConstantMultiplicative, ref rng)!;
        Assert.Same(p.CodeArray, c.CodeArray);
        Assert.False(p.StructurallyEquals(c));
    }

    [Fact]
    public void A_seed_fixes_the_whole_mutation_sequence()
    {
        static string Run(ulong seed)
        {
            var m = NewMutator();
            var rng = new Xoshiro256(seed);
            var p = ProgramBuilder.Horner([1, 1, 0.5]);
            var log = new System.Text.StringBuilder();
            for (int i = 0; i < 200; i++)
            {
                var r = m.Mutate(p, ref rng);
                p = r.Program.Cost <= 16 ? r.Program : p;
                log.Append(r.Kind).Append(':').Append(p).Append('\n');
            }
            return log.Append(rng.S0).Append(rng.S1).Append(rng.S2).Append(rng.S3).ToString();
        }
        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Mutations_respect_disabled_ops_and_bounds()
    {
        var m = new Mutator(new MutatorOptions { AllowFma = false, AllowDivision = false, MaxCost = 6, MaxInstructions = 12 }, Probes);
        var rng = new Xoshiro256(9);
        var p = ProgramText.Parse("t1 = x * 2; return t1");
        for (int i = 0; i < 2000; i++)
        {
            p = m.Mutate(p, ref rng).Program;
            Assert.True(p.Cost <= 6 && p.Length <= 12);
            Assert.DoesNotContain(p.Instructions.ToArray(), ins => ins.Op is OpCode.Fma or OpCode.Div);
        }
    }
}
