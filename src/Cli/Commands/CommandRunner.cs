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
        catch (Exception e)
        {
            // A bug, not bad input: still one line (System.CommandLine would print a stack trace). Whatever the
            // command had written (checkpoints, reports) was written atomically and stays as it was.
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            Console.Error.WriteLine($"error: internal failure: {inner.GetType().Name}: {inner.Message} (at {inner.TargetSite?.DeclaringType?.Name}.{inner.TargetSite?.Name})");
            return Program.ExitInternalError;
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
