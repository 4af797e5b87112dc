using System.Runtime.CompilerServices;

namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// An immutable straight-line program over one input x: instructions in topological order (every operand refers to
/// an earlier instruction), a constant vector referenced by <see cref="OpCode.Const"/> instructions, and the index
/// of the output instruction.
/// <para>Copy-on-write: derived programs share arrays with their parent where unchanged; a constant-only change
/// (<see cref="WithConstants"/>) shares the instruction array, a structural change shares nothing but costs one
/// small array copy.</para>
/// <para>Cost model (issue 3, real-number mode): the number of operations whose value depends on x, reachable from
/// the output; + - * / count 1, fma counts 2. Operations among constants alone and dead code are free.</para>
/// </summary>
public sealed class Program
{
    private readonly Instruction[] _code;
    private readonly double[] _constants;
    private int _cost = -1; // cached lazily; a benign race (every thread computes the same value)

    /// <summary>Trusted constructor: takes ownership of the arrays without copying or validating.</summary>
    internal Program(Instruction[] code, double[] constants, int output)
    {
        _code = code;
        _constants = constants;
        Output = output;
    }

    /// <summary>Creates a program from copies of the given arrays and validates it.</summary>
    public static Program Create(ReadOnlySpan<Instruction> code, ReadOnlySpan<double> constants, int output)
    {
        var p = new Program(code.ToArray(), constants.ToArray(), output);
        p.Validate();
        return p;
    }

    public ReadOnlySpan<Instruction> Instructions => _code;
    public ReadOnlySpan<double> Constants => _constants;
    public int Output { get; }
    public int Length => _code.Length;
    public Instruction this[int index] => _code[index];

    /// <summary>The underlying arrays (shared, never mutate): lets tests and the evaluator check sharing cheaply.</summary>
    internal Instruction[] CodeArray => _code;
    internal double[] ConstantArray => _constants;

    /// <summary>Same structure, new constant values; the instruction array is shared.</summary>
    public Program WithConstants(ReadOnlySpan<double> constants)
    {
        if (constants.Length != _constants.Length)
            throw new ArgumentException($"expected {_constants.Length} constants, got {constants.Length}", nameof(constants));
        return new Program(_code, constants.ToArray(), Output);
    }

    /// <summary>Same structure with one constant changed; the instruction array is shared.</summary>
    public Program WithConstant(int slot, double value)
    {
        var c = (double[])_constants.Clone();
        c[slot] = value;
        return new Program(_code, c, Output);
    }

    /// <summary>Marks which instructions depend on x; the others form constant-only subgraphs (free, folded once).</summary>
    public void DependsOnInput(Span<bool> result)
    {
        for (int i = 0; i < _code.Length; i++)
        {
            var ins = _code[i];
            result[i] = ins.Op switch
            {
                OpCode.Input => true,
                OpCode.Const => false,
                OpCode.Fma => result[ins.In1] || result[ins.In2] || result[ins.In3],
                _ => result[ins.In1] || result[ins.In2],
            };
        }
    }

    public bool[] DependsOnInput()
    {
        var r = new bool[_code.Length];
        DependsOnInput(r);
        return r;
    }

    /// <summary>Marks the instructions reachable from the output (the rest is dead code).</summary>
    public void Reachable(Span<bool> result)
    {
        result.Clear();
        result[Output] = true;
        for (int i = _code.Length - 1; i >= 0; i--)
        {
            if (!result[i]) continue;
            var ins = _code[i];
            int arity = ins.Op.Arity();
            if (arity >= 1) result[ins.In1] = true;
            if (arity >= 2) result[ins.In2] = true;
            if (arity >= 3) result[ins.In3] = true;
        }
    }

    public bool[] Reachable()
    {
        var r = new bool[_code.Length];
        Reachable(r);
        return r;
    }

    /// <summary>Operations that depend on x and are reachable from the output; fma counts 2 (see class remarks).</summary>
    public int Cost
    {
        get
        {
            int c = _cost;
            if (c < 0) _cost = c = ComputeCost();
            return c;
        }
    }

