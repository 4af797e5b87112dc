using AutoNumerics.Evolution.Numerics;

namespace AutoNumerics.Evolution.Targets;

/// <summary>The re-measured worst-case error of an approximation.</summary>
/// <param name="MaxError">max |error| found (relative or absolute, per the target).</param>
/// <param name="WorstX">where it occurs.</param>
/// <param name="SignedError">the error at WorstX with its sign.</param>
/// <param name="GridPoints">points of the dense grid.</param>
/// <param name="RefinedPeaks">grid peaks that were locally maximized.</param>
public sealed record VerificationResult(double MaxError, double WorstX, double SignedError, int GridPoints, int RefinedPeaks);

/// <summary>
/// Dense verification, the way every reported figure is measured: the error on a uniform grid of at least
/// 100,000 points (both endpoints included) against MPFR labels, then a golden-section maximization of |error|
/// between the neighbours of each of the largest grid peaks, with a fresh MPFR reference at every probed point.
/// The evaluator's output is taken as double-double, so an approximation's own value, not the rounding of a double
/// evaluation, is measured when the evaluator computes in double-double; a Func&lt;double, double&gt; is measured as is.
/// <para>
/// The grid labels are computed once per verifier (about 0.1-0.2 s for 100,001 points on one core), so build one per
/// target and reuse it. Verify is thread-safe. A non-finite output makes the error +infinity.
/// </para>
/// </summary>
public sealed class DenseVerifier
{
    /// <summary>Evaluates an approximation at every x, writing the double-double results (lo may be left 0).</summary>
    public delegate void BatchEvaluator(ReadOnlySpan<double> x, Span<double> hi, Span<double> lo);

    public const int DefaultGridPoints = 100_001;

    private readonly double[] _x, _hi, _lo;

    public TargetFunction Target { get; }
    public int GridPoints => _x.Length;

    public DenseVerifier(TargetFunction target, int gridPoints = DefaultGridPoints)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (gridPoints < 3) throw new ArgumentException($"Grid needs at least 3 points (got {gridPoints}).");
        Target = target;
        var s = new TargetSamples(target, gridPoints, SampleSpacing.Uniform);
        _x = s.X.ToArray(); _hi = s.LabelHi.ToArray(); _lo = s.LabelLo.ToArray();
    }

    /// <summary>One-shot verification (builds the grid each time; prefer an instance for repeated use).</summary>
    public static VerificationResult Verify(TargetFunction target, Func<double, DoubleDouble> f, int gridPoints = DefaultGridPoints)
        => new DenseVerifier(target, gridPoints).Verify(f);

    public VerificationResult Verify(Func<double, double> f, int peaksToRefine = 24) => Verify(x => (DoubleDouble)f(x), peaksToRefine);

    /// <summary>The dense grid (uniform, ascending, both endpoints).</summary>
    public ReadOnlySpan<double> GridX => _x;

    public VerificationResult Verify(Func<double, DoubleDouble> f, int peaksToRefine = 24)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Verify((xs, hi, lo) =>
        {
            for (int i = 0; i < xs.Length; i++) { var y = f(xs[i]); hi[i] = y.Hi; lo[i] = y.Lo; }
        }, f, peaksToRefine);
    }

    /// <summary>
    /// Verification with a batch evaluator for the grid (a tape evaluator over all points at once) and a
    /// pointwise one, computing the same function, for the local maximization.
    /// </summary>
    public VerificationResult Verify(BatchEvaluator batch, Func<double, DoubleDouble> f, int peaksToRefine = 24)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(f);
        int n = _x.Length;
        var yh = new double[n];
        var yl = new double[n];
        batch(_x, yh, yl);
        var err = new double[n];
        for (int i = 0; i < n; i++) err[i] = ErrorOf(new DoubleDouble(yh[i], yl[i]), new DoubleDouble(_hi[i], _lo[i]));

        double best = -1, bestX = _x[0], bestSigned = 0;
        for (int i = 0; i < n; i++)
        {
            double a = Math.Abs(err[i]);
            if (double.IsNaN(a)) a = double.PositiveInfinity;
            if (a > best) { best = a; bestX = _x[i]; bestSigned = err[i]; }
        }
        if (double.IsPositiveInfinity(best)) return new(best, bestX, bestSigned, n, 0);

        // Local maxima of |err| on the grid (plateaus count once), largest first.
        var peaks = new List<int>();
        for (int i = 0; i < n; i++)
        {
            double a = Math.Abs(err[i]);
            double l = i > 0 ? Math.Abs(err[i - 1]) : -1, r = i < n - 1 ? Math.Abs(err[i + 1]) : -1;
            if (a >= l && a > r) peaks.Add(i);
        }
        peaks.Sort((p, q) => Math.Abs(err[q]).CompareTo(Math.Abs(err[p])));
        int refined = Math.Min(peaksToRefine, peaks.Count);
        for (int k = 0; k < refined; k++)
        {
            int i = peaks[k];
            double lo = _x[Math.Max(0, i - 1)], hi = _x[Math.Min(n - 1, i + 1)];
            var (x, e) = MaximizeAbs(x => Target.Error(x, f(x)), lo, hi, _x[i], err[i]);
            if (Math.Abs(e) > best) { best = Math.Abs(e); bestX = x; bestSigned = e; }
        }
        return new(best, bestX, bestSigned, n, refined);
    }

    private double ErrorOf(DoubleDouble y, DoubleDouble reference)
        => y.IsFinite ? Target.Error(y, reference) : double.PositiveInfinity;

    /// <summary>
    /// Golden-section search for the maximum of |e| on [lo, hi], seeded with a known point; stops when the bracket
    /// has collapsed to adjacent doubles. Returns the best point probed (never worse than the seed).
    /// Golden section assumes one peak in the bracket; between two grid neighbours of a grid peak that holds
    /// for any error curve the grid resolves.
    /// </summary>
    public static (double X, double Error) MaximizeAbs(Func<double, double> e, double lo, double hi, double seedX, double seedError)
    {
        const double g = 0.38196601125010515; // (3 - sqrt 5)/2
        double bestX = seedX, bestE = seedError;
        double a = lo, b = hi;
        double c = a + g * (b - a), d = b - g * (b - a);
        double fc = Probe(c), fd = Probe(d);
        // Each step keeps 0.618 of the bracket; 100 steps take any grid cell down to adjacent doubles.
        for (int it = 0; it < 100 && c < d; it++)
        {
            if (fc >= fd) { b = d; d = c; fd = fc; c = a + g * (b - a); fc = Probe(c); }
            else { a = c; c = d; fc = fd; d = b - g * (b - a); fd = Probe(d); }
        }
        return (bestX, bestE);

        double Probe(double x)
        {
            double v = e(x);
            double m = double.IsNaN(v) ? double.PositiveInfinity : Math.Abs(v);
            if (m > Math.Abs(bestE) || double.IsNaN(bestE)) { bestX = x; bestE = double.IsNaN(v) ? double.PositiveInfinity : v; }
            return m;
        }
    }
}
