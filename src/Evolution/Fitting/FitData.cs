using System.Runtime.CompilerServices;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// What a fit needs from the samples: points (ascending), labels as double-double and the error scale per point
/// (1/f for relative error, 1 for absolute). Usually a view of <see cref="TargetSamples"/>; can also be built from
/// plain arrays (tests, synthetic targets). Immutable; arrays are copied.
/// </summary>
public sealed class FitData
{
    private static readonly ConditionalWeakTable<TargetSamples, FitData> Cache = new();
    private readonly double[] _x, _hi, _lo, _scale;

    public FitData(ReadOnlySpan<double> x, ReadOnlySpan<double> labelHi, ReadOnlySpan<double> labelLo, ReadOnlySpan<double> errorScale)
    {
        int n = x.Length;
        if (n == 0 || labelHi.Length != n || labelLo.Length != n || errorScale.Length != n)
            throw new ArgumentException("x, labels and error scales must be non-empty and of equal length");
        for (int i = 1; i < n; i++)
            if (!(x[i] > x[i - 1])) throw new ArgumentException("sample points must be strictly ascending (the minimax stage walks sign runs in x order)");
        _x = x.ToArray(); _hi = labelHi.ToArray(); _lo = labelLo.ToArray(); _scale = errorScale.ToArray();
    }

    /// <summary>Exact double labels y with absolute (scale 1) or relative (scale 1/y) error.</summary>
    public static FitData FromValues(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ErrorKind kind = ErrorKind.Absolute)
    {
        var scale = new double[y.Length];
        for (int i = 0; i < y.Length; i++) scale[i] = kind == ErrorKind.Relative ? 1.0 / y[i] : 1.0;
        return new FitData(x, y, new double[y.Length], scale);
    }

    /// <summary>The view of a target's samples (one per samples object, cached, so fitters reuse their binding).</summary>
    public static FitData From(TargetSamples samples) =>
        Cache.GetValue(samples, s => new FitData(s.X, s.LabelHi, s.LabelLo, s.ErrorScale));

    public int Count => _x.Length;
    public ReadOnlySpan<double> X => _x;
    public ReadOnlySpan<double> LabelHi => _hi;
    public ReadOnlySpan<double> LabelLo => _lo;
    public ReadOnlySpan<double> ErrorScale => _scale;
}