    private int ComputeCost()
    {
        int n = _code.Length;
        Span<bool> dep = n <= 512 ? stackalloc bool[n] : new bool[n];
        Span<bool> live = n <= 512 ? stackalloc bool[n] : new bool[n];
        DependsOnInput(dep);
        Reachable(live);
        int cost = 0;
        for (int i = 0; i < n; i++)
            if (dep[i] && live[i]) cost += _code[i].Op.Cost();
        return cost;
    }

    /// <summary>Number of arithmetic instructions (live or dead, x-dependent or not).</summary>
    public int ArithmeticCount
    {
        get
        {
            int k = 0;
            foreach (var ins in _code) if (ins.Op.IsArithmetic()) k++;
            return k;
        }
    }

    /// <summary>
    /// True when the program is in the canonical compact form that <see cref="Compact"/> produces: no dead code,
    /// at most one Input and it is instruction 0, and constant slots 0..k-1 used once each in instruction order.
    /// </summary>
    public bool IsCompact
    {
        get
        {
            int n = _code.Length;
            Span<bool> live = n <= 512 ? stackalloc bool[n] : new bool[n];
            Reachable(live);
            int slot = 0;
            for (int i = 0; i < n; i++)
            {
                if (!live[i]) return false;
                var ins = _code[i];
                if (ins.Op == OpCode.Input && i != 0) return false;
                if (ins.Op == OpCode.Const && ins.In1 != slot++) return false;
            }
            return slot == _constants.Length;
        }
    }

