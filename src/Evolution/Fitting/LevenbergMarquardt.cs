using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using static AutoNumerics.Evolution.Fitting.SmallLinearAlgebra;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// Levenberg-Marquardt on the scaled residuals (least squares of the relative or absolute error), with the exact
/// Jacobian from forward-mode dual numbers, Marquardt's diagonal scaling (so constants of very different magnitude,
/// like Horner coefficients 1 and 1/720, are treated alike) and Nielsen's damping update.
/// Least squares is not the reported quantity, so on its own this is the cheap baseline; <see cref="MinimaxFitter"/>
/// refines its result towards the minimax.
/// </summary>
public sealed class LevenbergMarquardtFitter : IConstantFitter
{
    private readonly FitWorkspace _ws = new();
    public string Name => "LM";

    public FitResult Fit(Program program, FitData samples, FitBudget? budget = null)
    {
        budget ??= FitBudget.Default;
        var theta = _ws.Bind(program, samples, budget.Precision);
        if (_ws.K == 0) return FitCore.Unchanged(_ws, program);
        var trace = budget.RecordTrace ? new List<double>() : null;
        var st = new FitCore.State(_ws, theta);
        FitCore.LevenbergMarquardt(st, budget, trace);
        return FitCore.Result(st, program, trace);
    }
}

/// <summary>The fitting stages over a <see cref="FitWorkspace"/>, shared by the fitters.</summary>
internal static class FitCore
{
    /// <summary>Current best point of a fit and its scratch buffers.</summary>
    internal sealed class State
    {
        public readonly FitWorkspace Ws;
        public readonly double[] Theta, Trial, R, RTrial, Jac, A, G, D, Step;
        public double MaxError;
        public int Iterations;
        public readonly double MaxError0;

        public State(FitWorkspace ws, double[] theta)
        {
            Ws = ws;
            int n = ws.N, k = ws.K;
            Theta = theta;
            Trial = new double[k]; Step = new double[k];
            R = new double[n]; RTrial = new double[n];
            Jac = new double[k * n];
            A = new double[k * k]; G = new double[k]; D = new double[k];
            MaxError = MaxError0 = ws.Residuals(theta, R);
            // A non-finite start (a pole on a sample): the Jacobian is meaningless there, nothing can be fitted from it.
        }

        /// <summary>Recomputes R at Theta (after a precision switch).</summary>
        public void Refresh() => MaxError = Ws.Residuals(Theta, R);
    }

    public static FitResult Unchanged(FitWorkspace ws, Program program)
    {
        var r = new double[ws.N];
        double e = ws.Residuals([], r);
        return new FitResult(program, e, ws.Evaluations, ws.Jacobians, 0, ws.DoubleDouble);
    }

    public static FitResult Result(State st, Program original, List<double>? trace)
    {
        bool improved = st.MaxError < st.MaxError0;
        for (int p = 0; p < st.Theta.Length; p++) if (!double.IsFinite(st.Theta[p])) improved = false;
        var prog = improved ? st.Ws.ProgramWith(st.Theta) : original;
        double err = improved ? st.MaxError : st.MaxError0;
        return new FitResult(prog, err, st.Ws.Evaluations, st.Ws.Jacobians, st.Iterations, st.Ws.DoubleDouble, trace);
    }

    private static bool Finite(ReadOnlySpan<double> v)
    {
        foreach (double d in v) if (!double.IsFinite(d)) return false;
        return true;
    }

    private static double SumSquares(ReadOnlySpan<double> r) => Dot(r, r);

    /// <summary>
    /// LM iterations from st.Theta; keeps st.Theta/st.R/st.MaxError at the least-squares optimum it reaches.
    /// Stops on relative cost decrease below 1e-12 twice in a row (converged), the iteration or evaluation limit,
    /// or the target error.
    /// </summary>
    public static void LevenbergMarquardt(State st, FitBudget budget, List<double>? trace)
    {
        var ws = st.Ws;
        int n = ws.N, k = ws.K;
        if (!double.IsFinite(st.MaxError)) return;
        double cost = SumSquares(st.R);
        trace?.Add(cost);
        double lambda = -1, nu = 2;
        bool needJ = true;
        int stalls = 0;
        for (int it = 0; it < budget.MaxIterations && ws.Evaluations < budget.MaxEvaluations; it++)
        {
            if (st.MaxError <= budget.TargetError) return;
            if (needJ)
            {
                ws.Jacobian(st.Theta, ws.Samples.X, ws.Samples.ErrorScale, st.Jac);
                Normal(st.Jac, st.R, default, k, n, st.A, st.G);
                double dmax = 0;
                for (int p = 0; p < k; p++) dmax = Math.Max(dmax, st.A[p * k + p]);
                // Marquardt scaling; a column that is identically zero (constant with no effect) gets a tiny floor.
                for (int p = 0; p < k; p++) st.D[p] = Math.Max(st.A[p * k + p], 1e-30 * dmax + double.Epsilon);
                // Start nearly Gauss-Newton: most structures are close to linear in their constants (polynomials are
                // linear), and a large damping on an ill-conditioned Vandermonde-like J costs many iterations.
                if (lambda < 0) lambda = 1e-10;
                needJ = false;
            }
            for (int p = 0; p < k; p++) st.G[p] = -st.G[p];
            bool ok = CholeskySolve(st.A, st.D, lambda, st.G, st.Step, k);
            for (int p = 0; p < k; p++) st.G[p] = -st.G[p];
            if (!ok || !Finite(st.Step)) { lambda *= nu; nu *= 2; continue; }
            for (int p = 0; p < k; p++) st.Trial[p] = st.Theta[p] + st.Step[p];
            double maxT = ws.Residuals(st.Trial, st.RTrial);
            double costT = double.IsFinite(maxT) ? SumSquares(st.RTrial) : double.PositiveInfinity;
            // Predicted decrease of the linear model: delta^T (lambda D delta - g).
            double pred = 0;
            for (int p = 0; p < k; p++) pred += st.Step[p] * (lambda * st.D[p] * st.Step[p] - st.G[p]);
            double rho = pred > 0 ? (cost - costT) / pred : -1;
            if (costT < cost && Finite(st.Trial))
            {
                double rel = (cost - costT) / cost;
                st.Trial.CopyTo(st.Theta, 0);
                (st.RTrial.AsSpan()).CopyTo(st.R);
                cost = costT; st.MaxError = maxT; st.Iterations++;
                trace?.Add(cost);
                lambda = Math.Max(1e-16, lambda * Math.Max(0.1, 1 - Math.Pow(2 * rho - 1, 3)));
                nu = 2;
                needJ = true;
                if (ws.MaybeSwitchToDoubleDouble(st.Theta, st.MaxError)) { st.Refresh(); cost = SumSquares(st.R); stalls = 0; continue; }
                // Least squares is only the starting point of the minimax stage: a relative decrease below 1e-9
                // changes nothing that matters, and chasing it costs rejected steps.
                stalls = rel < 1e-9 ? stalls + 1 : 0;
                if (stalls >= 1) return;
            }
            else
            {
                lambda *= nu; nu *= 2;
                // No descent left at double resolution: the step no longer moves any constant.
                bool moves = false;
                for (int p = 0; p < k; p++) moves |= Math.Abs(st.Step[p]) > 1e-15 * Math.Abs(st.Theta[p]);
                if (!moves || lambda > 1e30) return;
            }
        }
    }
}
