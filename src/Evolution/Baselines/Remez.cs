using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Targets;
using AutoNumerics.Oracles.Mpfr;
using static AutoNumerics.Evolution.Numerics.MpLinearAlgebra;

namespace AutoNumerics.Evolution.Baselines;

/// <summary>The minimax polynomial of one degree, as the Remez exchange left it.</summary>
public sealed class MinimaxPolynomial
{
    public required TargetFunction Target { get; init; }
    public required int Degree { get; init; }
    /// <summary>Coefficients in powers of x, ascending, as decimal strings with 40 significant digits.</summary>
    public required IReadOnlyList<string> Coefficients { get; init; }
    /// <summary>The same coefficients rounded to double-double (what the error figures below are computed with).</summary>
    public required IReadOnlyList<DoubleDouble> CoefficientsDD { get; init; }
    /// <summary>The coefficients rounded to binary64: the constants of the emitted program.</summary>
    public required IReadOnlyList<double> CoefficientsDouble { get; init; }
    /// <summary>|E| of the last linear solve: the levelled error at the reference points.</summary>
    public required double LevelledError { get; init; }
    /// <summary>max |error| of the high-precision polynomial over the final (refined) alternation points, which include the global maximum.</summary>
    public required double MaxError { get; init; }
    /// <summary>(max - min)/max of |error| over the final alternation points: 0 at exact equioscillation.</summary>
    public required double Equioscillation { get; init; }
    public required int Iterations { get; init; }
    /// <summary>The n+2 alternation points of the last iteration.</summary>
    public required IReadOnlyList<double> ReferencePoints { get; init; }

    /// <summary>p(x) with the double-double coefficients, in double-double.</summary>
    public DoubleDouble Evaluate(double x)
    {
        DoubleDouble v = CoefficientsDD[Degree];
        for (int k = Degree - 1; k >= 0; k--) v = v * x + CoefficientsDD[k];
        return v;
    }
}

/// <summary>
/// Minimax polynomial approximation by the Remez exchange algorithm, for relative error (weight 1/f) or absolute
/// error, in the monomial basis of x (the basis the emitted Horner programs use).
/// <para>
/// Each iteration solves, in MPFR at 256 bits, the (n+2)x(n+2) system p(x_i) - f(x_i) = (-1)^i E s(x_i) with
/// s = f (relative) or 1 (absolute) on the current reference x_0 &lt; ... &lt; x_{n+1} (initially Chebyshev
/// extrema); then evaluates the error in double-double against MPFR labels on a Chebyshev grid of 1000 + 64(n+2)
/// points, takes the extremum of every sign run, refines each by golden section (fresh MPFR reference at every
/// probe), and exchanges: the n+2 alternating extrema with the largest |error| become the next reference.
/// It stops when max|e| and min|e| over the reference agree within <c>tolerance</c> (relative; default 1e-6,
/// i.e. far inside the 1e-3 asked for), which by de la Vallée Poussin brackets the true minimax error:
/// min|e| &lt;= E* &lt;= max|e|.
/// </para>
/// The double-double evaluation (error ~1e-30) keeps the error curve exact far below the ~1e-20 errors of degree 14
/// on [0,1]; beyond that the monomial system's conditioning, not the arithmetic, would limit it.
/// </summary>
public static class Remez
{
    public const int Precision = 256;
    private const MpfrRounding N = MpfrRounding.Nearest;

    public static MinimaxPolynomial Minimax(TargetFunction target, int degree, double tolerance = 1e-6, int maxIterations = 60)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (degree < 0 || degree > 40) throw new ArgumentException($"Degree must be in [0, 40] (got {degree}).");
        int n = degree, m = n + 2;
        var grid = new TargetSamples(target, 1000 + 64 * m, SampleSpacing.Chebyshev);

        var reference = new double[m];
        double mid = target.Midpoint, half = 0.5 * (target.B - target.A);
        for (int i = 0; i < m; i++) reference[i] = Math.Clamp(mid - half * Math.Cos(Math.PI * i / (m - 1)), target.A, target.B);
        reference[0] = target.A; reference[m - 1] = target.B;