    /// <summary>
    /// Removes dead code, merges all Input instructions into one at index 0 and renumbers constant slots in
    /// instruction order (one slot per Const instruction, unused constants dropped). Returns this if already compact.
    /// Never changes the computed function.
    /// </summary>
    public Program Compact()
    {
        if (IsCompact) return this;
        int n = _code.Length;
        Span<bool> live = n <= 512 ? stackalloc bool[n] : new bool[n];
        Reachable(live);
        bool hasInput = false;
        int count = 0, constCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (!live[i]) continue;
            switch (_code[i].Op)
            {
                case OpCode.Input: hasInput = true; break;
                case OpCode.Const: constCount++; count++; break;
                default: count++; break;
            }
        }
        var code = new Instruction[count + (hasInput ? 1 : 0)];
        var consts = new double[constCount];
        Span<int> map = n <= 512 ? stackalloc int[n] : new int[n];
        int k = 0, s = 0;
        if (hasInput) code[k++] = Instruction.Input();
        for (int i = 0; i < n; i++)
        {
            if (!live[i]) { map[i] = -1; continue; }
            var ins = _code[i];
            switch (ins.Op)
            {
                case OpCode.Input:
                    map[i] = 0;
                    break;
                case OpCode.Const:
                    consts[s] = _constants[ins.In1];
                    code[k] = Instruction.Const(s++);
                    map[i] = k++;
                    break;
                case OpCode.Fma:
                    code[k] = new Instruction(ins.Op, map[ins.In1], map[ins.In2], map[ins.In3]);
                    map[i] = k++;
                    break;
                default:
                    code[k] = new Instruction(ins.Op, map[ins.In1], map[ins.In2]);
                    map[i] = k++;
                    break;
            }
        }
        return new Program(code, consts, map[Output]);
    }

    /// <summary>
    /// Replaces every constant-only arithmetic subgraph by one constant holding its double value, then compacts.
    /// Keeps the double-precision function bit-identical and removes redundant fitting parameters
    /// (c1 * c2 becomes one constant). Cost is unchanged (constant-only ops are free anyway). Subgraphs whose value
    /// is not finite (0/0) stay as they are, since constants must be finite.
    /// </summary>
    public Program FoldConstants()
    {
        int n = _code.Length;
        Span<bool> dep = n <= 512 ? stackalloc bool[n] : new bool[n];
        DependsOnInput(dep);
        Span<double> values = n <= 512 ? stackalloc double[n] : new double[n];
        Interpreter.Evaluate(this, 0.0, values); // constant-only nodes do not depend on the x given
        int extra = 0;
        for (int i = 0; i < n; i++)
            if (!dep[i] && _code[i].Op.IsArithmetic() && double.IsFinite(values[i])) extra++;
        if (extra == 0) return Compact();
        var code = (Instruction[])_code.Clone();
        var consts = new double[_constants.Length + extra];
        _constants.CopyTo(consts, 0);
        int s = _constants.Length;
        for (int i = 0; i < n; i++)
        {
            if (dep[i] || !_code[i].Op.IsArithmetic() || !double.IsFinite(values[i])) continue;
            consts[s] = values[i];
            code[i] = Instruction.Const(s++);
        }
        return new Program(code, consts, Output).Compact();
    }

    /// <summary>Throws <see cref="InvalidProgramException"/> naming the first broken invariant.</summary>
    public void Validate()
    {
        if (!TryValidate(out var error)) throw new InvalidProgramException(error);
    }

    /// <summary>
    /// Checks every invariant: non-empty; output index in range; known op codes; operands of each arithmetic
    /// instruction refer to strictly earlier instructions (topological order, hence acyclic); unused operand fields
    /// are -1; Const slots in range; constants finite.
    /// </summary>
    public bool TryValidate(out string? error)
    {
        error = null;
        int n = _code.Length;
        if (n == 0) { error = "program has no instructions"; return false; }
        if ((uint)Output >= (uint)n) { error = $"output index {Output} out of range [0, {n})"; return false; }
        for (int i = 0; i < n; i++)
        {
            var ins = _code[i];
            switch (ins.Op)
            {
                case OpCode.Input:
                    if (ins.In1 != -1 || ins.In2 != -1 || ins.In3 != -1) { error = $"instruction {i}: Input has operands"; return false; }
                    break;
                case OpCode.Const:
                    if ((uint)ins.In1 >= (uint)_constants.Length) { error = $"instruction {i}: constant slot {ins.In1} out of range [0, {_constants.Length})"; return false; }
                    if (ins.In2 != -1 || ins.In3 != -1) { error = $"instruction {i}: Const has node operands"; return false; }
                    break;
                case OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Fma:
                    int arity = ins.Op.Arity();
                    for (int k = 0; k < 3; k++)
                    {
                        int o = ins.Operand(k);
                        if (k < arity && (uint)o >= (uint)i) { error = $"instruction {i} ({ins.Op}): operand {k} = {o} is not an earlier instruction"; return false; }
                        if (k >= arity && o != -1) { error = $"instruction {i} ({ins.Op}): unused operand {k} = {o} is not -1"; return false; }
                    }
                    break;
                default:
                    error = $"instruction {i}: unknown op code {(int)ins.Op}";
                    return false;
            }
        }
        for (int s = 0; s < _constants.Length; s++)
            if (!double.IsFinite(_constants[s])) { error = $"constant {s} is not finite ({_constants[s]})"; return false; }
        return true;
    }

    /// <summary>Scalar evaluation at one point in double (reference semantics; use <see cref="Evaluator"/> for speed).</summary>
    public double Evaluate(double x)
    {
        int n = _code.Length;
        Span<double> v = n <= 256 ? stackalloc double[n] : new double[n];
        Interpreter.Evaluate(this, x, v);
        return v[Output];
    }

    /// <summary>Same instructions, constants (bitwise) and output.</summary>
    public bool StructurallyEquals(Program other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Output != other.Output || !_code.AsSpan().SequenceEqual(other._code) || _constants.Length != other._constants.Length) return false;
        for (int i = 0; i < _constants.Length; i++)
            if (BitConverter.DoubleToInt64Bits(_constants[i]) != BitConverter.DoubleToInt64Bits(other._constants[i])) return false;
        return true;
    }

    /// <summary>The straight-line text form (<see cref="ProgramText.Format"/>).</summary>
    public override string ToString() => ProgramText.Format(this);

    public static Program Parse(string text) => ProgramText.Parse(text);
}
