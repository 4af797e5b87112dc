using System.Globalization;
using System.Text;

namespace AutoNumerics.Evolution.Engine;

/// <summary>A progress snapshot for a live display.</summary>
/// <param name="EvaluationsPerSecond">Over the last progress interval.</param>
/// <param name="TimeLeft">Until the budget runs out (the sooner of time and evaluations), if there is a budget.</param>
/// <param name="Front">The archive: best error at each cost, in increasing cost.</param>
/// <param name="CacheHitRate">Share of cacheable evaluations answered by the cache (0 if none).</param>
public sealed record ProgressReport(
    long Evaluations,
    double EvaluationsPerSecond,
    TimeSpan Elapsed,
    TimeSpan? TimeLeft,
    IReadOnlyList<Fitness> Front,
    double CacheHitRate,
    bool Final)
{
    /// <summary>One line for a terminal: "12,345 evals | 8,100/s | 00:01:23 | 00:28:37 left | cache 12% | 3:1.2e-03 5:4.5e-06".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{Evaluations:N0} evals | {EvaluationsPerSecond:N0}/s | {Format(Elapsed)}");
        if (TimeLeft is { } left) sb.Append(inv, $" | {Format(left)} left");
        if (CacheHitRate > 0) sb.Append(inv, $" | cache {CacheHitRate:P0}");
        sb.Append(" |");
        foreach (var f in Front) sb.Append(inv, $" {f.Cost}:{f.Error:0.0e+00}");
        return sb.ToString();
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 24 ? t.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
