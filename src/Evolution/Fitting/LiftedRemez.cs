using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// Nonlinear Remez exchange solved by lifted Newton: reaches the minimax constants of "sloppy" structures where the
/// linearized Remez and Lawson of <see cref="MinimaxCore"/> stall.
///
/// The problem it solves: in forms like (H + x)/(H - x) with H = a + b/(s + c + d/(s + e)), s = x^2, the poles sit
/// far outside the interval, so the constants act almost alike (singular values of the Jacobian spread over 13
/// decades) and the minimax point lies a long, curved way from the least-squares one (e.g. 0.5% in c, 10^-14 in the
/// function). A Newton step in the constants predicts a 1000x smaller error and delivers a 1000x larger one; step
/// halving, Levenberg damping, continuation and CMA-ES all crawl, and rounding the constants to binary64 after each
/// step adds errors of a few 1e-15. Measured on 2^x, symmetric [5/5], 10 ops: Remez and Lawson stop at 2.3e-14; the
/// form's optimum (a 60-digit Remez on its coefficients) is 1.72e-15, which this finds in five exchanges.
///
/// Lifting (Albersmeyer and Diehl's lifted Newton method): the unknowns of the levelled equations
/// (p(x_t) - f(x_t)) * scale_t = (-1)^t E at the K + 1 reference points are not only the constants and E but also
/// every arithmetic node's value at every reference point, tied by one equation per node and point: w - (a + b),
/// w - (a - b), w - a b, w b - a (a division multiplied out), w - (a b + c). Each equation is at most bilinear, so
/// Newton's linear model stays valid far further than through the composed program, where the curvature of every
/// division compounds. The node unknowns are eliminated per point by one forward pass (their equations are lower
/// triangular in topological order), leaving a (K + 1) x (K + 1) system like the plain Remez step: a Newton step
/// costs about one Jacobian at the reference. Constants, node values and E are carried in double-double so the
/// steps are not lost to binary64 rounding; the system is solved by truncated SVD (redundant constants make it
/// singular). Between Newton solves the reference is exchanged for the K + 1 alternating extrema of the residual on
/// all samples, with the constants rounded to binary64 (what the program holds); the best rounded constants are kept,
/// so the result is never worse than the start.
/// </summary>
internal sealed class LiftedRemez
{
    private const int MaxNewton = 40;

    private readonly TruncatedSvdSolver _svd = new();
    private double[] _wHi = [], _wLo = [], _c = [], _g = [];
    private double[] _thetaHi = [], _thetaLo = [], _a = [], _rhs = [], _step = [];
    private int[] _ref = [];
    private double[] _x = [], _scale = [], _fHi = [], _fLo = [], _r = [];

    /// <summary>Refines st towards the minimax; st keeps the best binary64 constants seen.</summary>
    public void Refine(FitCore.State st, FitBudget budget, double tolerance, List<double>? trace)
    {
        var ws = st.Ws;
        int k = ws.K, m = k + 1, n = ws.Code.Length;
        var outOp = ws.Code[ws.Output].Op;
        if (k == 0 || ws.N < m || !double.IsFinite(st.MaxError) || outOp is OpCode.Const or OpCode.Input) return;
        Ensure(n, k);
        var refIdx = _ref.AsSpan(0, m);
        if (!MinimaxCore.Alternation(st.R, refIdx, out _)) ChebyshevReference(ws.Samples.X, refIdx);
        st.Theta.CopyTo(_thetaHi, 0);
        Array.Clear(_thetaLo, 0, k);
        if (_r.Length < ws.N) _r = new double[ws.N];
        Span<int> previous = stackalloc int[m];
        for (int outer = 0; outer < budget.MaxIterations && ws.Evaluations < budget.MaxEvaluations; outer++)
        {
            if (st.MaxError <= budget.TargetError) return;
            if (!SolveLevelled(ws, m)) return;
            if (ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) st.Refresh();
            // The program holds the binary64 constants (the high parts): measure those, keep the best.
            double rounded = ws.Residuals(_thetaHi.AsSpan(0, k), st.RTrial);
            if (rounded < st.MaxError)
            {
                _thetaHi.AsSpan(0, k).CopyTo(st.Theta);
                st.RTrial.CopyTo(st.R, 0);
                st.MaxError = rounded; st.Iterations++;
                trace?.Add(rounded);
            }
            // Exchange on the residual of the iterate itself. Where errors are large enough for double evaluation the
            // rounding of the constants cannot move the extrema, so the binary64 residual just measured serves; once
            // the workspace works in double-double it would, so the double-double constants are evaluated (scalar).
            double e = rounded;
            ReadOnlySpan<double> r = st.RTrial;
            if (ws.DoubleDouble)
            {
                e = ws.ResidualsExtended(_thetaHi.AsSpan(0, k), _thetaLo.AsSpan(0, k), _r);
                r = _r.AsSpan(0, ws.N);
            }
            refIdx.CopyTo(previous);
            if (!double.IsFinite(e) || !MinimaxCore.Alternation(r, refIdx, out double minRef)) return;
            if (e - minRef <= tolerance * e || refIdx.SequenceEqual(previous)) return;
        }
    }

