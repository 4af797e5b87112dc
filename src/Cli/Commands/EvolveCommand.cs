using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using AutoNumerics.Cli.Output;
using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Problems.RealApproximation;
using AutoNumerics.Evolution.Targets;
using Spectre.Console;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Cli.Commands;

/// <summary>
/// `autonumerics evolve --target exp --interval 0:1 --mode real --budget 30m --seed 1 --run runs/NAME`: the
/// real-number search, writing the run directory (spec.json, checkpoint.json, pareto.csv, events.jsonl, report.md,
/// pareto.png). Every check of the input happens before anything is written, so a rejected command leaves an existing
/// run directory byte for byte as it was.
/// </summary>
public static class EvolveCommand
{
    public const string LockFileName = "run.lock";

    public static Command Create()
    {
        var target = new Option<string?>("--target") { Description = "Function to approximate: exp, exp2, log, log2, tanh, sin, ... (as verify takes)." };
        var interval = new Option<string?>("--interval") { Description = "The interval a:b, e.g. 0:1." };
        var mode = new Option<string?>("--mode") { Description = "Search mode: real (real-number approximation, the AutoNumerics-Zero setting)." };
        var error = new Option<string?>("--error") { Description = "Error measure: relative (default) or absolute." };
        var budget = new Option<string?>("--budget") { Description = "When to stop, over the run's whole life: 90s, 30m, 2h, 1d, or an evaluation count such as 20000e. A resume may raise it." };
        var seed = new Option<ulong?>("--seed") { Description = "RNG seed (default 1). With --workers 1 a run is reproducible." };
        var run = new Option<string?>("--run") { Description = "The run directory, e.g. runs/exp-real. Must not exist (or be empty) unless --resume." };
        var workers = new Option<int?>("--workers") { Description = "Worker threads (default 1; may differ on resume)." };
        var population = new Option<int?>("--population") { Description = "Population size P (default 500)." };
        var tournament = new Option<int?>("--tournament") { Description = "Tournament size T (default 10)." };
        var selection = new Option<string?>("--selection") { Description = $"Parent selection: {string.Join(", ", Selections.Names)} (default per-cost)." };
        var samples = new Option<int?>("--samples") { Description = "Chebyshev sample points the error is fitted and measured on during the search (default 512)." };
        var fma = new Option<bool?>("--fma") { Description = "Allow fused multiply-add (costs 2)." };
        var maxCost = new Option<int?>("--max-cost") { Description = "Largest program cost the search explores (default 24)." };
        var fit = new Option<string?>("--fit") { Description = "Constant refinement after LM: lifted (default: lifted-Newton Remez, reaches the minimax of sloppy forms such as continued fractions; about 1.5x the time per candidate) or remez (linearized exchange)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --run from its checkpoint; the spec is read from its spec.json." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of tables." };

        var command = new Command("evolve", "Search for programs that approximate a function on an interval with the best error at each operation count.")
        {
            target, interval, mode, error, budget, seed, run, workers, population, tournament, selection, samples, fma, maxCost, fit, resume, json,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var given = new EvolveSpec
            {
                Target = parse.GetValue(target)!, Interval = parse.GetValue(interval)!, Budget = parse.GetValue(budget)!,
                Arguments = [.. parse.Tokens.Select(t => t.Value)],
            };
            var flags = new Flags(parse.GetValue(target), parse.GetValue(interval), parse.GetValue(mode), parse.GetValue(error),
                parse.GetValue(budget), parse.GetValue(seed), parse.GetValue(workers), parse.GetValue(population),
                parse.GetValue(tournament), parse.GetValue(selection), parse.GetValue(samples), parse.GetValue(fma), parse.GetValue(maxCost),
                parse.GetValue(fit));
            string runDir = parse.GetValue(run) ?? throw new UserInputException("--run is required (the run directory, e.g. runs/exp-real)");
            return Execute(flags, runDir, parse.GetValue(resume), parse.GetValue(json), given.Arguments);
        }));
        return command;
    }

    /// <summary>The flags as given (null: not given).</summary>
    private sealed record Flags(string? Target, string? Interval, string? Mode, string? Error, string? Budget, ulong? Seed,
        int? Workers, int? Population, int? Tournament, string? Selection, int? Samples, bool? Fma, int? MaxCost, string? Fit);

    private static int Execute(Flags f, string runDir, bool resume, bool json, string[] arguments)
    {
        runDir = Path.GetFullPath(runDir);
        EvolveSpec spec = resume ? ResumeSpec(f, runDir) : NewSpec(f, runDir, arguments);
        var (problemSpec, settings) = Validate(spec);
        var budget = EvolveSpec.ParseBudget(spec.Budget);
        if (spec.Workers < 1) throw new UserInputException($"--workers must be at least 1, got {spec.Workers}");

        RealApproximationProblem problem;
        try { problem = new RealApproximationProblem(problemSpec); }
        catch (ArgumentException e) { throw new UserInputException(Sentence(e.Message)); }
        var engine = new RegularizedEvolution<DagProgram>(problem);

        if (!resume) Directory.CreateDirectory(runDir);
        using var runLock = TakeLock(runDir);
        SearchState<DagProgram> state;
        if (resume)
        {
            try { state = engine.LoadState(runDir); }
            catch (CheckpointException e) { throw new UserInputException(e.Message); }
            if (state.Settings != settings)
                throw new UserInputException($"checkpoint in {runDir} has settings {Describe(state.Settings)}, but spec.json says {Describe(settings)}");
        }
        else
        {
            state = engine.NewState(settings);
            AtomicFile.WriteAllText(Path.Combine(runDir, EvolveSpec.FileName), spec.ToJson());
        }

        using var cancel = CommandRunner.CancelOnCtrlC();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        using var log = new JsonLinesEventLog(Path.Combine(runDir, "events.jsonl"));
        var live = new LiveFront(runDir, problem, state.Archive.Entries.Select(e => (e.Fitness, problem.Codec.Format(e.Genome))));
        var sink = new TeeSink(log, live);
        sink.Emit(new EngineEvent("session", DateTimeOffset.UtcNow, state.Evaluations, state.ElapsedSeconds)
        {
            Detail = $"budget={spec.Budget} workers={spec.Workers} resume={resume.ToString().ToLowerInvariant()}",
        });
        var progress = new EvolveProgress($"evolve {problem.Target.Name} [{problemSpec.A:R}, {problemSpec.B:R}]");
        var summary = engine.Run(state, new RunOptions
        {
            Workers = spec.Workers,
            Budget = budget,
            CheckpointDirectory = runDir,
            CheckpointInterval = TimeSpan.FromSeconds(5),
            Events = sink,
            Progress = r => { progress.Report(r); live.MaybeWrite(); },
        }, cancel.Token);

        Console.Error.WriteLine($"{summary.Reason switch { StopReason.Cancelled => "interrupted", _ => "budget spent" }}: " +
            $"{summary.TotalEvaluations:N0} evaluations; re-measuring the front on a dense grid and computing the baselines...");
        var outputs = EvolveOutputs.Write(runDir, spec, problem, state, summary);
        if (json) Console.Out.WriteLine(outputs.Json());
        else outputs.Table(AnsiConsole.Console);
        Console.Error.WriteLine($"run directory: {runDir}");
        return summary.Reason == StopReason.Cancelled ? Program.ExitInterrupted : Program.ExitOk;
    }

    private static EvolveSpec NewSpec(Flags f, string runDir, string[] arguments)
    {
        if (File.Exists(runDir)) throw new UserInputException($"--run {runDir} is a file, not a directory");
        if (Directory.Exists(runDir) && Directory.EnumerateFileSystemEntries(runDir).Any())
            throw new UserInputException($"run directory {runDir} already exists; use --resume to continue it or choose another --run");
        if (f.Target is null) throw new UserInputException("--target is required (e.g. --target exp)");
        if (f.Interval is null) throw new UserInputException("--interval is required (e.g. --interval 0:1)");
        if (f.Budget is null) throw new UserInputException("--budget is required (e.g. --budget 30m or --budget 20000e)");
        var d = new EvolveSpec { Target = f.Target, Interval = f.Interval, Budget = f.Budget };
        return d with
        {
            Mode = f.Mode ?? d.Mode, Error = f.Error ?? d.Error, Seed = f.Seed ?? d.Seed, Population = f.Population ?? d.Population,
            Tournament = f.Tournament ?? d.Tournament, Selection = f.Selection ?? d.Selection, Samples = f.Samples ?? d.Samples,
            Fma = f.Fma ?? d.Fma, MaxCost = f.MaxCost ?? d.MaxCost, Fit = f.Fit ?? EvolveSpec.DefaultFit, Workers = f.Workers ?? d.Workers, Arguments = arguments,
        };
    }

    /// <summary>The run's spec.json with the session choices (budget, workers) the resume gives; any other flag must agree.</summary>
    private static EvolveSpec ResumeSpec(Flags f, string runDir)
    {
        if (!Directory.Exists(runDir)) throw new UserInputException($"--resume: run directory {runDir} does not exist");
        string specPath = Path.Combine(runDir, EvolveSpec.FileName);
        if (!File.Exists(specPath)) throw new UserInputException($"--resume: {runDir} has no {EvolveSpec.FileName}, so it is not an evolve run");
        if (!Checkpoint.Exists(runDir)) throw new UserInputException($"--resume: {runDir} has no checkpoint to resume from");
        var s = EvolveSpec.Read(specPath);
        // Boxed comparison: the flags are nullable value types and strings alike.
        void Same(string flag, object? given, object recorded)
        {
            if (given is not null && !Equal(given, recorded))
                throw new UserInputException($"--resume: {flag} {Show(given)} conflicts with the run's spec.json ({flag} {Show(recorded)}); a resumed run keeps its spec");
        }
        Same("--target", f.Target, s.Target);
        Same("--interval", f.Interval, s.Interval);
        Same("--mode", f.Mode, s.Mode);
        Same("--error", f.Error, s.Error);
        Same("--seed", f.Seed, s.Seed);
        Same("--population", f.Population, s.Population);
        Same("--tournament", f.Tournament, s.Tournament);
        Same("--selection", f.Selection, s.Selection);
        Same("--samples", f.Samples, s.Samples);
        Same("--fma", f.Fma, s.Fma);
        Same("--max-cost", f.MaxCost, s.MaxCost);
        Same("--fit", f.Fit, s.Fit);
        return s with { Budget = f.Budget ?? s.Budget, Workers = f.Workers ?? s.Workers };
    }

    private static bool Equal<T>(T a, T b) => a is string sa && b is string sb
        ? string.Equals(sa.Trim(), sb.Trim(), StringComparison.OrdinalIgnoreCase)
        : EqualityComparer<T>.Default.Equals(a, b);

    private static string Show(object o) => o is bool b ? b.ToString().ToLowerInvariant() : Convert.ToString(o, CultureInfo.InvariantCulture)!;

    private static (RealApproximationSpec Problem, SearchSettings Settings) Validate(EvolveSpec s)
    {
        if (!string.Equals(s.Mode, "real", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"--mode '{s.Mode}' is not supported; available: real");
        if (!Selections.TryParse(s.Selection, out var selection))
            throw new UserInputException($"unknown --selection '{s.Selection}'; known: {string.Join(", ", Selections.Names)}");
        ErrorKind kind = ParseErrorKind(s.Error);
        if (s.Population < 1) throw new UserInputException($"--population must be at least 1, got {s.Population}");
        if (s.Tournament < 1) throw new UserInputException($"--tournament must be at least 1, got {s.Tournament}");
        if (s.Samples < 16 || s.Samples > 1 << 20) throw new UserInputException($"--samples must be in [16, {1 << 20}], got {s.Samples}");
        if (s.MaxCost < 1 || s.MaxCost > 256) throw new UserInputException($"--max-cost must be in [1, 256], got {s.MaxCost}");
        double a, b;
        try { (a, b) = TargetFunction.ParseInterval(s.Interval); }
        catch (ArgumentException e) { throw new UserInputException(Sentence(e.Message)); }
        var problem = new RealApproximationSpec(s.Target.Trim(), a, b, kind, s.Samples, s.Fma, AllowDivision: true, s.MaxCost,
            Fit: ParseFit(s.Fit));
        var settings = new SearchSettings(s.Population, s.Tournament, selection, s.Seed);
        return (problem, settings);
    }

    /// <summary>The --fit flag.</summary>
    internal static MinimaxRefinement ParseFit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "remez" => MinimaxRefinement.Remez,
        "lifted" => MinimaxRefinement.LiftedRemez,
        _ => throw new UserInputException($"unknown --fit '{text}'; known: remez, lifted"),
    };

    /// <summary>The --error flag (evolve and fit).</summary>
    internal static ErrorKind ParseErrorKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "relative" => ErrorKind.Relative,
        "absolute" => ErrorKind.Absolute,
        _ => throw new UserInputException($"unknown --error '{text}'; known: relative, absolute"),
    };

    private static string Describe(SearchSettings s) =>
        $"population {s.PopulationSize}, tournament {s.TournamentSize}, selection {Selections.Name(s.Selection)}, seed {s.Seed}";

    /// <summary>Messages from the library are sentences ("Unknown target 'x'; ..."); the CLI's are lower-case phrases.</summary>
    private static string Sentence(string m) => m.Length > 0 && char.IsUpper(m[0]) && (m.Length < 2 || !char.IsUpper(m[1]))
        ? char.ToLowerInvariant(m[0]) + m[1..].TrimEnd('.') : m.TrimEnd('.');

    /// <summary>
    /// An exclusive lock on run.lock (flock on Unix, released by the OS if the process dies, so a kill -9 leaves no
    /// stale lock); deleted when released.
    /// </summary>
    private static FileStream TakeLock(string runDir)
    {
        string path = Path.Combine(runDir, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new UserInputException($"run directory {runDir} is in use by another autonumerics process (lock {path})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"cannot lock run directory {runDir}: {e.Message}");
        }
    }

    /// <summary>Forwards events to the log and to the live front.</summary>
    private sealed class TeeSink(IEventSink a, IEventSink b) : IEventSink
    {
        public void Emit(EngineEvent e) { a.Emit(e); b.Emit(e); }
    }
}
