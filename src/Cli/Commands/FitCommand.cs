using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AutoNumerics.Cli.Output;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Problems.RealApproximation;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;

namespace AutoNumerics.Cli.Commands;

/// <summary>
/// `autonumerics fit --target exp --interval 0:1 --program "t1 = x * 0.5; ...; return t9"`: fits the constants of
/// one given program form exactly as the search fits every candidate (LM, then Remez-style minimax refinement on
/// Chebyshev samples), proves it pole-free on the interval, and re-measures it as the search's front is re-measured
/// (the long refit of <see cref="FrontRemeasure.Polish"/>, then 100,001 points plus local maximization, in
/// double-double and in binary64). For checking a hand-built form against
/// the search, or refitting a program from pareto.csv on another interval.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "Function to approximate: exp, exp2, log, ... (as evolve takes)." };
        var interval = new Option<string?>("--interval") { Description = "The interval a:b, e.g. 0:1." };
        var error = new Option<string?>("--error") { Description = "Error measure: relative (default) or absolute." };
        var program = new Option<string?>("--program") { Description = "The program as straight-line text: \"t1 = x * 0.5; t2 = t1 + 1; return t2\"." };
        var programFile = new Option<string?>("--program-file") { Description = "A file holding the program text (instead of --program)." };
        var samples = new Option<int?>("--samples") { Description = "Chebyshev sample points for the fit (default 512, as evolve)." };
        var iterations = new Option<int?>("--iterations") { Description = "Iterations per fitting stage (default 200; the search uses 30)." };
        var fit = new Option<string?>("--fit") { Description = "Constant refinement after LM: lifted (default, as evolve) or remez." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("fit", "Fit the constants of one program to a function on an interval and measure it as the search does.")
        {
            target, interval, error, program, programFile, samples, iterations, fit, json,
        };
        command.SetAction(parse => CommandRunner.Run(() => Execute(parse.GetValue(target), parse.GetValue(interval), parse.GetValue(error),
            parse.GetValue(program), parse.GetValue(programFile), parse.GetValue(samples) ?? 512, parse.GetValue(iterations) ?? 200, parse.GetValue(fit) ?? EvolveSpec.DefaultFit,
            parse.GetValue(json))));
        return command;
    }

    private static int Execute(string? targetName, string? intervalText, string? errorName, string? programText, string? programFile,
        int sampleCount, int iterations, string fitName, bool json)
    {
        if (targetName is null) throw new UserInputException("--target is required (e.g. --target exp)");
        if (intervalText is null) throw new UserInputException("--interval is required (e.g. --interval 0:1)");
        if ((programText is null) == (programFile is null)) throw new UserInputException("give exactly one of --program and --program-file");
        if (sampleCount < 16 || sampleCount > 1 << 20) throw new UserInputException($"--samples must be in [16, {1 << 20}], got {sampleCount}");
        if (iterations < 1 || iterations > 100_000) throw new UserInputException($"--iterations must be in [1, 100000], got {iterations}");
        var kind = EvolveCommand.ParseErrorKind(errorName ?? "relative");
        var refinement = EvolveCommand.ParseFit(fitName);
        if (programFile is not null)
        {
            if (!File.Exists(programFile)) throw new UserInputException($"--program-file {programFile} does not exist");
            programText = File.ReadAllText(programFile);
        }
        TargetFunction target;
        AutoNumerics.Evolution.Programs.Program start;
        try
        {
            var (a, b) = TargetFunction.ParseInterval(intervalText);
            target = TargetFunction.Create(targetName, a, b, kind);
            start = ProgramText.Parse(programText!.Trim()).Compact();
        }
        catch (Exception e) when (e is ArgumentException or FormatException) { throw new UserInputException(e.Message.TrimEnd('.')); }

        var samplesOnGrid = new TargetSamples(target, sampleCount, SampleSpacing.Chebyshev);
        var fit = new MinimaxFitter(refinement).Fit(start, samplesOnGrid,
            new FitBudget { MaxIterations = iterations, MaxEvaluations = 100 * iterations });
        var fitted = fit.Program;
        var proof = new BoundednessProof();
        bool bounded = proof.IsBounded(fitted, target.A, target.B);
        var verifier = new DenseVerifier(target);
        VerificationResult? real = null;
        bool polished = false;
        if (bounded)
        {
            // The long refits the search's front gets at the end, from the fitted constants and from the given ones
            // (a good start can lead LM + Remez astray); the best by dense error is kept.
            var data = FitData.From(samplesOnGrid);
            (fitted, real, polished) = FrontRemeasure.MeasureBestPolished(verifier, fitted,
                FrontRemeasure.Polish(fitted, data).Concat(FrontRemeasure.Polish(start, data)), proof);
        }
        var binary64 = bounded ? FrontRemeasure.MeasureBinary64(verifier, fitted) : null;
        string text = ProgramText.Format(fitted);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                target = target.Name, a = target.A, b = target.B, error = kind.ToString().ToLowerInvariant(), cost = fitted.Cost,
                sampleError = Finite(fit.MaxError), bounded, polished, denseError = Finite(real?.MaxError), worstX = Finite(real?.WorstX),
                binary64Error = Finite(binary64?.MaxError), program = text,
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine($"cost            {fitted.Cost} (operations depending on x; + - * / count 1, fma 2)");
            Console.WriteLine(string.Create(inv, $"sample error    {fit.MaxError:E3} on {sampleCount} Chebyshev points ({(fit.UsedDoubleDouble ? "double-double" : "double")})"));
            if (!bounded)
                Console.WriteLine("pole            interval arithmetic could not prove the program bounded on the interval: its error there is unbounded");
            else
            {
                Console.WriteLine(string.Create(inv, $"dense error     {real!.MaxError:E3} at x = {real.WorstX:R} ({real.GridPoints:N0} points + {real.RefinedPeaks} refined peaks, double-double{(polished ? "; after the long refit" : "")})"));
                Console.WriteLine(string.Create(inv, $"in binary64     {binary64!.MaxError:E3} at x = {binary64.WorstX:R}"));
            }
            Console.WriteLine($"program         {text}");
        }
        return Program.ExitOk;
    }

    private static double? Finite(double? v) => v is { } d && double.IsFinite(d) ? d : null;
}