    /// <summary>Chebyshev nodes of the first kind on the samples' span (no end points: a symmetric form's error is
    /// pinned to 0 at 0), each moved to the nearest sample, kept distinct and ascending.</summary>
    internal static void ChebyshevReference(ReadOnlySpan<double> x, Span<int> refIdx)
    {
        int m = refIdx.Length, n = x.Length;
        double a = x[0], b = x[n - 1];
        for (int t = 0; t < m; t++)
        {
            double target = a + (b - a) * (1 - Math.Cos(Math.PI * (t + 0.5) / m)) / 2;
            int j = x.BinarySearch(target);
            if (j < 0) { j = ~j; if (j > 0 && (j == n || target - x[j - 1] < x[j] - target)) j--; }
            refIdx[t] = Math.Clamp(j, t == 0 ? 0 : refIdx[t - 1] + 1, n - m + t);
        }
    }

    private void Ensure(int n, int k)
    {
        int m = k + 1;
        if (_thetaHi.Length < k) { _thetaHi = new double[k]; _thetaLo = new double[k]; }
        if (_ref.Length < m)
        {
            _ref = new int[m]; _x = new double[m]; _scale = new double[m]; _fHi = new double[m]; _fLo = new double[m];
            _rhs = new double[m]; _step = new double[m];
        }
        if (_a.Length < m * m) _a = new double[m * m];
        if (_wHi.Length < m * n) { _wHi = new double[m * n]; _wLo = new double[m * n]; _c = new double[m * n]; }
        if (_g.Length < m * n * k) _g = new double[m * n * k];
    }

    private static double Sign(int t) => (t & 1) == 0 ? 1 : -1;

    /// <summary>
    /// Lifted Newton on the levelled equations at the current reference, from the current constants (node values
    /// initialized by a forward pass). True when the levelled residuals converged (then _thetaHi/_thetaLo hold the
    /// solution); false when Newton diverges or stalls (the constants are then left as they were).
    /// </summary>
    private bool SolveLevelled(FitWorkspace ws, int m)
    {
        var code = ws.Code;
        var live = ws.LiveNodes;
        int k = m - 1, n = code.Length, output = ws.Output;
        for (int t = 0; t < m; t++) LoadPoint(ws.Samples, t, _ref[t]);
        Span<double> startHi = stackalloc double[k], startLo = stackalloc double[k];
        _thetaHi.AsSpan(0, k).CopyTo(startHi); _thetaLo.AsSpan(0, k).CopyTo(startLo);
        // Node values at the start: the program evaluated in double-double at each reference point. A point where a
        // node is not finite (c / x at x = 0: the output is its limit there, but no node value satisfies w x = c)
        // moves to the neighbouring sample.
        for (int t = 0; t < m; t++)
        {
            for (int attempt = 0; !InitializeNodes(ws, t, n); attempt++)
            {
                int next = _ref[t] + (t == 0 ? 1 : -1);
                bool taken = (t > 0 && next <= _ref[t - 1]) || (t + 1 < m && next >= _ref[t + 1]) || next < 0 || next >= ws.N;
                if (attempt >= 3 || taken) return false;
                LoadPoint(ws.Samples, t, next);
            }
        }
        double e = 0, gStart = double.NaN;
        for (int it = 0; it < MaxNewton; it++)
        {
            double gOut = 0, gNode = 0;
            for (int t = 0; t < m; t++)
            {
                int row = t * n;
                foreach (int i in live)
                {
                    var ins = code[i];
                    if (ins.Op is OpCode.Const or OpCode.Input) continue;
                    // Node equation F(w, a, b[, c]) = 0, its residual in double-double and its partial derivatives.
                    var w = new DoubleDouble(_wHi[row + i], _wLo[row + i]);
                    var a = Value(ws, ins.In1, t, n);
                    var b = Value(ws, ins.In2, t, n);
                    DoubleDouble f;
                    double dw = 1, da, db, dc = 0;
                    switch (ins.Op)
                    {
                        case OpCode.Add: f = w - (a + b); da = -1; db = -1; break;
                        case OpCode.Sub: f = w - (a - b); da = -1; db = 1; break;
                        case OpCode.Mul: f = w - a * b; da = -b.Hi; db = -a.Hi; break;
                        case OpCode.Div: f = w * b - a; dw = b.Hi; da = -1; db = w.Hi; break;
                        default: f = w - (a * b + Value(ws, ins.In3, t, n)); da = -b.Hi; db = -a.Hi; dc = -1; break;
                    }
                    double fi = f.Hi + f.Lo;
                    gNode = Math.Max(gNode, Math.Abs(fi) / Math.Max(Math.Max(Math.Abs(w.Hi), Math.Abs(a.Hi)), Math.Max(Math.Abs(b.Hi), 1e-300)));
                    // Eliminate the node: dw_i = c_i + G_i . dtheta (earlier nodes already eliminated).
                    double ci = -fi;
                    var gi = _g.AsSpan((row + i) * k, k);
                    gi.Clear();
                    Accumulate(ws, ins.In1, da, row, k, ref ci, gi);
                    Accumulate(ws, ins.In2, db, row, k, ref ci, gi);
                    if (ins.Op == OpCode.Fma) Accumulate(ws, ins.In3, dc, row, k, ref ci, gi);
                    double inv = 1 / dw;
                    _c[row + i] = ci * inv;
                    for (int p = 0; p < k; p++) gi[p] *= inv;
                }
                // Levelled equation at this point: scale (y - f) - sign E = 0.
                var y = new DoubleDouble(_wHi[row + output], _wLo[row + output]) - new DoubleDouble(_fHi[t], _fLo[t]);
                double fo = (y.Hi + y.Lo) * _scale[t] - Sign(t) * e;
                gOut = Math.Max(gOut, Math.Abs(fo));
                var go = _g.AsSpan((row + output) * k, k);
                for (int p = 0; p < k; p++) _a[t * m + p] = _scale[t] * go[p];
                _a[t * m + k] = -Sign(t);
                _rhs[t] = -fo - _scale[t] * _c[row + output];
            }
            if (!double.IsFinite(gOut) || !double.IsFinite(gNode)) break;
            if (double.IsNaN(gStart)) gStart = gOut;
            if (it > 0 && gOut <= 1e-6 * Math.Abs(e) && gNode <= 1e-24) return true;
            if (it >= 8 && gOut > 1e6 * gStart) break; // diverging
            if (!_svd.Solve(_a, _rhs, _step, m)) break;
            // Update the constants, E and every node value (the lifted step: not a fresh forward evaluation).
            for (int p = 0; p < k; p++) AddTo(ref _thetaHi[p], ref _thetaLo[p], _step[p]);
            e += _step[k];
            for (int t = 0; t < m; t++)
            {
                int row = t * n;
                foreach (int i in live)
                {
                    var op = code[i].Op;
                    if (op is OpCode.Const or OpCode.Input) continue;
                    double d = _c[row + i];
                    var gi = _g.AsSpan((row + i) * k, k);
                    for (int p = 0; p < k; p++) d += gi[p] * _step[p];
                    AddTo(ref _wHi[row + i], ref _wLo[row + i], d);
                }
            }
        }
        startHi.CopyTo(_thetaHi); startLo.CopyTo(_thetaLo);
        return false;
    }

