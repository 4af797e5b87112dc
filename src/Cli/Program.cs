using System.CommandLine;
using AutoNumerics.Cli.Commands;

namespace AutoNumerics.Cli;

/// <summary>The `autonumerics` command. Results go to stdout (a table, or one JSON document with --json); progress
/// and logs go to stderr.</summary>
public static class Program
{
    public const int ExitOk = 0, ExitGateFailed = 1, ExitBadInput = 2, ExitInternalError = 70, ExitInterrupted = 130;

    public static int Main(string[] args)
    {
        var root = new RootCommand("AutoNumerics: evolve, emit and verify float32 numerical kernels against an MPFR oracle.")
        {
            VerifyCommand.Create(),
            EvolveCommand.Create(),
            FitCommand.Create(),
        };
        try
        {
            return root.Parse(args).Invoke();
        }
        catch (Exception e) // last resort: one line, never a stack trace
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return ExitBadInput;
        }
    }
}
