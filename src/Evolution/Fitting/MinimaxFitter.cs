using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using static AutoNumerics.Evolution.Fitting.SmallLinearAlgebra;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>How <see cref="MinimaxFitter"/> moves from the least-squares fit to the minimax one.</summary>
public enum MinimaxRefinement
{
    /// <summary>LM only.</summary>
    None,
    /// <summary>Lawson's iteratively reweighted least squares (w_i &lt;- w_i |r_i|): robust, linear convergence.</summary>
    Lawson,
    /// <summary>
    /// Linearized Remez exchange: levelled Gauss-Newton steps on K+1 alternating extrema, quadratic near the
    /// optimum; falls back to Lawson steps when no alternation or no descent is found.
    /// </summary>
    Remez,
    /// <summary>
    /// <see cref="Fitting.LiftedRemez"/> after LM: the levelled equations solved to convergence by lifted Newton in
    /// double-double, then the exchange. Reaches the minimax of sloppy structures (continued fractions with far
    /// poles) where <see cref="Remez"/> stalls 10-300x above it; falls back to <see cref="Remez"/> when the lifted
    /// Newton cannot converge.
    /// </summary>
    LiftedRemez,
}

/// <summary>
/// LM to the least-squares optimum, then minimax refinement of the worst-case error (the quantity reported).
/// The recommended fitter for the search: see the comparison in the tests (FitterComparison).
/// </summary>
public sealed class MinimaxFitter(MinimaxRefinement refinement = MinimaxRefinement.Remez) : IConstantFitter
{
    private readonly FitWorkspace _ws = new();
    private readonly LiftedRemez _lifted = new();
    public MinimaxRefinement Refinement { get; } = refinement;
    /// <summary>Stop refining when (max |e| - min |e| over the reference)/max |e| is below this: then the max error
    /// is within this fraction of the (sampled) minimax, by de la Vallée Poussin's bound.</summary>
    public double Tolerance { get; init; } = 1e-3;
    /// <summary>Lawson iterations (the whole refinement for <see cref="MinimaxRefinement.Lawson"/>).</summary>
    public int LawsonIterations { get; init; } = 40;

    public string Name => Refinement switch
    {
        MinimaxRefinement.None => "LM",
        MinimaxRefinement.Lawson => "LM+Lawson",
        MinimaxRefinement.LiftedRemez => "LM+LiftedRemez",
        _ => "LM+Remez",
    };

    public FitResult Fit(Program program, FitData samples, FitBudget? budget = null)
    {
        budget ??= FitBudget.Default;
        var theta = _ws.Bind(program, samples, budget.Precision);
        if (_ws.K == 0) return FitCore.Unchanged(_ws, program);
        var trace = budget.RecordTrace ? new List<double>() : null;
        var st = new FitCore.State(_ws, theta);
        FitCore.LevenbergMarquardt(st, budget, trace);
        if (!double.IsFinite(st.MaxError)) return FitCore.Result(st, program, trace);
        trace?.Add(st.MaxError);
        switch (Refinement)
        {
            case MinimaxRefinement.Lawson:
                MinimaxCore.Lawson(st, budget, Math.Min(LawsonIterations, budget.MaxIterations), trace);
                break;
            case MinimaxRefinement.Remez:
                MinimaxCore.Remez(st, budget, Tolerance, trace);
                break;
            case MinimaxRefinement.LiftedRemez:
                int before = st.Iterations;
                _lifted.Refine(st, budget, Tolerance, trace);
                if (st.Iterations == before) MinimaxCore.Remez(st, budget, Tolerance, trace);
                break;
        }
        return FitCore.Result(st, program, trace);
    }
}

