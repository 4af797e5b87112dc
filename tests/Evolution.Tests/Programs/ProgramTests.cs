using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class ProgramTests
{
    [Fact]
    public void Generated_programs_are_valid_and_cost_matches_a_naive_recount()
    {
        ProgramGens.Program().Sample(p =>
        {
            p.Validate();
            Assert.Equal(ProgramGens.NaiveCost(p), p.Cost);
        }, iter: 2000);
    }

    [Fact]
    public void Compact_and_FoldConstants_keep_the_function_and_cost_and_remove_dead_code()
    {
        Gen.Select(ProgramGens.Program(), Gen.Double[-2, 2]).Sample((p, x) =>
        {
            var c = p.Compact();
            c.Validate();
            Assert.True(c.IsCompact);
            Assert.Same(c, c.Compact());
            Assert.Equal(p.Cost, c.Cost);
            Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, x), ProgramGens.Naive(c, x)));
            Assert.All(c.Reachable(), Assert.True);

            var f = p.FoldConstants();
            f.Validate();
            Assert.True(f.IsCompact);
            Assert.Equal(p.Cost, f.Cost);
            Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, x), ProgramGens.Naive(f, x)));
            // After folding, every arithmetic op depends on x, except non-finite constant subgraphs (0/0).
            var dep = f.DependsOnInput();
            for (int i = 0; i < f.Length; i++)
                if (f[i].Op.IsArithmetic()) Assert.True(dep[i] || !double.IsFinite(ProgramGens.NaiveNode(f, i)));
        }, iter: 1000);
    }

    [Fact]
    public void Cost_counts_only_x_dependent_live_ops_with_fma_counting_two()
    {
        // t1 = 2 * 3 (constant-only: free); t2 = x * t1; t3 = fma(t2, x, 1); t4 = x + x (dead)
        var b = new ProgramBuilder();
        int x = b.Input();
        int t1 = b.Mul(b.Const(2), b.Const(3));
        int t2 = b.Mul(x, t1);
        int t3 = b.Fma(t2, x, b.Const(1));
        b.Add(x, x);
        var p = b.Build(t3);
        Assert.Equal(3, p.Cost);
        Assert.Equal(6 * 0.5 * 0.5 + 1, p.Evaluate(0.5));
        Assert.Equal(10, ProgramBuilder.Horner([1, 2, 3, 4, 5, 6], useFma: false).Cost);
        Assert.Equal(10, ProgramBuilder.Horner([1, 2, 3, 4, 5, 6], useFma: true).Cost);
    }

    [Fact]
    public void WithConstants_shares_the_instruction_array()
    {
        var p = ProgramBuilder.Horner([1, 0.5, 0.25]);
        var q = p.WithConstants([3, 2, 1]);
        Assert.Same(p.CodeArray, q.CodeArray);
        Assert.Same(p.CodeArray, p.WithConstant(1, 7).CodeArray);
        Assert.Equal(1 + 2 * 2.0 + 3 * 4.0, q.Evaluate(2)); // Horner's constants are stored highest degree first
    }

    [Fact]
    public void Validate_rejects_each_broken_invariant()
    {
        Instruction[] ok = [Instruction.Input(), Instruction.Const(0), Instruction.Binary(OpCode.Add, 0, 1)];
        Program.Create(ok, [1.0], 2);
        Assert.Throws<InvalidProgramException>(() => Program.Create([], [], 0));
        Assert.Throws<InvalidProgramException>(() => Program.Create(ok, [1.0], 3));                   // output out of range
        Assert.Throws<InvalidProgramException>(() => Program.Create(ok, [], 2));                      // slot out of range
        Assert.Throws<InvalidProgramException>(() => Program.Create(ok, [double.NaN], 2));            // non-finite constant
        Assert.Throws<InvalidProgramException>(() => Program.Create(
            [Instruction.Input(), Instruction.Binary(OpCode.Add, 0, 1)], [], 1));                     // self reference
        Assert.Throws<InvalidProgramException>(() => Program.Create(
            [Instruction.Input(), Instruction.Binary(OpCode.Add, 0, 2), Instruction.Input()], [], 1)); // forward reference
        Assert.Throws<InvalidProgramException>(() => Program.Create(
            [Instruction.Input(), new Instruction(OpCode.Add, 0, 0, 0)], [], 1));                      // stray third operand
        Assert.Throws<InvalidProgramException>(() => Program.Create(
            [Instruction.Input(), new Instruction((OpCode)42, 0, 0)], [], 1));                         // unknown op
    }
}
