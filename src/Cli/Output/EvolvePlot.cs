using System.Globalization;

namespace AutoNumerics.Cli.Output;

/// <summary>pareto.png: error against cost on a log scale, our front (a staircase of the best at cost &lt;= c) beside
/// the minimax, Taylor and Padé baselines.</summary>
public static class EvolvePlot
{
    public static void Save(EvolveOutputs o, string path)
    {
        var plot = new ScottPlot.Plot();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        void Series(string label, IEnumerable<(int Cost, double Error)> points, ScottPlot.Color color, bool line)
        {
            var pts = points.Where(p => double.IsFinite(p.Error) && p.Error > 0).OrderBy(p => p.Cost).ToList();
            if (pts.Count == 0) return;
            double[] xs = [.. pts.Select(p => (double)p.Cost)];
            double[] ys = [.. pts.Select(p => Math.Log10(p.Error))];
            lo = Math.Min(lo, ys.Min()); hi = Math.Max(hi, ys.Max());
            var s = plot.Add.Scatter(xs, ys, color);
            s.LegendText = label;
            s.MarkerSize = 7;
            s.LineWidth = line ? 2 : 1;
            if (line) s.ConnectStyle = ScottPlot.ConnectStyle.StepHorizontal;
        }
        Series("ours (dense re-measure)", o.Front.Where(e => !e.Dominated).Select(e => (e.Cost, e.Error)), ScottPlot.Colors.Red, true);
        Series("minimax (Remez)", o.Baselines.Where(b => b.Method == "minimax").Select(b => (b.Cost, b.MaxError)), ScottPlot.Colors.Blue, false);
        Series("Taylor", o.Baselines.Where(b => b.Method == "taylor").Select(b => (b.Cost, b.MaxError)), ScottPlot.Colors.Green, false);
        Series("Padé", o.Baselines.Where(b => b.Method == "pade").Select(b => (b.Cost, b.MaxError)), ScottPlot.Colors.Orange, false);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title($"{o.Target.Name} on [{o.Target.A.ToString("R", CultureInfo.InvariantCulture)}, {o.Target.B.ToString("R", CultureInfo.InvariantCulture)}]: " +
                   $"max {o.Target.ErrorKind.ToString().ToLowerInvariant()} error vs cost ({o.Evaluations:N0} evaluations)");
        plot.XLabel("cost (operations depending on x; fma = 2)");
        plot.YLabel("max error (log scale)");
        if (double.IsFinite(lo))
        {
            int a = (int)Math.Floor(lo), b = (int)Math.Ceiling(hi);
            if (a == b) b++;
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int k = a; k <= b; k++) ticks.AddMajor(k, $"1e{k}");
            plot.Axes.Left.TickGenerator = ticks;
            plot.Axes.SetLimitsY(a - 0.3, b + 0.3);
        }
        string temporary = path + ".tmp";
        plot.SavePng(temporary, 1000, 650);
        File.Move(temporary, path, overwrite: true);
    }
}
