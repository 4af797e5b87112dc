using System.Runtime.Intrinsics;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// Per-thread state shared by the fitters: the tape evaluator bound to the samples, the forward-mode (dual number)
/// Jacobian of the current structure, and the double / double-double residual switch. Parameters are the constant
/// slots that live Const instructions read; other slots are left as they are.
/// </summary>
internal sealed class FitWorkspace
{
    // Above this error the double evaluation's rounding (~1e-16 times the program's condition) cannot matter, so
    // the rounding is not even measured.
    private const double CheckRoundingBelow = 1e-11;

    private readonly Evaluator _ev = new();
    private FitData? _samples;
    private Program _program = null!;
    private Instruction[] _code = [];
    private int[] _liveNodes = [];
    private int _liveCount;
    private int[] _paramOfNode = [];  // Const node -> parameter index, -1 otherwise
    private int[] _slots = [];        // parameter -> constant slot
    private int[] _pLo = [], _pHi = []; // per node: derivatives outside [lo, hi) are identically zero
    private double[] _full = [];      // full constant vector the evaluator reads
    private Vector256<double>[] _val = [], _der = [];

    public int N { get; private set; }
    public int K { get; private set; }
    public bool DoubleDouble { get; private set; }
    public FitPrecision Precision { get; private set; }
    public int Evaluations;
    public int Jacobians;
    public FitData Samples => _samples!;
    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, K);

    /// <summary>The bound program's instructions, its live nodes in order, and each node's parameter (-1 if none).</summary>
    public ReadOnlySpan<Instruction> Code => _code;
    public ReadOnlySpan<int> LiveNodes => _liveNodes.AsSpan(0, _liveCount);
    public int ParameterOf(int node) => _paramOfNode[node];
    public int Output => _program.Output;

    /// <summary>Binds the samples (cached across calls) and the program's structure; returns its parameters.</summary>
    public double[] Bind(Program program, FitData samples, FitPrecision precision)
    {
        if (!ReferenceEquals(samples, _samples))
        {
            _ev.SetPoints(samples.X);
            _samples = samples;
            N = samples.Count;
        }
        _program = program;
        _code = program.Instructions.ToArray();
        int n = _code.Length;
        var live = program.Reachable();
        if (_paramOfNode.Length < n) { _paramOfNode = new int[n]; _liveNodes = new int[n]; }
        var slotParam = new int[program.Constants.Length];
        Array.Fill(slotParam, -1);
        var slots = new List<int>();
        _liveCount = 0;
        for (int i = 0; i < n; i++)
        {
            _paramOfNode[i] = -1;
            if (!live[i]) continue;
            _liveNodes[_liveCount++] = i;
            if (_code[i].Op != OpCode.Const) continue;
            int s = _code[i].In1;
            if (slotParam[s] < 0) { slotParam[s] = slots.Count; slots.Add(s); }
            _paramOfNode[i] = slotParam[s];
        }
        _slots = slots.ToArray();
        K = _slots.Length;
        // Parameter ranges per node (the union of the operands'): the Jacobian pass only touches these. Compact
        // programs number constants in instruction order, so the ranges are tight (Horner: half of K on average).
        if (_pLo.Length < n) { _pLo = new int[n]; _pHi = new int[n]; }
        for (int i = 0; i < n; i++)
        {
            var ins = _code[i];
            if (!live[i] || ins.Op == OpCode.Input) { _pLo[i] = K; _pHi[i] = 0; continue; }
            if (ins.Op == OpCode.Const) { _pLo[i] = _paramOfNode[i]; _pHi[i] = _paramOfNode[i] + 1; continue; }
            int lo = K, hi = 0, arity = ins.Op.Arity();
            for (int t = 0; t < arity; t++) { lo = Math.Min(lo, _pLo[ins.Operand(t)]); hi = Math.Max(hi, _pHi[ins.Operand(t)]); }
            _pLo[i] = lo; _pHi[i] = hi;
        }
        _full = program.Constants.ToArray();
        if (_val.Length < n) _val = new Vector256<double>[n];
        if (_der.Length < n * K) _der = new Vector256<double>[n * K];
        _ev.Load(program);
        Precision = precision;
        DoubleDouble = precision == FitPrecision.DoubleDouble;
        _rounding = -1;
        Evaluations = Jacobians = 0;
        var theta = new double[K];
        for (int p = 0; p < K; p++) theta[p] = _full[_slots[p]];
        return theta;
    }

    public Program ProgramWith(ReadOnlySpan<double> theta)
    {
        Expand(theta);
        return _program.WithConstants(_full);
    }

    private void Expand(ReadOnlySpan<double> theta)
    {
        for (int p = 0; p < K; p++) _full[_slots[p]] = theta[p];
    }

    /// <summary>
    /// r_i = (p(x_i) - f(x_i)) * ErrorScale_i in the current precision; returns max |r_i| (+inf if any is not
    /// finite, so every caller rejects such constants).
    /// </summary>
    public double Residuals(ReadOnlySpan<double> theta, Span<double> r)
    {
        Expand(theta);
        Evaluations++;
        var s = _samples!;
        var hi = s.LabelHi; var lo = s.LabelLo; var sc = s.ErrorScale;
        double max = 0;
        bool bad = false;
        if (DoubleDouble)
        {
            var y = _ev.RunDoubleDouble(_full);
            for (int i = 0; i < N; i++)
            {
                // yh - hi is exact when they are close (Sterbenz), so the difference keeps the double-double accuracy.
                double e = ((y.Hi[i] - hi[i]) + (y.Lo[i] - lo[i])) * sc[i];
                r[i] = e;
                double a = Math.Abs(e);
                if (a > max) max = a;
                bad |= !double.IsFinite(e);
            }
        }
        else
        {
            var y = _ev.Run(_full);
            for (int i = 0; i < N; i++)
            {
                double e = ((y[i] - hi[i]) - lo[i]) * sc[i];
                r[i] = e;
                double a = Math.Abs(e);
                if (a > max) max = a;
                bad |= !double.IsFinite(e);
            }
        }
        return bad ? double.PositiveInfinity : max;
    }

    private double[] _fullLo = [], _nodeHi = [], _nodeLo = [];

    /// <summary>
    /// Residuals over all samples with double-double constants (theta + thetaLo, the parts beyond binary64), by
    /// scalar double-double interpretation: the program, the labels and the subtraction carried to ~1e-30.
    /// <see cref="LiftedRemez"/> exchanges its reference on these, so the binary64 rounding of constants it carries
    /// more finely does not blur where the extrema are. Returns max |r_i| (+inf if any is not finite).
    /// </summary>
    public double ResidualsExtended(ReadOnlySpan<double> theta, ReadOnlySpan<double> thetaLo, Span<double> r)
    {
        ExpandExtended(theta, thetaLo);
        if (_nodeHi.Length < _code.Length) { _nodeHi = new double[_code.Length]; _nodeLo = new double[_code.Length]; }
        Evaluations++;
        var s = _samples!;
        int output = _program.Output;
        double max = 0;
        bool bad = false;
        for (int i = 0; i < N; i++)
        {
            Interpreter.EvaluateDoubleDouble(_code, _full, s.X[i], _nodeHi, _nodeLo, _fullLo);
            double e = ((_nodeHi[output] - s.LabelHi[i]) + (_nodeLo[output] - s.LabelLo[i])) * s.ErrorScale[i];
            r[i] = e;
            max = Math.Max(max, Math.Abs(e));
            bad |= !double.IsFinite(e);
        }
        return bad ? double.PositiveInfinity : max;
    }

    /// <summary>Every node's double-double value at one point x with double-double constants (theta + thetaLo).</summary>
    public void EvaluateExtended(ReadOnlySpan<double> theta, ReadOnlySpan<double> thetaLo, double x, Span<double> hi, Span<double> lo)
    {
        ExpandExtended(theta, thetaLo);
        Interpreter.EvaluateDoubleDouble(_code, _full, x, hi, lo, _fullLo);
    }

    private void ExpandExtended(ReadOnlySpan<double> theta, ReadOnlySpan<double> thetaLo)
    {
        Expand(theta);
        if (_fullLo.Length != _full.Length) _fullLo = new double[_full.Length];
        Array.Clear(_fullLo);
        for (int p = 0; p < K; p++) _fullLo[_slots[p]] = thetaLo[p];
    }

    /// <summary>Max error only (CMA-ES objective): the same pass without storing residuals.</summary>
    public double MaxError(ReadOnlySpan<double> theta, Span<double> scratch) => Residuals(theta, scratch);

    /// <summary>
    /// In Auto precision: once the error is small, compares the double and double-double values at the current
    /// constants; if the double rounding is not 100x below <paramref name="maxError"/>, switches to double-double
    /// for good and returns true (the caller must recompute its residuals).
    /// </summary>
    public bool MaybeSwitchToDoubleDouble(ReadOnlySpan<double> theta, double maxError)
    {
        if (DoubleDouble || Precision != FitPrecision.Auto || !(maxError < CheckRoundingBelow)) return false;
        // The rounding depends on the structure and barely on the constants: measure it once, re-measure only to
        // confirm a switch.
        if (_rounding < 0 || 100 * _rounding > maxError) _rounding = MeasureRounding(theta);
        if (!(100 * _rounding > maxError)) return false;
        DoubleDouble = true;
        return true;
    }

    private double _rounding = -1;

    /// <summary>max_i |double value - double-double value| * ErrorScale_i at theta: the double evaluation's own error.</summary>
    private double MeasureRounding(ReadOnlySpan<double> theta)
    {
        Expand(theta);
        var yd = _ev.Run(_full).ToArray();
        var y = _ev.RunDoubleDouble(_full);
        Evaluations += 2;
        var sc = _samples!.ErrorScale;
        double rounding = 0;
        for (int i = 0; i < N; i++) rounding = Math.Max(rounding, Math.Abs(((yd[i] - y.Hi[i]) - y.Lo[i]) * sc[i]));
        return double.IsNaN(rounding) ? double.PositiveInfinity : rounding;
    }

    /// <summary>
    /// Forward-mode Jacobian of the scaled residuals at the given points: jac[p * m + j] = d p(x_j)/d theta_p *
    /// scale_j, m = xs.Length. Dual numbers carry one derivative per parameter through the live nodes, four points
    /// at a time; exact up to double rounding and about (1 + 2K) times one evaluation.
    /// </summary>
    public void Jacobian(ReadOnlySpan<double> theta, ReadOnlySpan<double> xs, ReadOnlySpan<double> scale, Span<double> jac)
    {
        Expand(theta);
        Jacobians++;
        int k = K, m = xs.Length;
        var val = _val; var der = _der;
        var code = _code;
        Span<double> xb = stackalloc double[4];
        // Entries outside a node's range are never written, so zero them once and they stay zero for every chunk.
        _der.AsSpan(0, code.Length * k).Clear();
        var lo = _pLo; var hi = _pHi;
        for (int j0 = 0; j0 < m; j0 += 4)
        {
            int cnt = Math.Min(4, m - j0);
            for (int l = 0; l < 4; l++) xb[l] = xs[j0 + Math.Min(l, cnt - 1)];
            var xv = Vector256.Create(xb[0], xb[1], xb[2], xb[3]);
            for (int t = 0; t < _liveCount; t++)
            {
                int i = _liveNodes[t];
                var ins = code[i];
                int d = i * k, p0 = lo[i], p1 = hi[i];
                switch (ins.Op)
                {
                    case OpCode.Input:
                        val[i] = xv;
                        break;
                    case OpCode.Const:
                        val[i] = Vector256.Create(_full[ins.In1]);
                        der[d + p0] = Vector256<double>.One;
                        break;
                    case OpCode.Add:
                    {
                        int a = ins.In1 * k, b = ins.In2 * k;
                        val[i] = val[ins.In1] + val[ins.In2];
                        for (int p = p0; p < p1; p++) der[d + p] = der[a + p] + der[b + p];
                        break;
                    }
                    case OpCode.Sub:
                    {
                        int a = ins.In1 * k, b = ins.In2 * k;
                        val[i] = val[ins.In1] - val[ins.In2];
                        for (int p = p0; p < p1; p++) der[d + p] = der[a + p] - der[b + p];
                        break;
                    }
                    case OpCode.Mul:
                    {
                        int a = ins.In1 * k, b = ins.In2 * k;
                        var va = val[ins.In1]; var vb = val[ins.In2];
                        val[i] = va * vb;
                        for (int p = p0; p < p1; p++) der[d + p] = Vector256.FusedMultiplyAdd(der[a + p], vb, va * der[b + p]);
                        break;
                    }
                    case OpCode.Div:
                    {
                        int a = ins.In1 * k, b = ins.In2 * k;
                        var vb = val[ins.In2];
                        var q = val[ins.In1] / vb;
                        var inv = Vector256<double>.One / vb;
                        val[i] = q;
                        // (a/b)' = (a' - q b') / b
                        for (int p = p0; p < p1; p++) der[d + p] = (der[a + p] - q * der[b + p]) * inv;
                        break;
                    }
                    case OpCode.Fma:
                    {
                        int a = ins.In1 * k, b = ins.In2 * k, c = ins.In3 * k;
                        var va = val[ins.In1]; var vb = val[ins.In2];
                        val[i] = Vector256.FusedMultiplyAdd(va, vb, val[ins.In3]);
                        for (int p = p0; p < p1; p++)
                            der[d + p] = Vector256.FusedMultiplyAdd(der[a + p], vb, Vector256.FusedMultiplyAdd(va, der[b + p], der[c + p]));
                        break;
                    }
                }
            }
            int o = _program.Output * k;
            for (int p = 0; p < k; p++)
            {
                var v = der[o + p];
                for (int l = 0; l < cnt; l++)
                {
                    // 0 * inf and inf - inf (x/0 feeding c/inf, a removable singularity at a sample) give NaN: such
                    // a point then just does not steer this step.
                    double g = v.GetElement(l) * scale[j0 + l];
                    jac[p * m + j0 + l] = double.IsFinite(g) ? g : 0;
                }
            }
        }
    }
}
