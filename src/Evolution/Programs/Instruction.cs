namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// One node of a program DAG. Immutable, so parent and child programs can share the same instruction array.
/// Operands are indices of earlier instructions (the list is in topological order); unused operands are -1.
/// For <see cref="OpCode.Const"/>, <see cref="In1"/> is an index into the program's constant vector instead, so
/// constant fitting changes values without touching structure.
/// </summary>
public readonly record struct Instruction(OpCode Op, int In1 = -1, int In2 = -1, int In3 = -1)
{
    public static Instruction Input() => new(OpCode.Input);
    public static Instruction Const(int slot) => new(OpCode.Const, slot);
    public static Instruction Binary(OpCode op, int a, int b) => new(op, a, b);
    public static Instruction Fma(int a, int b, int c) => new(OpCode.Fma, a, b, c);

    /// <summary>Node operand k (0-based) of an arithmetic instruction.</summary>
    public int Operand(int k) => k switch { 0 => In1, 1 => In2, 2 => In3, _ => throw new ArgumentOutOfRangeException(nameof(k)) };

    /// <summary>A copy with node operand k replaced.</summary>
    public Instruction WithOperand(int k, int node) => k switch
    {
        0 => this with { In1 = node },
        1 => this with { In2 = node },
        2 => this with { In3 = node },
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };
}
