namespace AutoNumerics.Cli.Commands;

/// <summary>Runs a command body and turns failures into the CLI's contract: bad input is one line on stderr and
/// exit 2, Ctrl-C is exit 130, never a stack trace.</summary>
public static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Program.ExitBadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted");
            return Program.ExitInterrupted;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            Console.Error.WriteLine("interrupted");
            return Program.ExitInterrupted;
        }
    }

    /// <summary>A token cancelled by Ctrl-C (the process is not killed, so the command can stop cleanly).</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        return cts;
    }
}
