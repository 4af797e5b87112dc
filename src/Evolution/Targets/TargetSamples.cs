using AutoNumerics.Evolution.Numerics;

namespace AutoNumerics.Evolution.Targets;

/// <summary>How sample points are placed in [A, B].</summary>
public enum SampleSpacing
{
    /// <summary>
    /// Chebyshev extrema (second kind), x_k = m - h cos(pi k/(N-1)), k = 0..N-1, which include both endpoints. They
    /// cluster near the ends where the error of near-minimax approximations oscillates fastest, so a worst-case
    /// error measured on them is close to the true maximum with few points.
    /// </summary>
    Chebyshev,
    /// <summary>Equally spaced, both endpoints included.</summary>
    Uniform,
}

/// <summary>
/// Sample points of a target with their labels f(x) from the MPFR oracle (192 bits, stored as double-double, so a
/// label is accurate to about 1e-32 relative), in structure-of-arrays form for vectorized evaluators. Points are
/// sorted ascending and distinct; the first is exactly A and the last exactly B.
/// </summary>
public sealed class TargetSamples
{
    private readonly double[] _x, _hi, _lo, _inv;

    public TargetFunction Target { get; }
    public SampleSpacing Spacing { get; }
    public int Count => _x.Length;

    /// <summary>Sample points.</summary>
    public ReadOnlySpan<double> X => _x;
    /// <summary>High parts of f(x).</summary>
    public ReadOnlySpan<double> LabelHi => _hi;
    /// <summary>Low parts of f(x).</summary>
    public ReadOnlySpan<double> LabelLo => _lo;
    /// <summary>
    /// Error scale per point: 1/f(x) (rounded to double) for relative error, 1 for absolute, so that
    /// error_i = (y_i - f(x_i)) * ErrorScale_i. Rounding the scale changes an error by at most 2^-53 of itself.
    /// </summary>
    public ReadOnlySpan<double> ErrorScale => _inv;

    public DoubleDouble Label(int i) => new(_hi[i], _lo[i]);

    public TargetSamples(TargetFunction target, int count, SampleSpacing spacing = SampleSpacing.Chebyshev)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (count < 2) throw new ArgumentException($"Sample count must be at least 2 (got {count}).");
        Target = target; Spacing = spacing;
        _x = Points(target.A, target.B, count, spacing);
        int n = _x.Length;
        _hi = new double[n]; _lo = new double[n]; _inv = new double[n];
        // MPFR state is thread-local and TargetFunction.Reference keeps per-thread scratch values, so chunks can
        // run in parallel; each label is independent of the chunking, so results are deterministic.
        Parallel.For(0, (n + 255) / 256, chunk =>
        {
            int end = Math.Min(n, (chunk + 1) * 256);
            for (int i = chunk * 256; i < end; i++)
            {
                var y = target.Reference(_x[i]);
                _hi[i] = y.Hi; _lo[i] = y.Lo;
                _inv[i] = target.ErrorKind == ErrorKind.Relative ? 1.0 / y.Hi : 1.0;
            }
        });
    }

    /// <summary>The points of <paramref name="spacing"/> on [a, b], ascending, endpoints exact, duplicates removed.</summary>
    public static double[] Points(double a, double b, int count, SampleSpacing spacing)
    {
        var x = new double[count];
        double m = a + 0.5 * (b - a), h = 0.5 * (b - a);
        for (int k = 0; k < count; k++)
        {
            x[k] = spacing == SampleSpacing.Chebyshev
                ? m - h * Math.Cos(Math.PI * k / (count - 1))
                : a + (b - a) * k / (count - 1);
            x[k] = Math.Clamp(x[k], a, b);
        }
        x[0] = a; x[count - 1] = b;
        // On a tiny interval neighbouring points can round to the same double: keep each once.
        int w = 1;
        for (int k = 1; k < count; k++) if (x[k] > x[w - 1]) x[w++] = x[k];
        return w == count ? x : x[..w];
    }
}
