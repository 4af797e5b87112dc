namespace AutoNumerics.Evolution.Programs;

/// <summary>Outcome of <see cref="Mutator.Mutate"/>.</summary>
/// <param name="Program">The child (compact and valid); the parent itself if no attempt succeeded.</param>
/// <param name="Kind">Kind of the last attempted mutation.</param>
/// <param name="Attempts">Attempts used.</param>
/// <param name="Changed">Whether the child's outputs on the probe points differ from the parent's.</param>
public readonly record struct MutationResult(Program Program, MutationKind Kind, int Attempts, bool Changed);

/// <summary>
/// Applies random mutations that keep the DAG valid (topological order, in-range operands and slots, output
/// reachable), retried until the function changes on the probe points, as in AutoNumerics-Zero (a neutral mutation
/// would only waste an evaluation). Stateless apart from its options and probes, so one instance can serve all
/// threads; all randomness comes from the caller's <see cref="Xoshiro256"/>, so a seed fixes the result.
/// Children are compacted (dead code removed) and, by default, constant-folded.
/// </summary>
public sealed class Mutator
{
    private static readonly MutationKind[] AllKinds = Enum.GetValues<MutationKind>();
    private readonly double[] _probes;
    private readonly OpCode[] _ops;

    public Mutator(MutatorOptions options, ReadOnlySpan<double> probePoints)
    {
        options.Validate();
        if (probePoints.IsEmpty) throw new ArgumentException("at least one probe point is needed", nameof(probePoints));
        Options = options;
        _probes = probePoints.ToArray();
        var ops = new List<OpCode> { OpCode.Add, OpCode.Sub, OpCode.Mul };
        if (options.AllowDivision) ops.Add(OpCode.Div);
        if (options.AllowFma) ops.Add(OpCode.Fma);
        _ops = [.. ops];
    }

    public MutatorOptions Options { get; }
    public ReadOnlySpan<double> ProbePoints => _probes;

    /// <summary>Mutates until the function changes on the probes, up to <see cref="MutatorOptions.MaxAttempts"/>.</summary>
    public MutationResult Mutate(Program parent, ref Xoshiro256 rng)
    {
        parent = parent.Compact();
        Span<double> before = _probes.Length <= 64 ? stackalloc double[_probes.Length] : new double[_probes.Length];
        ProbeOutputs(parent, before);
        Span<double> after = _probes.Length <= 64 ? stackalloc double[_probes.Length] : new double[_probes.Length];
        Program? last = null;
        MutationKind kind = MutationKind.InsertOp;
        for (int attempt = 1; attempt <= Options.MaxAttempts; attempt++)
        {
            if (!TrySampleKind(parent, ref rng, out kind)) break;
            var child = TryApply(parent, kind, ref rng);
            if (child is null) continue;
            ProbeOutputs(child, after);
            if (!SameOutputs(before, after)) return new MutationResult(child, kind, attempt, true);
            last = child;
        }
        return new MutationResult(last ?? parent, kind, Options.MaxAttempts, false);
    }

    /// <summary>Evaluates a program at the probe points (scalar, double).</summary>
    public void ProbeOutputs(Program p, Span<double> outputs)
    {
        int n = p.Length;
        Span<double> v = n <= 256 ? stackalloc double[n] : new double[n];
        for (int k = 0; k < _probes.Length; k++)
        {
            Interpreter.Evaluate(p, _probes[k], v);
            outputs[k] = v[p.Output];
        }
    }

