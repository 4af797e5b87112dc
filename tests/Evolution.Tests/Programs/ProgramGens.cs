using AutoNumerics.Evolution.Programs;
using AutoNumerics.Oracles.Mpfr;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

/// <summary>CsCheck generators for programs, and independent reference implementations to check against.</summary>
internal static class ProgramGens
{
    /// <summary>
    /// Random valid programs (possibly with dead code, several Input nodes and constant-only subgraphs), built from
    /// shrinkable raw rows: (op kind, three operand choices, a constant).
    /// </summary>
    public static Gen<Program> Program(bool fma = true, bool div = true, bool sub = true, bool positiveConstants = false, int maxOps = 16) =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20], Gen.Int[0, 1 << 20],
                positiveConstants ? Gen.Double[0.25, 4] : Gen.Double[-3, 3])
            .Array[1, maxOps]
            .Select(rows => Build(rows, fma, div, sub));

    private static Program Build((int Kind, int A, int B, int C, double K)[] rows, bool fma, bool div, bool sub)
    {
        var code = new List<Instruction> { Instruction.Input() };
        var consts = new List<double>();
        foreach (var (kind, a, b, c, k) in rows)
        {
            var op = kind switch
            {
                0 => OpCode.Add,
                1 => sub ? OpCode.Sub : OpCode.Add,
                2 => OpCode.Mul,
                3 => div ? OpCode.Div : OpCode.Mul,
                _ => fma ? OpCode.Fma : OpCode.Mul,
            };
            int Pick(int raw)
            {
                if (raw % 5 == 0)
                {
                    consts.Add(k);
                    code.Add(Instruction.Const(consts.Count - 1));
                    return code.Count - 1;
                }
                if (raw % 7 == 0) { code.Add(Instruction.Input()); return code.Count - 1; }
                return raw % code.Count;
            }
            int ia = Pick(a), ib = Pick(b);
            int ic = op == OpCode.Fma ? Pick(c) : -1;
            code.Add(op == OpCode.Fma ? Instruction.Fma(ia, ib, ic) : Instruction.Binary(op, ia, ib));
        }
        return AutoNumerics.Evolution.Programs.Program.Create(code.ToArray(), consts.ToArray(), code.Count - 1);
    }

    /// <summary>Straightforward recursive evaluation with memo: the reference semantics.</summary>
    public static double Naive(Program p, double x) => NaiveNode(p, p.Output, x);

    public static double NaiveNode(Program p, int node, double x = 0)
    {
        var memo = new Dictionary<int, double>();
        double Eval(int i)
        {
            if (memo.TryGetValue(i, out double m)) return m;
            var ins = p[i];
            double v = ins.Op switch
            {
                OpCode.Const => p.Constants[ins.In1],
                OpCode.Input => x,
                OpCode.Add => Eval(ins.In1) + Eval(ins.In2),
                OpCode.Sub => Eval(ins.In1) - Eval(ins.In2),
                OpCode.Mul => Eval(ins.In1) * Eval(ins.In2),
                OpCode.Div => Eval(ins.In1) / Eval(ins.In2),
                OpCode.Fma => Math.FusedMultiplyAdd(Eval(ins.In1), Eval(ins.In2), Eval(ins.In3)),
                _ => throw new InvalidOperationException(),
            };
            return memo[i] = v;
        }
        return Eval(node);
    }

    /// <summary>Cost recounted the obvious way: DFS from the output, x-dependence by recursion.</summary>
    public static int NaiveCost(Program p)
    {
        bool Dep(int i) => p[i].Op switch
        {
            OpCode.Input => true,
            OpCode.Const => false,
            OpCode.Fma => Dep(p[i].In1) || Dep(p[i].In2) || Dep(p[i].In3),
            _ => Dep(p[i].In1) || Dep(p[i].In2),
        };
        var seen = new HashSet<int>();
        var stack = new Stack<int>([p.Output]);
        int cost = 0;
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            if (!seen.Add(i)) continue;
            var ins = p[i];
            if (ins.Op is OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Fma)
            {
                if (Dep(i)) cost += ins.Op == OpCode.Fma ? 2 : 1;
                stack.Push(ins.In1);
                stack.Push(ins.In2);
                if (ins.Op == OpCode.Fma) stack.Push(ins.In3);
            }
        }
        return cost;
    }

    public static bool SameBits(double a, double b) =>
        (double.IsNaN(a) && double.IsNaN(b)) || BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    public const int MpfrBits = 2000;

    /// <summary>
    /// Exact-enough value of every node in MPFR at 2000 bits (per-op error 2^-2000), plus a running bound on the
    /// absolute error a double-double evaluation may have at each node: every op adds at most 16 u^2 |value|
    /// (Joldes et al.: add 3u^2, mul 4u^2, div 15u^2) on top of the propagated operand errors. Returns false if the
    /// program leaves the safe range (non-finite, huge, tiny, or a divisor not bounded away from zero).
    /// </summary>
    public static bool MpfrReference(Program p, double x, out double exact, out double bound, out MpfrValue exactValue)
    {
        const double U2x16 = 16 * 1.2325951644078310e-32;
        int n = p.Length;
        var v = new MpfrValue[n];
        var d = new double[n];
        var e = new double[n];
        exact = bound = 0;
        exactValue = null!;
        try
        {
            for (int i = 0; i < n; i++)
            {
                var ins = p[i];
                v[i] = new MpfrValue(MpfrBits);
                switch (ins.Op)
                {
                    case OpCode.Const: v[i].Set(p.Constants[ins.In1], MpfrRounding.Nearest); e[i] = 0; break;
                    case OpCode.Input: v[i].Set(x, MpfrRounding.Nearest); e[i] = 0; break;
                    case OpCode.Add: v[i].Add(v[ins.In1], v[ins.In2], MpfrRounding.Nearest); break;
                    case OpCode.Sub: v[i].Sub(v[ins.In1], v[ins.In2], MpfrRounding.Nearest); break;
                    case OpCode.Mul: v[i].Mul(v[ins.In1], v[ins.In2], MpfrRounding.Nearest); break;
                    case OpCode.Div: v[i].Div(v[ins.In1], v[ins.In2], MpfrRounding.Nearest); break;
                    case OpCode.Fma:
                        using (var t = new MpfrValue(MpfrBits))
                        {
                            t.Mul(v[ins.In1], v[ins.In2], MpfrRounding.Nearest);
                            v[i].Add(t, v[ins.In3], MpfrRounding.Nearest);
                        }
                        break;
                }
                d[i] = v[i].ToDouble(MpfrRounding.Nearest);
                double ad = Math.Abs(d[i]);
                if (!double.IsFinite(d[i]) || ad > 1e200 || (ad < 1e-200 && !v[i].IsZero)) return false;
                double Abs(int j) => Math.Abs(d[j]);
                switch (ins.Op)
                {
                    case OpCode.Add or OpCode.Sub: e[i] = e[ins.In1] + e[ins.In2] + U2x16 * ad; break;
                    case OpCode.Mul: e[i] = Abs(ins.In1) * e[ins.In2] + Abs(ins.In2) * e[ins.In1] + e[ins.In1] * e[ins.In2] + U2x16 * ad; break;
                    case OpCode.Div:
                        double denom = Abs(ins.In2) - e[ins.In2];
                        if (!(denom > 0.5 * Abs(ins.In2))) return false;
                        e[i] = (e[ins.In1] + ad * e[ins.In2]) / denom + U2x16 * ad;
                        break;
                    case OpCode.Fma:
                        double prod = Abs(ins.In1) * Abs(ins.In2);
                        double ep = Abs(ins.In1) * e[ins.In2] + Abs(ins.In2) * e[ins.In1] + e[ins.In1] * e[ins.In2] + U2x16 * prod;
                        e[i] = ep + e[ins.In3] + U2x16 * ad;
                        break;
                }
                // Inflate by a hair for the double rounding of this bound computation itself.
                e[i] *= 1 + 1e-12;
            }
            exact = d[p.Output];
            bound = e[p.Output];
            exactValue = new MpfrValue(MpfrBits);
            exactValue.Set(v[p.Output], MpfrRounding.Nearest);
            return true;
        }
        finally
        {
            foreach (var m in v) m?.Dispose();
        }
    }

    /// <summary>|hi + lo - exact| computed in MPFR, rounded to double.</summary>
    public static double DoubleDoubleError(double hi, double lo, MpfrValue exact)
    {
        using var s = new MpfrValue(MpfrBits, hi);
        using var l = new MpfrValue(MpfrBits, lo);
        s.Add(s, l, MpfrRounding.Nearest);
        s.Sub(s, exact, MpfrRounding.Nearest);
        return Math.Abs(s.ToDouble(MpfrRounding.Nearest));
    }
}
