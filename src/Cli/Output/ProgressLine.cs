using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Output;

/// <summary>The progress line on stderr: rate, best so far, time left. Redrawn in place on a terminal; on a pipe
/// or log file, one line every ten seconds so logs stay readable.</summary>
public sealed class ProgressLine(string label) : IProgress<SweepProgress>
{
    readonly bool interactive = !Console.IsErrorRedirected;
    DateTime lastPrinted = DateTime.MinValue;

    public void Report(SweepProgress p)
    {
        bool finished = p.Done >= p.Total;
        if (!interactive && !finished && DateTime.UtcNow - lastPrinted < TimeSpan.FromSeconds(10)) return;
        lastPrinted = DateTime.UtcNow;
        double seconds = Math.Max(1e-9, p.Elapsed.TotalSeconds);
        double rate = p.Done / seconds;
        string left = rate > 0 && !finished ? $", {Format((p.Total - p.Done) / rate)} left" : "";
        string line = $"{label}: {100.0 * p.Done / Math.Max(1, p.Total):F1}% of {p.Total:N0} inputs, " +
                      $"{rate / 1e6:F1} M/s, max so far >= {p.MaxUlpSoFar:F4} ulp, {Format(seconds)} elapsed{left}";
        if (interactive) Console.Error.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 160) : 0) + (finished ? "\n" : ""));
        else Console.Error.WriteLine(line);
    }

    static string Format(double seconds) =>
        seconds < 120 ? $"{seconds:F0} s" : seconds < 7200 ? $"{seconds / 60:F1} min" : $"{seconds / 3600:F1} h";
}
