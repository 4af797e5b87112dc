namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// Scalar one-point interpretation of a program, node by node in instruction order. It defines the reference
/// semantics the tape evaluator must reproduce bit-for-bit, and serves the cheap uses: probe points (mutation
/// change checks, equivalence fingerprints) and the once-per-program evaluation of constant-only subgraphs.
/// </summary>
public static class Interpreter
{
    /// <summary>Fills <paramref name="values"/>[i] with instruction i's value at x (double arithmetic).</summary>
    public static void Evaluate(Program program, double x, Span<double> values)
        => Evaluate(program.Instructions, program.Constants, x, values);

    public static void Evaluate(ReadOnlySpan<Instruction> code, ReadOnlySpan<double> constants, double x, Span<double> values)
    {
        for (int i = 0; i < code.Length; i++)
        {
            var ins = code[i];
            values[i] = ins.Op switch
            {
                OpCode.Const => constants[ins.In1],
                OpCode.Input => x,
                _ => Apply(ins, values),
            };
        }
    }

    /// <summary>Same, in double-double (the exact x and constants are lifted with lo = 0, or with the low parts
    /// <paramref name="constantsLo"/> when given: constants carried beyond binary64 while a fit converges). Where an
    /// operation's double-double result is not finite, the node holds the IEEE double result of its operands' high
    /// parts with lo = 0 (see the remark inside).</summary>
    public static void EvaluateDoubleDouble(ReadOnlySpan<Instruction> code, ReadOnlySpan<double> constants, double x, Span<double> hi, Span<double> lo,
        ReadOnlySpan<double> constantsLo = default)
    {
        for (int i = 0; i < code.Length; i++)
        {
            var ins = code[i];
            Lanes1 zh, zl;
            switch (ins.Op)
            {
                case OpCode.Const: hi[i] = constants[ins.In1]; lo[i] = constantsLo.IsEmpty ? 0 : constantsLo[ins.In1]; continue;
                case OpCode.Input: hi[i] = x; lo[i] = 0; continue;
                case OpCode.Add: DoubleDoubleLanes.Add(new Lanes1(hi[ins.In1]), new Lanes1(lo[ins.In1]), new Lanes1(hi[ins.In2]), new Lanes1(lo[ins.In2]), out zh, out zl); break;
                case OpCode.Sub: DoubleDoubleLanes.Sub(new Lanes1(hi[ins.In1]), new Lanes1(lo[ins.In1]), new Lanes1(hi[ins.In2]), new Lanes1(lo[ins.In2]), out zh, out zl); break;
                case OpCode.Mul: DoubleDoubleLanes.Mul(new Lanes1(hi[ins.In1]), new Lanes1(lo[ins.In1]), new Lanes1(hi[ins.In2]), new Lanes1(lo[ins.In2]), out zh, out zl); break;
                case OpCode.Div: DoubleDoubleLanes.Div(new Lanes1(hi[ins.In1]), new Lanes1(lo[ins.In1]), new Lanes1(hi[ins.In2]), new Lanes1(lo[ins.In2]), out zh, out zl); break;
                case OpCode.Fma:
                    DoubleDoubleLanes.Fma(new Lanes1(hi[ins.In1]), new Lanes1(lo[ins.In1]), new Lanes1(hi[ins.In2]), new Lanes1(lo[ins.In2]),
                        new Lanes1(hi[ins.In3]), new Lanes1(lo[ins.In3]), out zh, out zl);
                    break;
                default: throw new InvalidProgramException($"unknown op {ins.Op}");
            }
            if (double.IsFinite(zh.V) && double.IsFinite(zl.V)) { hi[i] = zh.V; lo[i] = zl.V; continue; }
            // IEEE special values: double-double algorithms turn an infinite operand or result into NaN (inf - inf
            // inside TwoSum/TwoProd). Give the IEEE double result instead, so that a program evaluates in
            // double-double to what it evaluates to in double wherever it is not finite: 12.5 / x at x = 0 is +inf
            // and 3 - 2 / (x + 12.5 / x) is exactly 3 there, as in binary64 and as the limit.
            hi[i] = Apply(ins, hi);
            lo[i] = 0;
        }
    }

    /// <summary>An arithmetic instruction in double on the node values computed so far.</summary>
    private static double Apply(Instruction ins, ReadOnlySpan<double> values) => ins.Op switch
    {
        OpCode.Add => values[ins.In1] + values[ins.In2],
        OpCode.Sub => values[ins.In1] - values[ins.In2],
        OpCode.Mul => values[ins.In1] * values[ins.In2],
        OpCode.Div => values[ins.In1] / values[ins.In2],
        OpCode.Fma => Math.FusedMultiplyAdd(values[ins.In1], values[ins.In2], values[ins.In3]),
        _ => throw new InvalidProgramException($"unknown op {ins.Op}"),
    };

    public static (double Hi, double Lo) EvaluateDoubleDouble(Program program, double x)
    {
        int n = program.Length;
        Span<double> hi = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> lo = n <= 256 ? stackalloc double[n] : new double[n];
        EvaluateDoubleDouble(program.Instructions, program.Constants, x, hi, lo);
        return (hi[program.Output], lo[program.Output]);
    }
}
