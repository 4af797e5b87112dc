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
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.MarkerSize = 2;
        line.LineWidth = 1;
        plot.Title($"{r.Function.Name()} / {r.Implementation}: max ULP error {(double.IsFinite(r.MaxUlp) ? r.MaxUlp.ToString("F4") : "inf")} over {r.Inputs:N0} inputs");
        plot.YLabel("max ULP error in bucket");
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
        plot.Axes.SetLimitsY(0, Math.Max(1, ys.Count > 0 ? ys.Max() * 1.1 : 1));
        string temporary = path + ".tmp";
        plot.SavePng(temporary, 1400, 600);
        File.Move(temporary, path, overwrite: true); // never leave a half-written picture under the real name
    }
}