    /// <summary>Bitwise equality, with all NaNs equal.</summary>
    private static bool SameOutputs(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) && double.IsNaN(b[i])) continue;
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
        }
        return true;
    }

    private bool Applicable(Program p, MutationKind kind) => kind switch
    {
        MutationKind.InsertOp => p.Length < Options.MaxInstructions,
        MutationKind.PerturbConstantMultiplicative or MutationKind.PerturbConstantAdditive => p.Constants.Length > 0,
        _ => p.ArithmeticCount > 0,
    };

    private bool TrySampleKind(Program p, ref Xoshiro256 rng, out MutationKind kind)
    {
        double total = 0;
        foreach (var k in AllKinds) if (Applicable(p, k)) total += Options.Weights[k];
        kind = MutationKind.InsertOp;
        if (total <= 0) return false;
        double r = rng.NextDouble() * total;
        foreach (var k in AllKinds)
        {
            if (!Applicable(p, k)) continue;
            double w = Options.Weights[k];
            kind = k;
            if (r < w) return true;
            r -= w;
        }
        return true; // rounding: last applicable kind
    }

    /// <summary>
    /// One attempt of a given mutation kind on a compact program; null when it does not apply or the child exceeds
    /// the size/cost bounds. The result is compact, valid, and may compute the same function as the parent.
    /// </summary>
    public Program? TryApply(Program parent, MutationKind kind, ref Xoshiro256 rng)
    {
        parent = parent.Compact();
        switch (kind)
        {
            case MutationKind.PerturbConstantMultiplicative:
            case MutationKind.PerturbConstantAdditive:
            {
                if (parent.Constants.Length == 0) return null;
                int s = rng.NextInt(parent.Constants.Length);
                double c = parent.Constants[s];
                double g = rng.NextGaussian();
                double v = kind == MutationKind.PerturbConstantMultiplicative
                    ? c * Math.Exp(Options.MultiplicativeSigma * g)
                    : c + Options.AdditiveSigma * g;
                if (!double.IsFinite(v)) return null;
                return parent.WithConstant(s, v); // shares the instruction array
            }
        }

        var e = new Edit(parent);
        bool ok = kind switch
        {
            MutationKind.InsertOp => InsertOp(e, ref rng),
            MutationKind.RemoveOp => RemoveOp(e, ref rng),
            MutationKind.RewireInput => RewireInput(e, ref rng),
            MutationKind.ChangeOp => ChangeOp(e, ref rng),
            MutationKind.AddConstant => AddConstant(e, ref rng),
            _ => false,
        };
        if (!ok) return null;
        var child = new Program([.. e.Code], [.. e.Consts], e.Output).Compact();
        if (Options.FoldConstants) child = child.FoldConstants();
        if (child.Length > Options.MaxInstructions || child.Cost > Options.MaxCost) return null;
        return child;
    }

    // ---- structural mutations on a mutable copy ----------------------------------------------------------------

    /// <summary>
    /// Mutable copy used while editing. It always holds an Input at index 0 (inserted if the parent has none, removed
    /// again by Compact if unused) so any mutation can reach x.
    /// </summary>
    private sealed class Edit
    {
        public readonly List<Instruction> Code;
        public readonly List<double> Consts;
        public int Output;

        public Edit(Program p)
        {
            Code = [.. p.Instructions];
            Consts = [.. p.Constants];
            Output = p.Output;
            if (Code.Count == 0 || Code[0].Op != OpCode.Input) Insert(0, Instruction.Input());
        }

        /// <summary>Inserts before position pos, renumbering references to nodes at or after pos.</summary>
        public void Insert(int pos, Instruction ins)
        {
            Code.Insert(pos, ins);
            for (int j = pos + 1; j < Code.Count; j++)
            {
                var c = Code[j];
                if (!c.Op.IsArithmetic()) continue;
                int arity = c.Op.Arity();
                for (int k = 0; k < arity; k++)
                    if (c.Operand(k) >= pos) c = c.WithOperand(k, c.Operand(k) + 1);
                Code[j] = c;
            }
            if (Output >= pos) Output++;
        }

        public void InsertConst(int pos, double value)
        {
            Consts.Add(value);
            Insert(pos, Instruction.Const(Consts.Count - 1));
        }

        /// <summary>Indices of arithmetic instructions.</summary>
        public List<int> Ops()
        {
            var r = new List<int>();
            for (int i = 0; i < Code.Count; i++) if (Code[i].Op.IsArithmetic()) r.Add(i);
            return r;
        }
    }

    /// <summary>
    /// A fresh constant: half the time near the op's neutral value (0 for + -, 1 for * /) so the child stays close
    /// to the parent, otherwise a random magnitude in [1/8, 8] with random sign.
    /// </summary>
    private static double NewConstant(ref Xoshiro256 rng, double neutral)
    {
        if (rng.NextBool()) return neutral + 0.1 * rng.NextGaussian();
        double mag = Math.Pow(2, rng.NextDouble() * 6 - 3);
        return rng.NextBool() ? mag : -mag;
    }

    private OpCode RandomOp(ref Xoshiro256 rng) => _ops[rng.NextInt(_ops.Length)];

    private static double Neutral(OpCode op, int operand) => op switch
    {
        OpCode.Mul or OpCode.Div => 1.0,
        OpCode.Fma => operand == 2 ? 0.0 : 1.0,
        _ => 0.0,
    };

    private bool InsertOp(Edit e, ref Xoshiro256 rng)
    {
        // Pick an edge uniformly: (consumer op, operand slot) pairs plus the output edge.
        var ops = e.Ops();
        int edges = 1;
        foreach (int i in ops) edges += e.Code[i].Op.Arity();
        int pick = rng.NextInt(edges);
        int consumer = -1, slot = -1;
        foreach (int i in ops)
        {
            int a = e.Code[i].Op.Arity();
            if (pick < a) { consumer = i; slot = pick; break; }
            pick -= a;
        }
        int pos = consumer < 0 ? e.Code.Count : consumer;
        int src = consumer < 0 ? e.Output : e.Code[consumer].Operand(slot);

        var op = RandomOp(ref rng);
        int arity = op.Arity();
        int srcSlot = rng.NextInt(arity);
        Span<int> operands = stackalloc int[3];
        for (int k = 0; k < arity; k++)
        {
            if (k == srcSlot) { operands[k] = src; continue; }
            switch (rng.NextInt(3))
            {
                case 0: // a fresh constant, inserted just before the new op
                    e.InsertConst(pos, NewConstant(ref rng, Neutral(op, k)));
                    operands[k] = pos;
                    pos++;
                    if (consumer >= 0) consumer++;
                    break;
                case 1: operands[k] = 0; break; // x
                default: operands[k] = rng.NextInt(pos); break; // any earlier node
            }
        }
        var ins = arity == 3 ? Instruction.Fma(operands[0], operands[1], operands[2]) : Instruction.Binary(op, operands[0], operands[1]);
        e.Insert(pos, ins);
        if (consumer < 0) e.Output = pos;
        else e.Code[consumer + 1] = e.Code[consumer + 1].WithOperand(slot, pos);
        return true;
    }

    private static bool RemoveOp(Edit e, ref Xoshiro256 rng)
    {
        var ops = e.Ops();
        if (ops.Count == 0) return false;
        int i = ops[rng.NextInt(ops.Count)];
        var victim = e.Code[i];
        int replacement = victim.Operand(rng.NextInt(victim.Op.Arity()));
        for (int j = i + 1; j < e.Code.Count; j++)
        {
            var c = e.Code[j];
            if (!c.Op.IsArithmetic()) continue;
            for (int k = 0; k < c.Op.Arity(); k++)
                if (c.Operand(k) == i) c = c.WithOperand(k, replacement);
            e.Code[j] = c;
        }
        if (e.Output == i) e.Output = replacement;
        return true; // the bypassed op is now dead; Compact drops it
    }

    private static bool RewireInput(Edit e, ref Xoshiro256 rng)
    {
        var ops = e.Ops();
        if (ops.Count == 0) return false;
        int i = ops[rng.NextInt(ops.Count)];
        var c = e.Code[i];
        int k = rng.NextInt(c.Op.Arity());
        if (i < 2) return false; // only one candidate
        int j = rng.NextInt(i - 1);
        if (j >= c.Operand(k)) j++; // uniform over [0, i) minus the current source
        e.Code[i] = c.WithOperand(k, j);
        return true;
    }

    private bool ChangeOp(Edit e, ref Xoshiro256 rng)
    {
        var ops = e.Ops();
        if (ops.Count == 0 || _ops.Length < 2) return false;
        int i = ops[rng.NextInt(ops.Count)];
        var c = e.Code[i];
        int r = rng.NextInt(_ops.Length - 1);
        var op = _ops[r] == c.Op ? _ops[_ops.Length - 1] : _ops[r];
        if (op == OpCode.Fma && c.Op != OpCode.Fma)
            e.Code[i] = Instruction.Fma(c.In1, c.In2, rng.NextInt(i)); // the addend: any earlier node
        else if (op != OpCode.Fma && c.Op == OpCode.Fma)
        {
            // Drop one of the three operands at random.
            int drop = rng.NextInt(3);
            e.Code[i] = drop switch
            {
                0 => Instruction.Binary(op, c.In2, c.In3),
                1 => Instruction.Binary(op, c.In1, c.In3),
                _ => Instruction.Binary(op, c.In1, c.In2),
            };
        }
        else e.Code[i] = c with { Op = op };
        return true;
    }

    private static bool AddConstant(Edit e, ref Xoshiro256 rng)
    {
        var ops = e.Ops();
        if (ops.Count == 0) return false;
        int i = ops[rng.NextInt(ops.Count)];
        var c = e.Code[i];
        int k = rng.NextInt(c.Op.Arity());
        e.InsertConst(i, NewConstant(ref rng, Neutral(c.Op, k)));
        e.Code[i + 1] = e.Code[i + 1].WithOperand(k, i);
        return true;
    }
}
