using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using Spectre.Console;

namespace AutoNumerics.Cli.Output;

/// <summary>The human-readable verification report (Spectre.Console tables on stdout).</summary>
public static class VerifyTable
{
    public static void Write(VerificationReport r, IAnsiConsole console)
    {
        var summary = new Table().Title($"[bold]{r.Function.Name()}[/] / [bold]{Markup.Escape(r.Implementation)}[/]")
            .AddColumn("measure").AddColumn(new TableColumn("value"));
        bool everyPattern = r.Range.FirstOrdered == int.MinValue && r.Range.LastOrdered == int.MaxValue;
        string range = everyPattern ? (r.Range.IsExhaustive ? "all 2^32 inputs" : $"all 2^32 bit patterns, {r.Range.Count:N0} samples") : r.Range.ToString();
        summary.AddRow("range", Markup.Escape(range));
        summary.AddRow("inputs checked", $"{r.Inputs:N0}");
        summary.AddRow("max ULP error", $"[bold]{Ulp(r.MaxUlp)}[/]");
        summary.AddRow("worst input", Markup.Escape($"{FloatBits.RoundTrip(r.WorstInput)} ({FloatBits.HexFloat(r.WorstInput)}, {FloatBits.Hex(r.WorstInput)})"));
        summary.AddRow("  output / correctly rounded", Markup.Escape($"{FloatBits.RoundTrip(r.WorstOutput)} / {FloatBits.RoundTrip(r.WorstExpected)}"));
        summary.AddRow("mean ULP error", $"{r.MeanUlp:F6}");
        summary.AddRow("correctly rounded", $"{100 * r.CorrectlyRoundedShare:F4} % ({r.CorrectlyRounded:N0})");
        if (r.InfiniteErrors > 0) summary.AddRow("[red]wrong NaN/Inf results[/]", $"{r.InfiniteErrors:N0}");
        summary.AddRow("decided by MPFR", r.ExactOnly ? "all (--exact)" : $"{r.OracleFallbacks:N0} inputs (the rest by the binary64 reference)");
        summary.AddRow("time", $"{r.Seconds:F1} s ({r.Inputs / Math.Max(1e-9, r.Seconds) / 1e6:F1} M inputs/s)");
        console.Write(summary);

        var histogram = new Table().Title("ULP error histogram").AddColumn("error").AddColumn(new TableColumn("inputs").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
        for (int i = 0; i < ErrorHistogram.BinCount; i++)
            histogram.AddRow(Markup.Escape(ErrorHistogram.Labels[i]), $"{r.Histogram[i]:N0}", $"{100.0 * r.Histogram[i] / Math.Max(1, r.Inputs):F4} %");
        console.Write(histogram);

        var specials = new Table().Title("special cases").AddColumn("case").AddColumn("x").AddColumn("expected").AddColumn("got").AddColumn("ULP").AddColumn("");
        foreach (var c in r.SpecialCases)
        {
            specials.AddRow(Markup.Escape(c.Case.Name), Markup.Escape(FloatBits.RoundTrip(c.Case.Input)), Markup.Escape(FloatBits.RoundTrip(c.Expected)),
                Markup.Escape(FloatBits.RoundTrip(c.Actual)), Ulp(c.UlpError), c.Pass ? "[green]pass[/]" : "[red]FAIL[/]");
        }
        console.Write(specials);
    }

    static string Ulp(double u) => double.IsFinite(u) ? u.ToString("F4") : "inf";
}
