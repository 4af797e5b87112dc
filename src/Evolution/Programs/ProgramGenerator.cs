namespace AutoNumerics.Evolution.Programs;

/// <summary>Random programs, e.g. an initial population (deterministic given the RNG state).</summary>
public static class ProgramGenerator
{
    /// <summary>
    /// A random DAG with <paramref name="ops"/> arithmetic instructions: each operand is x, a fresh constant or an
    /// earlier node; the output is the last op. Returned compacted, so it can have fewer ops than asked.
    /// </summary>
    public static Program Random(ref Xoshiro256 rng, int ops, bool allowFma = false, bool allowDivision = true)
    {
        var b = new ProgramBuilder();
        int x = b.Input();
        int last = x;
        Span<int> operands = stackalloc int[3];
        int opKinds = allowDivision ? 4 : 3;
        for (int i = 0; i < ops; i++)
        {
            var op = allowFma && rng.NextInt(opKinds + 1) == opKinds ? OpCode.Fma : (OpCode)((int)OpCode.Add + rng.NextInt(opKinds));
            int arity = op.Arity();
            // Keep a path from the previous op so the DAG does not fall apart into dead code.
            int keep = rng.NextInt(arity);
            int nodes = last + 1; // nodes that exist before any constants added for this op
            for (int k = 0; k < arity; k++)
            {
                if (k == keep) { operands[k] = last; continue; }
                int r = rng.NextInt(3);
                operands[k] = r switch
                {
                    0 => b.Const(Math.Round(rng.NextGaussian() * 2, 3) is var c && c != 0 ? c : 0.5),
                    1 => x,
                    _ => rng.NextInt(nodes),
                };
            }
            last = op == OpCode.Fma ? b.Fma(operands[0], operands[1], operands[2]) : b.Op(op, operands[0], operands[1]);
        }
        return b.Build(last);
    }
}
