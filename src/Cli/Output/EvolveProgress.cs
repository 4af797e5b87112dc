using AutoNumerics.Evolution.Engine;

namespace AutoNumerics.Cli.Output;

/// <summary>The evolve progress line on stderr (evaluations/s, elapsed, time left, cache hit rate, best error at each
/// cost). Redrawn in place on a terminal; on a pipe or log file, one line every ten seconds.</summary>
public sealed class EvolveProgress(string label)
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private DateTime _lastPrinted = DateTime.MinValue;

    public void Report(ProgressReport r)
    {
        if (r.Final)
        {
            if (_interactive && _lastPrinted != DateTime.MinValue) Console.Error.WriteLine(); // end the redrawn line
            return; // the summary follows
        }
        if (!_interactive && DateTime.UtcNow - _lastPrinted < TimeSpan.FromSeconds(10)) return;
        _lastPrinted = DateTime.UtcNow;
        string line = $"{label}: {r}";
        if (_interactive)
        {
            int width = Console.WindowWidth > 0 ? Console.WindowWidth - 1 : 200;
            Console.Error.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
        }
        else Console.Error.WriteLine(line);
    }
}
