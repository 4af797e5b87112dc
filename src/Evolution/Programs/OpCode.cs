namespace AutoNumerics.Evolution.Programs;

/// <summary>The operations of a program DAG over one input x.</summary>
public enum OpCode : byte
{
    /// <summary>A constant; <see cref="Instruction.In1"/> is its slot in <see cref="Program.Constants"/>.</summary>
    Const,
    /// <summary>The input x; no operands.</summary>
    Input,
    Add,
    Sub,
    Mul,
    Div,
    /// <summary>Fused multiply-add In1 * In2 + In3 with a single rounding (enabled per search).</summary>
    Fma,
}

public static class OpCodeExtensions
{
    /// <summary>Number of node operands (0 for Const and Input: Const's In1 is a constant slot, not a node).</summary>
    public static int Arity(this OpCode op) => op switch
    {
        OpCode.Const or OpCode.Input => 0,
        OpCode.Fma => 3,
        _ => 2,
    };

    public static bool IsArithmetic(this OpCode op) => op >= OpCode.Add;

    /// <summary>Cost of the op when its value depends on x (issue 3's cost model): fma counts 2, the others 1.</summary>
    public static int Cost(this OpCode op) => op switch
    {
        OpCode.Const or OpCode.Input => 0,
        OpCode.Fma => 2,
        _ => 1,
    };

    /// <summary>Infix symbol of a binary op in the text format.</summary>
    public static char Symbol(this OpCode op) => op switch
    {
        OpCode.Add => '+',
        OpCode.Sub => '-',
        OpCode.Mul => '*',
        OpCode.Div => '/',
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary infix op"),
    };
}