    /// <summary>Reference point t is sample i: its x, error scale and label.</summary>
    private void LoadPoint(FitData samples, int t, int i)
    {
        _ref[t] = i;
        _x[t] = samples.X[i]; _scale[t] = samples.ErrorScale[i]; _fHi[t] = samples.LabelHi[i]; _fLo[t] = samples.LabelLo[i];
    }

    /// <summary>Node values at reference point t by a double-double forward pass; false if a live one is not finite.</summary>
    private bool InitializeNodes(FitWorkspace ws, int t, int n)
    {
        int k = ws.K, row = t * n;
        var hi = _wHi.AsSpan(row, n);
        var lo = _wLo.AsSpan(row, n);
        ws.EvaluateExtended(_thetaHi.AsSpan(0, k), _thetaLo.AsSpan(0, k), _x[t], hi, lo);
        foreach (int i in ws.LiveNodes)
            if (!double.IsFinite(hi[i]) || !double.IsFinite(lo[i])) return false;
        return true;
    }

    /// <summary>The double-double value of an operand at reference point t: a constant, x, or a node unknown.</summary>
    private DoubleDouble Value(FitWorkspace ws, int node, int t, int n)
    {
        var op = ws.Code[node].Op;
        if (op == OpCode.Const) { int p = ws.ParameterOf(node); return new DoubleDouble(_thetaHi[p], _thetaLo[p]); }
        if (op == OpCode.Input) return new DoubleDouble(_x[t], 0);
        return new DoubleDouble(_wHi[t * n + node], _wLo[t * n + node]);
    }

    /// <summary>Adds d * (the operand's elimination c + G . dtheta) into (c, g).</summary>
    private void Accumulate(FitWorkspace ws, int node, double d, int row, int k, ref double c, Span<double> g)
    {
        var op = ws.Code[node].Op;
        if (op == OpCode.Input) return;
        if (op == OpCode.Const) { g[ws.ParameterOf(node)] -= d; return; }
        c -= d * _c[row + node];
        var gn = _g.AsSpan((row + node) * k, k);
        for (int p = 0; p < k; p++) g[p] -= d * gn[p];
    }

    /// <summary>(hi, lo) += d, renormalized (|lo| at most half an ulp of hi, so hi is the nearest double).</summary>
    private static void AddTo(ref double hi, ref double lo, double d)
    {
        var sum = DoubleDouble.Add(hi, lo, d);
        hi = sum.Hi; lo = sum.Lo;
    }
}
