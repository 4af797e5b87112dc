using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoNumerics.Cli.Commands;
using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Problems.RealApproximation;
using AutoNumerics.Evolution.Targets;
using Spectre.Console;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Cli.Output;

/// <summary>
/// The end-of-session outputs of an evolve run: the front re-measured densely, the baselines at equal cost, and the
/// files pareto.csv (final), report.md and pareto.png; plus the stdout summary (table or JSON).
/// </summary>
public sealed class EvolveOutputs
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public required string RunDirectory { get; init; }
    public required EvolveSpec Spec { get; init; }
    public required TargetFunction Target { get; init; }
    public required IReadOnlyList<RemeasuredEntry> Front { get; init; }
    public required IReadOnlyList<Baseline> Baselines { get; init; }
    public required IReadOnlyList<HistoryPoint> History { get; init; }
    public required RunSummary Summary { get; init; }
    public required long Evaluations { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double CacheHitRate { get; init; }
    public required int Sessions { get; init; }

    /// <summary>Evaluations per second over this session.</summary>
    public double Rate => Summary.Elapsed.TotalSeconds > 0 ? Summary.Evaluations / Summary.Elapsed.TotalSeconds : 0;

    public static EvolveOutputs Write(string runDir, EvolveSpec spec, RealApproximationProblem problem, SearchState<DagProgram> state, RunSummary summary)
    {
        var verifier = new DenseVerifier(problem.Target);
        var front = FrontRemeasure.Run(problem.Target, state.Archive.Entries, verifier, problem.FitData);
        int maxCost = Math.Clamp(front.Count == 0 ? 10 : front.Max(e => e.Cost), 10, Math.Min(problem.Spec.MaxCost, 24));
        var baselines = BaselineSuite.BestPerCost(BaselineSuite.All(problem.Target, maxCost + maxCost % 2));
        long hits = state.CacheHits, misses = state.CacheMisses;
        var outputs = new EvolveOutputs
        {
            RunDirectory = runDir, Spec = spec, Target = problem.Target, Front = front, Baselines = baselines,
            History = [.. state.History], Summary = summary, Evaluations = state.Evaluations, ElapsedSeconds = state.ElapsedSeconds,
            CacheHitRate = hits + misses > 0 ? (double)hits / (hits + misses) : 0, Sessions = state.Sessions,
        };
        ParetoCsv.Write(Path.Combine(runDir, "pareto.csv"), FrontRemeasure.AsArchiveEntries(front), p => p.ToString());
        AtomicFile.WriteAllText(Path.Combine(runDir, "report.md"), outputs.Markdown());
        EvolvePlot.Save(outputs, Path.Combine(runDir, "pareto.png"));
        return outputs;
    }

    private IEnumerable<RemeasuredEntry> Kept => Front.Where(e => !e.Dominated);

    private Baseline? Best(string method, int cost) =>
        Baselines.Where(b => b.Method == method && b.Cost <= cost && double.IsFinite(b.MaxError)).OrderBy(b => b.MaxError).FirstOrDefault();

    private Baseline? BestAny(int cost) =>
        Baselines.Where(b => b.Cost <= cost && double.IsFinite(b.MaxError)).OrderBy(b => b.MaxError).FirstOrDefault();

    /// <summary>Best error at cost &lt;= c over time (from the archive history): (evaluations, seconds, error).</summary>
    public IReadOnlyList<(long Evaluations, double Seconds, double Error)> ErrorAtCostOverTime(int cost)
    {
        var list = new List<(long, double, double)>();
        double best = double.PositiveInfinity;
        foreach (var h in History)
        {
            if (h.Cost > cost || !(h.Error < best)) continue;
            best = h.Error;
            list.Add((h.Evaluations, h.ElapsedSeconds, h.Error));
        }
        return list;
    }

    /// <summary>"12.3x better", "2x worse", or "equal" within 1 % (the same polynomial found by both).</summary>
    private static string VersusBaseline(double error, Baseline? b)
    {
        if (b is null) return "";
        double r = b.MaxError / Math.Max(error, 1e-300);
        if (r >= 0.99 && r <= 1.01) return "equal";
        return r > 1 ? string.Create(Inv, $"{r:0.#}x better") : string.Create(Inv, $"{1 / r:0.#}x worse");
    }

    private static string E(double v) => double.IsFinite(v) ? v.ToString("0.00e+00", Inv) : double.IsNaN(v) ? "" : "inf";

    public string Markdown()
    {
        var sb = new StringBuilder();
        string interval = $"[{Target.A.ToString("R", Inv)}, {Target.B.ToString("R", Inv)}]";
        sb.AppendLine(Inv, $"# evolve: {Target.Name} on {interval}, {Target.ErrorKind.ToString().ToLowerInvariant()} error");
        sb.AppendLine();
        sb.AppendLine(Inv, $"- Spec: mode {Spec.Mode}, seed {Spec.Seed}, population {Spec.Population}, tournament {Spec.Tournament}, " +
            $"selection {Spec.Selection}, {Spec.Samples} Chebyshev samples, ops + - * /{(Spec.Fma ? " fma" : "")}, max cost {Spec.MaxCost}, " +
            $"constants fitted by LM then the {(EvolveCommand.ParseFit(Spec.Fit) == MinimaxRefinement.LiftedRemez ? "lifted-Newton" : "linearized")} Remez (--fit {Spec.Fit}); " +
            $"budget {Spec.Budget}, workers {Spec.Workers}.");
        sb.AppendLine(Inv, $"- Run: {Evaluations:N0} evaluations in {ElapsedSeconds:F0} s ({(ElapsedSeconds > 0 ? Evaluations / ElapsedSeconds : 0):N0}/s overall) over {Sessions} session(s); this session " +
            $"{Summary.Evaluations:N0} evaluations at {Rate:N0}/s, stopped by {StopName(Summary.Reason)}; equivalence-cache hit rate {CacheHitRate:P0}.");
        sb.AppendLine();
        sb.AppendLine("**Cost model.** The cost of a program is the number of its operations whose value depends on x: + - * / count 1, " +
            "fma counts 2; operations among constants alone are free (they fold to a constant) and dead code is free. " +
            "Baselines are counted the same way on the straight-line programs they are emitted as: a Horner polynomial of degree n costs 2n, " +
            "a rational p/q of degrees m/n (monic q) costs 2m + 2n.");
        sb.AppendLine();
        sb.AppendLine("**Error.** Every figure below is the maximum " + Target.ErrorKind.ToString().ToLowerInvariant() +
            " error re-measured on a uniform grid of 100,001 points against MPFR, with local maximization around the 24 largest peaks; " +
            "programs are evaluated in double-double, i.e. the figure is the error of the program's real-number function with its binary64 " +
            "constants (the baselines are measured identically). \"ours in binary64\" is the same measurement with the program evaluated in binary64, " +
            "as generated code runs it (it cannot go below binary64's own rounding, about 1e-16). \"search error\" is what the search saw on its Chebyshev samples. " +
            "Before the re-measurement each front program's constants are refitted at length (lifted and linearized Remez levelled to 1e-6, Lawson up to 6,000 iterations, " +
            "on the search's samples) and the best of the search's and the refitted constants by dense error is kept; the structure is the search's.");
        sb.AppendLine();
        sb.AppendLine("## Front beside the baselines (best at cost <= c)");
        sb.AppendLine();
        sb.AppendLine("| cost | ours | ours in binary64 | search error | minimax | taylor | pade | ours vs best baseline |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in Kept)
        {
            var b = BestAny(e.Cost);
            string ratio = VersusBaseline(e.Error, b);
            sb.AppendLine(Inv, $"| {e.Cost} | {E(e.Error)} | {E(e.Binary64Error)} | {E(e.SampleError)} | {Cell(Best("minimax", e.Cost))} | {Cell(Best("taylor", e.Cost))} | {Cell(Best("pade", e.Cost))} | {ratio} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Error at 10 ops over time (best at cost <= 10)");
        sb.AppendLine();
        var over = ErrorAtCostOverTime(10);
        if (over.Count == 0) sb.AppendLine("No program of cost <= 10 yet.");
        else
        {
            sb.AppendLine("| evaluations | seconds | error (search) |");
            sb.AppendLine("|---:|---:|---:|");
            foreach (var (ev, s, err) in over) sb.AppendLine(Inv, $"| {ev:N0} | {s:F1} | {E(err)} |");
        }
        sb.AppendLine();
        sb.AppendLine("## Programs");
        sb.AppendLine();
        foreach (var e in Kept)
        {
            sb.AppendLine(Inv, $"- cost {e.Cost}, error {E(e.Error)} (worst at x = {e.WorstX.ToString("R", Inv)}), found at evaluation {e.Evaluation:N0}{(e.Polished ? $", constants polished after the search (search error {E(e.SampleError)})" : "")}:");
            sb.AppendLine(Inv, $"  `{e.Program}`");
        }
        var dropped = Front.Where(e => e.Dominated && !e.Singular).ToList();
        if (dropped.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"Left out of pareto.csv because the dense re-measurement made them dominated: costs {string.Join(", ", dropped.Select(d => d.Cost))}.");
        }
        var singular = Front.Where(e => e.Singular).ToList();
        if (singular.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"Left out because interval arithmetic could not prove them bounded on the interval (a pole between the samples): costs {string.Join(", ", singular.Select(d => d.Cost))}.");
        }
        sb.AppendLine();
        sb.AppendLine("## Baselines");
        sb.AppendLine();
        sb.AppendLine("| cost | method | error | program |");
        sb.AppendLine("|---:|---|---:|---|");
        foreach (var b in Baselines) sb.AppendLine(Inv, $"| {b.Cost} | {b.Label} | {E(b.MaxError)} | `{b.Program}` |");
        return sb.ToString();

        static string Cell(Baseline? b) => b is null ? "" : $"{E(b.MaxError)}";
    }

    public static string StopName(StopReason r) => r switch
    {
        StopReason.EvaluationBudget => "the evaluation budget",
        StopReason.TimeBudget => "the time budget",
        _ => "interruption",
    };

    public string Json()
    {
        static JsonNode? Num(double v) => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(double.IsNaN(v) ? "NaN" : "Infinity");
        var front = new JsonArray();
        foreach (var e in Kept)
            front.Add(new JsonObject
            {
                ["cost"] = e.Cost, ["error"] = Num(e.Error), ["searchError"] = Num(e.SampleError), ["worstX"] = Num(e.WorstX),
                ["evaluation"] = e.Evaluation, ["program"] = e.Program.ToString(),
            });
        var baselines = new JsonArray();
        foreach (var b in Baselines)
            baselines.Add(new JsonObject { ["method"] = b.Method, ["label"] = b.Label, ["cost"] = b.Cost, ["error"] = Num(b.MaxError), ["program"] = b.Program });
        var doc = new JsonObject
        {
            ["run"] = RunDirectory,
            ["target"] = Target.Name,
            ["interval"] = new JsonArray(Num(Target.A), Num(Target.B)),
            ["errorKind"] = Target.ErrorKind.ToString().ToLowerInvariant(),
            ["stopReason"] = Summary.Reason switch { StopReason.EvaluationBudget => "evaluation-budget", StopReason.TimeBudget => "time-budget", _ => "cancelled" },
            ["evaluations"] = Evaluations,
            ["sessionEvaluations"] = Summary.Evaluations,
            ["elapsedSeconds"] = ElapsedSeconds,
            ["evaluationsPerSecond"] = Rate,
            ["cacheHitRate"] = CacheHitRate,
            ["front"] = front,
            ["baselines"] = baselines,
        };
        return doc.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Table(IAnsiConsole console)
    {
        var t = new Table().Title($"[bold]{Target.Name}[/] on [[{Target.A.ToString("R", Inv)}, {Target.B.ToString("R", Inv)}]]: " +
                $"{Evaluations:N0} evaluations, {Rate:N0}/s this session")
            .AddColumn(new TableColumn("cost").RightAligned()).AddColumn(new TableColumn("error (dense)").RightAligned())
            .AddColumn(new TableColumn("search error").RightAligned()).AddColumn(new TableColumn("minimax").RightAligned())
            .AddColumn(new TableColumn("best baseline").RightAligned()).AddColumn(new TableColumn("vs baseline").RightAligned());
        foreach (var e in Kept)
        {
            var b = BestAny(e.Cost);
            string ratio = VersusBaseline(e.Error, b);
            t.AddRow(e.Cost.ToString(Inv), E(e.Error), E(e.SampleError), E(Best("minimax", e.Cost)?.MaxError ?? double.NaN),
                b is null ? "" : Markup.Escape($"{E(b.MaxError)} {b.Label}"), ratio);
        }
        console.Write(t);
        console.MarkupLine(Markup.Escape($"cost = operations depending on x (+ - * / count 1, fma 2); errors re-measured on 100,001 points; programs in {Path.Combine(RunDirectory, "pareto.csv")}, report in report.md"));
    }
}
