using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Output;

/// <summary>ULP error against x as a PNG (ScottPlot). The x axis is bit order, so every binade gets equal room and
/// the whole float32 line fits in one picture; ticks are labelled with the x values.</summary>
public static class ErrorPlot
{
    public static void Save(VerificationReport r, string path)
    {
        var curve = r.Curve;
        var xs = new List<double>(curve.Buckets);
        var ys = new List<double>(curve.Buckets);
        for (int b = 0; b < curve.Buckets; b++)
        {
            if (!double.IsFinite(curve.MaxUlp[b])) continue; // NaN/Inf errors are reported in the table, not drawn
            xs.Add(b); ys.Add(curve.MaxUlp[b]);
        }
        // Errors of millions of ULPs next to fractions of one: switch to a log scale when the range calls for it.
        bool logarithmic = ys.Count > 0 && ys.Max() > 16;
        var plotted = logarithmic ? ys.Select(u => Math.Log10(Math.Max(u, 1e-3))).ToArray() : ys.ToArray();
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(xs.ToArray(), plotted);
        line.MarkerSize = 2;
        line.LineWidth = 1;
        string max = !double.IsFinite(r.MaxUlp) ? "inf" : r.MaxUlp < 1e6 ? r.MaxUlp.ToString("F4") : r.MaxUlp.ToString("G4");
        plot.Title($"{r.Function.Name()} / {r.Implementation}: max ULP error {max} over {r.Inputs:N0} inputs");
        plot.YLabel(logarithmic ? "max ULP error in bucket (log scale)" : "max ULP error in bucket");
        if (logarithmic)
        {
            var yTicks = new ScottPlot.TickGenerators.NumericManual();
            for (int k = -3; k <= Math.Ceiling(plotted.Max()); k++) yTicks.AddMajor(k, k >= 0 && k <= 4 ? Math.Pow(10, k).ToString("G") : $"1e{k}");
            plot.Axes.Left.TickGenerator = yTicks;
        }
        plot.XLabel("x (bit order)");
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        const int tickCount = 8;
        for (int t = 0; t <= tickCount; t++)
        {
            int b = Math.Min(curve.Buckets - 1, t * curve.Buckets / tickCount);
            if (b < 0) break;
            ticks.AddMajor(b, FloatBits.RoundTrip(curve.BucketStart(b)) is var s && s.Length > 9 ? curve.BucketStart(b).ToString("G3") : s);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        if (logarithmic) plot.Axes.SetLimitsY(-3.2, plotted.Max() + 0.5);
        else plot.Axes.SetLimitsY(0, Math.Max(1, ys.Count > 0 ? ys.Max() * 1.1 : 1));
        string temporary = path + ".tmp";
        plot.SavePng(temporary, 1400, 600);
        File.Move(temporary, path, overwrite: true); // never leave a half-written picture under the real name
    }
}