internal static class MinimaxCore
{
    /// <summary>
    /// Lawson's algorithm on the linearization: each iteration takes the Gauss-Newton step of the weighted least
    /// squares problem, then multiplies each weight by the new |r_i| (normalized), which drives the weight onto the
    /// extrema. Keeps the best point by max error (Lawson's max error is not monotone).
    /// </summary>
    public static void Lawson(FitCore.State st, FitBudget budget, int iterations, List<double>? trace)
    {
        var ws = st.Ws;
        int n = ws.N, k = ws.K;
        var w = new double[n];
        var cur = (double[])st.Theta.Clone();
        var r = (double[])st.R.Clone();
        double curMax = st.MaxError;
        SetWeights(w, r, null);
        for (int it = 0; it < iterations && ws.Evaluations < budget.MaxEvaluations; it++)
        {
            if (st.MaxError <= budget.TargetError) return;
            ws.Jacobian(cur, ws.Samples.X, ws.Samples.ErrorScale, st.Jac);
            Normal(st.Jac, r, w, k, n, st.A, st.G);
            double dmax = 0;
            for (int p = 0; p < k; p++) { st.D[p] = st.A[p * k + p]; dmax = Math.Max(dmax, st.D[p]); }
            for (int p = 0; p < k; p++) { st.D[p] = Math.Max(st.D[p], 1e-30 * dmax + double.Epsilon); st.G[p] = -st.G[p]; }
            // A whisker of damping keeps rank-deficient structures (redundant constants) solvable.
            if (!CholeskySolve(st.A, st.D, 1e-12, st.G, st.Step, k)) return;
            double alpha = 1;
            double m = double.PositiveInfinity;
            for (int h = 0; h < 6; h++, alpha *= 0.5)
            {
                for (int p = 0; p < k; p++) st.Trial[p] = cur[p] + alpha * st.Step[p];
                m = ws.Residuals(st.Trial, st.RTrial);
                if (m < 2 * curMax) break; // nonlinear structures: shorten steps that blow up
            }
            if (!double.IsFinite(m)) return;
            st.Trial.CopyTo(cur, 0);
            st.RTrial.CopyTo(r, 0);
            curMax = m;
            if (m < st.MaxError)
            {
                cur.CopyTo(st.Theta, 0); r.CopyTo(st.R, 0); st.MaxError = m; st.Iterations++;
                trace?.Add(m);
                if (ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) { st.Refresh(); st.R.CopyTo(r, 0); curMax = st.MaxError; }
            }
            SetWeights(w, r, w);
        }
    }