        var coeffs = NewVector(n + 1, Precision);
        var dd = new DoubleDouble[n + 1];
        double levelled = double.NaN, maxErr = double.NaN, spread = double.NaN;
        int iter = 0;
        try
        {
            for (iter = 1; iter <= maxIterations; iter++)
            {
                levelled = SolveReference(target, reference, coeffs);
                for (int k = 0; k <= n; k++) dd[k] = DoubleDouble.FromMpfr(coeffs[k]);

                var (ext, errs) = Extrema(target, grid, dd, m);
                if (ext.Length < m) break; // no full alternation found: keep the last solution
                double mx = 0, mn = double.PositiveInfinity;
                foreach (double e in errs) { mx = Math.Max(mx, Math.Abs(e)); mn = Math.Min(mn, Math.Abs(e)); }
                maxErr = mx; spread = (mx - mn) / mx;
                reference = ext;
                if (spread < tolerance) break;
            }
            return new MinimaxPolynomial
            {
                Target = target,
                Degree = n,
                Coefficients = coeffs.Select(c => c.ToString(40)).ToArray(),
                CoefficientsDD = dd.ToArray(),
                CoefficientsDouble = coeffs.Select(c => c.ToDouble(N)).ToArray(),
                LevelledError = Math.Abs(levelled),
                MaxError = maxErr,
                Equioscillation = spread,
                Iterations = Math.Min(iter, maxIterations),
                ReferencePoints = reference,
            };
        }
        finally { DisposeAll(coeffs); }
    }

    /// <summary>Solves the levelled system on the reference; writes the coefficients and returns E.</summary>
    private static double SolveReference(TargetFunction target, double[] reference, MpfrValue[] coeffs)
    {
        int m = reference.Length, n = m - 2;
        var a = new MpfrValue[m, m];
        var b = NewVector(m, Precision);
        var sol = NewVector(m, Precision);
        using var x = new MpfrValue(Precision);
        try
        {
            for (int i = 0; i < m; i++)
            {
                x.Set(reference[i], N);
                target.Reference(b[i], x);
                a[i, 0] = new MpfrValue(Precision, 1.0);
                for (int j = 1; j <= n; j++) { a[i, j] = new MpfrValue(Precision); a[i, j].Mul(a[i, j - 1], x, N); }
                // Column of E: -(-1)^i s(x_i).
                a[i, m - 1] = new MpfrValue(Precision);
                if (target.ErrorKind == ErrorKind.Relative) a[i, m - 1].Set(b[i], N); else a[i, m - 1].Set(1L, N);
                if (i % 2 == 0) a[i, m - 1].Neg(a[i, m - 1], N);
            }
            if (!Solve(a, b, sol, Precision)) throw new InvalidOperationException("Remez: singular reference system.");
            for (int j = 0; j <= n; j++) coeffs[j].Set(sol[j], N);
            return sol[m - 1].ToDouble(N);
        }
        finally
        {
            foreach (var v in a) v?.Dispose();
            DisposeAll(b); DisposeAll(sol);
        }
    }

    /// <summary>
    /// The alternating extrema of the error curve: one per sign run on the grid, refined locally, then thinned to
    /// m points by dropping the smallest (an end point alone, or an adjacent pair, which keeps the alternation).
    /// </summary>
    private static (double[] X, double[] E) Extrema(TargetFunction target, TargetSamples grid, DoubleDouble[] c, int m)
    {
        int g = grid.Count;
        var xs = grid.X;
        var err = new double[g];
        for (int i = 0; i < g; i++) err[i] = target.Error(Horner(c, xs[i]), grid.Label(i));

        var px = new List<double>();
        var pe = new List<double>();
        int start = 0;
        while (start < g)
        {
            int sign = Math.Sign(err[start]);
            int end = start, best = start;
            while (end + 1 < g && (Math.Sign(err[end + 1]) == sign || err[end + 1] == 0 || sign == 0))
            {
                end++;
                if (sign == 0) sign = Math.Sign(err[end]);
                if (Math.Abs(err[end]) > Math.Abs(err[best])) best = end;
            }
            double lo = xs[Math.Max(0, best - 1)], hi = xs[Math.Min(g - 1, best + 1)];
            var (x, e) = DenseVerifier.MaximizeAbs(x => target.Error(x, Horner(c, x)), lo, hi, xs[best], err[best]);
            px.Add(x); pe.Add(e);
            start = end + 1;
        }

        while (px.Count > m)
        {
            int k = 0;
            for (int i = 1; i < px.Count; i++) if (Math.Abs(pe[i]) < Math.Abs(pe[k])) k = i;
            bool oneExtra = px.Count == m + 1;
            if (k == 0 || k == px.Count - 1 || oneExtra)
            {
                // Removing a single point keeps alternation only at an end; with one extra point drop the smaller end.
                int end = k == 0 || k == px.Count - 1 ? k
                    : Math.Abs(pe[0]) <= Math.Abs(pe[^1]) ? 0 : px.Count - 1;
                px.RemoveAt(end); pe.RemoveAt(end);
            }
            else
            {
                int nb = Math.Abs(pe[k - 1]) < Math.Abs(pe[k + 1]) ? k - 1 : k + 1;
                int first = Math.Min(k, nb);
                px.RemoveRange(first, 2); pe.RemoveRange(first, 2);
            }
        }
        return (px.ToArray(), pe.ToArray());
    }

    private static DoubleDouble Horner(DoubleDouble[] c, double x)
    {
        DoubleDouble v = c[^1];
        for (int k = c.Length - 2; k >= 0; k--) v = v * x + c[k];
        return v;
    }
}
