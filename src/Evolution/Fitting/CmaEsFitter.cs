using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// (mu/mu_w, lambda)-CMA-ES with full covariance (Hansen's tutorial defaults) minimizing the max error directly:
/// the AutoNumerics-Zero choice, kept as the comparison baseline. Derivative-free, so it also copes with
/// non-smooth objectives, but it needs hundreds to thousands of evaluations where the gradient methods need tens.
/// Search space: theta = theta0 + sigma * scale (.) y with scale_p = max(|theta0_p|, 1e-3), so constants of very
/// different magnitudes start with the same relative step. Deterministic for a given <see cref="Seed"/>.
/// </summary>
public sealed class CmaEsFitter(ulong seed = 1) : IConstantFitter
{
    private readonly FitWorkspace _ws = new();
    public ulong Seed { get; } = seed;
    /// <summary>Initial step, relative to each constant's magnitude.</summary>
    public double InitialSigma { get; init; } = 0.1;
    public string Name => "CMA-ES";

    public FitResult Fit(Program program, FitData samples, FitBudget? budget = null)
    {
        budget ??= FitBudget.Default;
        var theta0 = _ws.Bind(program, samples, budget.Precision);
        if (_ws.K == 0) return FitCore.Unchanged(_ws, program);
        var trace = budget.RecordTrace ? new List<double>() : null;
        var st = new FitCore.State(_ws, theta0);
        if (!double.IsFinite(st.MaxError)) return FitCore.Result(st, program, trace);
        var rng = new Xoshiro256(Seed);
        int n = _ws.K;
        int lambda = 4 + (int)(3 * Math.Log(n));
        int mu = lambda / 2;
        var w = new double[mu];
        double wsum = 0;
        for (int i = 0; i < mu; i++) { w[i] = Math.Log(mu + 0.5) - Math.Log(i + 1); wsum += w[i]; }
        double w2 = 0;
        for (int i = 0; i < mu; i++) { w[i] /= wsum; w2 += w[i] * w[i]; }
        double mueff = 1 / w2;
        double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        double cs = (mueff + 2) / (n + mueff + 5);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmu = Math.Min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double damps = 1 + 2 * Math.Max(0, Math.Sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        double chiN = Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21 * n * n));

        var scale = new double[n];
        for (int p = 0; p < n; p++) scale[p] = Math.Max(Math.Abs(theta0[p]), 1e-3);
        var mean = new double[n];                 // in y coordinates (theta0 + scale * y)
        double sigma = InitialSigma;
        var pc = new double[n]; var ps = new double[n];
        var C = new double[n * n]; var B = new double[n * n]; var Dg = new double[n];
        for (int p = 0; p < n; p++) { C[p * n + p] = 1; B[p * n + p] = 1; Dg[p] = 1; }
        var z = new double[lambda * n]; var y = new double[lambda * n];
        var fit = new double[lambda]; var order = new int[lambda];
        var theta = new double[n]; var oldMean = new double[n]; var tmp = new double[n];
        int eigenEval = 0, gen = 0;

        while (_ws.Evaluations + lambda <= budget.MaxEvaluations && gen < budget.MaxIterations * 50)
        {
            gen++;
            for (int j = 0; j < lambda; j++)
            {
                // y_j = B D z_j ~ N(0, C)
                for (int p = 0; p < n; p++) z[j * n + p] = rng.NextGaussian();
                for (int p = 0; p < n; p++)
                {
                    double s = 0;
                    for (int q = 0; q < n; q++) s += B[p * n + q] * Dg[q] * z[j * n + q];
                    y[j * n + p] = s;
                }
                for (int p = 0; p < n; p++) theta[p] = theta0[p] + scale[p] * (mean[p] + sigma * y[j * n + p]);
                double e = _ws.MaxError(theta, st.RTrial);
                fit[j] = double.IsNaN(e) ? double.PositiveInfinity : e;
                order[j] = j;
                if (fit[j] < st.MaxError && Finite(theta))
                {
                    theta.CopyTo(st.Theta, 0); st.MaxError = fit[j]; st.Iterations++;
                    trace?.Add(fit[j]);
                }
            }
            Array.Sort(fit, order);
            if (st.MaxError <= budget.TargetError) break;
            mean.CopyTo(oldMean, 0);
            for (int p = 0; p < n; p++)
            {
                double s = 0;
                for (int i = 0; i < mu; i++) s += w[i] * y[order[i] * n + p];
                mean[p] = oldMean[p] + sigma * s;
            }
            // C^(-1/2) (mean - oldMean) / sigma = B D^-1 B^T ymean
            for (int q = 0; q < n; q++)
            {
                double s = 0;
                for (int p = 0; p < n; p++) s += B[p * n + q] * (mean[p] - oldMean[p]);
                tmp[q] = s / (Dg[q] * sigma);
            }
            double psNorm = 0;
            for (int p = 0; p < n; p++)
            {
                double s = 0;
                for (int q = 0; q < n; q++) s += B[p * n + q] * tmp[q];
                ps[p] = (1 - cs) * ps[p] + Math.Sqrt(cs * (2 - cs) * mueff) * s;
                psNorm += ps[p] * ps[p];
            }
            psNorm = Math.Sqrt(psNorm);
            bool hsig = psNorm / Math.Sqrt(1 - Math.Pow(1 - cs, 2.0 * gen)) / chiN < 1.4 + 2.0 / (n + 1);
            for (int p = 0; p < n; p++)
                pc[p] = (1 - cc) * pc[p] + (hsig ? Math.Sqrt(cc * (2 - cc) * mueff) * (mean[p] - oldMean[p]) / sigma : 0);
            for (int p = 0; p < n; p++)
            for (int q = 0; q <= p; q++)
            {
                double rankMu = 0;
                for (int i = 0; i < mu; i++) rankMu += w[i] * y[order[i] * n + p] * y[order[i] * n + q];
                double c = (1 - c1 - cmu) * C[p * n + q]
                           + c1 * (pc[p] * pc[q] + (hsig ? 0 : cc * (2 - cc) * C[p * n + q]))
                           + cmu * rankMu;
                C[p * n + q] = C[q * n + p] = c;
            }
            sigma *= Math.Exp(cs / damps * (psNorm / chiN - 1));
            if (_ws.Evaluations - eigenEval > lambda / (c1 + cmu) / n / 10)
            {
                eigenEval = _ws.Evaluations;
                SmallLinearAlgebra.SymmetricEigen(C, B, Dg, n);
                for (int p = 0; p < n; p++) Dg[p] = Math.Sqrt(Math.Max(Dg[p], 1e-300));
            }
            // Converged to the resolution of double (or degenerate): further generations cannot move theta.
            double maxD = 0;
            for (int p = 0; p < n; p++) maxD = Math.Max(maxD, Dg[p]);
            if (!(sigma * maxD > 1e-15) || !double.IsFinite(sigma)) break;
        }
        // Report the error in the precision the issue requires (double-double when double rounding would show).
        if (_ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) st.Refresh();
        return FitCore.Result(st, program, trace);
    }

    private static bool Finite(ReadOnlySpan<double> v)
    {
        foreach (double d in v) if (!double.IsFinite(d)) return false;
        return true;
    }
}
