namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// Builds programs node by node (each method returns the new node's index), e.g. for seeding a population with
/// Horner polynomials or writing tests. Build() validates and compacts.
/// </summary>
public sealed class ProgramBuilder
{
    private readonly List<Instruction> _code = [];
    private readonly List<double> _consts = [];
    private int _input = -1;

    public int Input()
    {
        if (_input < 0) { _input = _code.Count; _code.Add(Instruction.Input()); }
        return _input;
    }

    public int Const(double value)
    {
        _consts.Add(value);
        _code.Add(Instruction.Const(_consts.Count - 1));
        return _code.Count - 1;
    }

    public int Op(OpCode op, int a, int b)
    {
        _code.Add(Instruction.Binary(op, a, b));
        return _code.Count - 1;
    }

    public int Add(int a, int b) => Op(OpCode.Add, a, b);
    public int Sub(int a, int b) => Op(OpCode.Sub, a, b);
    public int Mul(int a, int b) => Op(OpCode.Mul, a, b);
    public int Div(int a, int b) => Op(OpCode.Div, a, b);

    public int Fma(int a, int b, int c)
    {
        _code.Add(Instruction.Fma(a, b, c));
        return _code.Count - 1;
    }

    /// <summary>The program returning node <paramref name="output"/>, compacted (dead nodes dropped).</summary>
    public Program Build(int output)
    {
        var p = new Program([.. _code], [.. _consts], output);
        p.Validate();
        return p.Compact();
    }

    /// <summary>
    /// Horner form of sum c[k] x^k (ascending coefficients): cost 2 per degree, the cost the baselines are compared
    /// at. With <paramref name="useFma"/>, one fma per degree (also cost 2).
    /// </summary>
    public static Program Horner(ReadOnlySpan<double> coefficients, bool useFma = false)
    {
        if (coefficients.IsEmpty) throw new ArgumentException("no coefficients", nameof(coefficients));
        var b = new ProgramBuilder();
        int x = b.Input();
        int acc = b.Const(coefficients[^1]);
        for (int k = coefficients.Length - 2; k >= 0; k--)
        {
            int c = b.Const(coefficients[k]);
            acc = useFma ? b.Fma(acc, x, c) : b.Add(b.Mul(acc, x), c);
        }
        return b.Build(acc);
    }
}
