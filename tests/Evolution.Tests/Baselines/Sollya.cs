using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace AutoNumerics.Evolution.Tests.Baselines;

/// <summary>Runs the `sollya` command line tool with a script on stdin (Debian package sollya; CI installs it).</summary>
internal static class Sollya
{
    public static string Run(string script)
    {
        var psi = new ProcessStartInfo("sollya")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (Win32Exception)
        {
            throw new InvalidOperationException(
                "sollya is not installed: the Remez cross-check needs it (apt-get install sollya; .ci/run installs it).");
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardInput.Write(script);
            p.StandardInput.Close();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException("sollya did not finish in 60 s."); }
            if (p.ExitCode != 0) throw new InvalidOperationException($"sollya failed ({p.ExitCode}): {stderr.Result}");
            return output;
        }
    }

    /// <summary>
    /// For each degree, Sollya's minimax polynomial (remez with weight 1/f, i.e. relative error) and its
    /// dirtyinfnorm of p/f - 1 on [a, b]. <paramref name="f"/> is in Sollya syntax, e.g. "exp(x)" or "2^x".
    /// </summary>
    public static Dictionary<int, double> RelativeMinimaxErrors(string f, string interval, int fromDegree, int toDegree)
    {
        string script = $"prec=200!;\ndisplay=decimal!;\n" +
            $"for n from {fromDegree} to {toDegree} do {{ p = remez(1, n, {interval}, 1/({f})); " +
            $"print(n, dirtyinfnorm(p/({f})-1, {interval})); }};\nquit;\n";
        return Parse(Run(script));
    }

    /// <summary>Absolute-error minimax (remez(f, n, I)) and dirtyinfnorm(p - f, I).</summary>
    public static Dictionary<int, double> AbsoluteMinimaxErrors(string f, string interval, int fromDegree, int toDegree)
    {
        string script = $"prec=200!;\ndisplay=decimal!;\n" +
            $"for n from {fromDegree} to {toDegree} do {{ p = remez({f}, n, {interval}); " +
            $"print(n, dirtyinfnorm(p-({f}), {interval})); }};\nquit;\n";
        return Parse(Run(script));
    }

    private static Dictionary<int, double> Parse(string output)
    {
        var d = new Dictionary<int, double>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out int n)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double e))
                d[n] = e;
        }
        if (d.Count == 0) throw new InvalidOperationException($"Unexpected sollya output: {output}");
        return d;
    }
}