    private static void SetWeights(double[] w, double[] r, double[]? previous)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++) { w[i] = (previous is null ? 1.0 : previous[i]) * Math.Abs(r[i]) + 1e-300; sum += w[i]; }
        double inv = 1 / sum;
        for (int i = 0; i < w.Length; i++) w[i] *= inv;
    }

    /// <summary>
    /// Linearized Remez exchange. Each iteration: find K+1 alternating extrema of the residual on the samples (one
    /// per sign run, thinned by dropping the smallest while keeping alternation), take the Jacobian there, solve the
    /// (K+1)x(K+1) levelled system r_t + J_t delta = (-1)^t s E, and accept the step halved until the max error
    /// decreases. For a linear (polynomial) structure this is the discrete Remez algorithm, quadratically convergent;
    /// for nonlinear ones it is a damped Gauss-Newton on the levelled equations. No alternation or no descent: one
    /// Lawson step instead (a failed Remez step never makes the result worse: only improvements are kept).
    /// </summary>
    public static void Remez(FitCore.State st, FitBudget budget, double tolerance, List<double>? trace)
    {
        var ws = st.Ws;
        int k = ws.K, m = k + 1;
        var refIdx = new int[m];
        var xs = new double[m]; var sc = new double[m]; var jac = new double[k * m];
        var a = new double[m * m]; var b = new double[m]; var sol = new double[m];
        int fallbacks = 0;
        for (int it = 0; it < budget.MaxIterations && ws.Evaluations < budget.MaxEvaluations; it++)
        {
            if (st.MaxError <= budget.TargetError) return;
            bool stepped = false;
            if (Alternation(st.R, refIdx, out double minRef))
            {
                if ((st.MaxError - minRef) <= tolerance * st.MaxError)
                {
                    // Converged at this precision; a final check whether double rounding now matters.
                    if (ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) { st.Refresh(); continue; }
                    return;
                }
                var X = ws.Samples.X; var S = ws.Samples.ErrorScale;
                for (int t = 0; t < m; t++) { xs[t] = X[refIdx[t]]; sc[t] = S[refIdx[t]]; }
                ws.Jacobian(st.Theta, xs, sc, jac);
                double sign = Math.Sign(st.R[refIdx[0]]);
                for (int t = 0; t < m; t++)
                {
                    for (int p = 0; p < k; p++) a[t * m + p] = jac[p * m + t];
                    a[t * m + k] = -(t % 2 == 0 ? sign : -sign);
                    b[t] = -st.R[refIdx[t]];
                }
                if (Solve(a, b, sol, m))
                {
                    double alpha = 1;
                    for (int h = 0; h < 8; h++, alpha *= 0.5)
                    {
                        for (int p = 0; p < k; p++) st.Trial[p] = st.Theta[p] + alpha * sol[p];
                        double e = ws.Residuals(st.Trial, st.RTrial);
                        if (e < st.MaxError)
                        {
                            st.Trial.CopyTo(st.Theta, 0); st.RTrial.CopyTo(st.R, 0);
                            st.MaxError = e; st.Iterations++; stepped = true;
                            trace?.Add(e);
                            break;
                        }
                    }
                }
            }
            if (!stepped)
            {
                // No alternation, singular system (redundant constants) or no descent along the Remez step.
                if (++fallbacks > 2) return;
                double before = st.MaxError;
                Lawson(st, budget, 8, trace);
                if (!(st.MaxError < before)) return;
            }
            if (ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) st.Refresh();
        }
    }

    /// <summary>
    /// Picks m = refIdx.Length alternating extrema of r: the extremum of each sign run, then thinning (drop the
    /// smallest |r|: at an end alone, inside together with its smaller neighbour, which keeps the alternation).
    /// False when there are fewer than m sign runs. minRef = min |r| over the chosen points.
    /// </summary>
    internal static bool Alternation(ReadOnlySpan<double> r, Span<int> refIdx, out double minRef)
    {
        int m = refIdx.Length, n = r.Length;
        minRef = 0;
        // A non-finite residual (a pole or 0/0 at a sample) has no sign to alternate with: no exchange step.
        foreach (double v in r) if (!double.IsFinite(v)) return false;
        Span<int> ext = n <= 2048 ? stackalloc int[n] : new int[n];
        int count = 0, start = 0;
        while (start < n)
        {
            int sign = Math.Sign(r[start]);
            int end = start, best = start;
            while (end + 1 < n && (Math.Sign(r[end + 1]) == sign || r[end + 1] == 0 || sign == 0))
            {
                end++;
                if (sign == 0) sign = Math.Sign(r[end]);
                if (Math.Abs(r[end]) > Math.Abs(r[best])) best = end;
            }
            ext[count++] = best;
            start = end + 1;
        }
        if (count < m) return false;
        var list = new List<int>(count);
        for (int i = 0; i < count; i++) list.Add(ext[i]);
        while (list.Count > m)
        {
            int kMin = 0;
            for (int i = 1; i < list.Count; i++) if (Math.Abs(r[list[i]]) < Math.Abs(r[list[kMin]])) kMin = i;
            if (kMin == 0 || kMin == list.Count - 1 || list.Count == m + 1)
            {
                int end = kMin == 0 || kMin == list.Count - 1 ? kMin
                    : Math.Abs(r[list[0]]) <= Math.Abs(r[list[^1]]) ? 0 : list.Count - 1;
                list.RemoveAt(end);
            }
            else
            {
                int nb = Math.Abs(r[list[kMin - 1]]) < Math.Abs(r[list[kMin + 1]]) ? kMin - 1 : kMin + 1;
                list.RemoveRange(Math.Min(kMin, nb), 2);
            }
        }
        minRef = double.PositiveInfinity;
        for (int t = 0; t < m; t++) { refIdx[t] = list[t]; minRef = Math.Min(minRef, Math.Abs(r[list[t]])); }
        return true;
    }
}
