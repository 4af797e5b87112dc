using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Evolution.Problems.RealApproximation;

/// <summary>One front entry with its final, densely re-measured error.</summary>
/// <param name="SampleError">The error the search saw (max over the fitting samples).</param>
/// <param name="Error">The reported error: <see cref="DenseVerifier"/> on a uniform grid of at least 100,001 points
/// plus local maximization around the largest peaks, the program evaluated in double-double (its real-number
/// function with its binary64 constants, measured the same way as the baselines).</param>
/// <param name="Dominated">True when, after re-measurement, a cheaper entry has an error at most this one's (such an
/// entry is left out of pareto.csv, which lists non-dominated programs only).</param>
/// <param name="Binary64Error">The same measurement with the program evaluated in binary64, as users run it: never
/// below the binary64 rounding of the evaluation itself (~1e-16 relative), whatever the real-number error.</param>
/// <param name="Polished">True when a long refit of the constants (<see cref="FrontRemeasure.Polish"/>) beat the
/// search's own constants on the dense measure; <paramref name="Program"/> then holds the polished constants.</param>
/// <param name="Singular">True when <see cref="BoundednessProof"/> could not prove the program bounded on the
/// interval (a pole): its error is then +infinity and it is dominated.</param>
public sealed record RemeasuredEntry(DagProgram Program, int Cost, double SampleError, double Error, double WorstX,
    long Evaluation, double ElapsedSeconds, bool Dominated, bool Singular = false, double Binary64Error = double.NaN,
    bool Polished = false);

/// <summary>Dense re-measurement of a search's front (the figures of pareto.csv's final write and of report.md).</summary>
public static class FrontRemeasure
{
    /// <param name="polishOn">When given, each entry's constants are first refitted at length on these samples
    /// (<see cref="Polish"/>) and the better of the search's and the polished program is kept.</param>
    public static IReadOnlyList<RemeasuredEntry> Run(TargetFunction target, IEnumerable<ArchiveEntry<DagProgram>> entries,
        DenseVerifier? verifier = null, FitData? polishOn = null)
    {
        verifier ??= new DenseVerifier(target);
        var list = entries.OrderBy(e => e.Fitness.Cost).ToList();
        var results = new RemeasuredEntry[list.Count];
        // Entries are independent; a verifier is thread-safe, an Evaluator is not (one per task).
        Parallel.For(0, list.Count, () => (new Evaluator(), new BoundednessProof()), (i, _, tools) =>
        {
            var e = list[i];
            if (!tools.Item2.IsBounded(e.Genome, target.A, target.B))
            {
                results[i] = new RemeasuredEntry(e.Genome, e.Fitness.Cost, e.Fitness.Error, double.PositiveInfinity, double.NaN,
                    e.Evaluation, e.ElapsedSeconds, false, Singular: true);
                return tools;
            }
            var (program, r, polished) = polishOn is null
                ? (e.Genome, Measure(verifier, e.Genome, tools.Item1), false)
                : MeasureBestPolished(verifier, e.Genome, Polish(e.Genome, polishOn), tools.Item2, tools.Item1);
            var r64 = MeasureBinary64(verifier, program, tools.Item1);
            results[i] = new RemeasuredEntry(program, e.Fitness.Cost, e.Fitness.Error, r.MaxError, r.WorstX, e.Evaluation, e.ElapsedSeconds, false,
                Binary64Error: r64.MaxError, Polished: polished);
            return tools;
        }, _ => { });
        double best = double.PositiveInfinity;
        for (int i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (!(r.Error < best)) results[i] = r with { Dominated = true };
            else best = r.Error;
        }
        return results;
    }

    /// <summary>
    /// Long refits of a front program's constants. The search fits each candidate with a small budget (30 iterations
    /// per stage) and its cache never refits a structure, so some entries stop short of their structure's optimum:
    /// sloppy forms such as (H + x)/(H - x) with H a continued fraction stall the linearized Remez and Lawson 10-300x
    /// above it. Here: the lifted-Newton Remez (<see cref="MinimaxRefinement.LiftedRemez"/>), the linearized Remez and Lawson, levelled
    /// to 1e-6 or up to 6,000 iterations, from the search's constants; the caller keeps whichever measures best
    /// densely (the search's own constants included).
    /// </summary>
    public static IEnumerable<DagProgram> Polish(DagProgram program, FitData samples)
    {
        var budget = new FitBudget { MaxIterations = 6000, MaxEvaluations = 60_000 };
        yield return new MinimaxFitter(MinimaxRefinement.LiftedRemez) { Tolerance = 1e-6 }.Fit(program, samples, budget).Program;
        yield return new MinimaxFitter(MinimaxRefinement.Remez) { Tolerance = 1e-6 }.Fit(program, samples, budget).Program;
        yield return new MinimaxFitter(MinimaxRefinement.Lawson) { LawsonIterations = 6000 }.Fit(program, samples, budget).Program;
    }

    /// <summary>
    /// The dense error of a bounded program and of each pole-free candidate (refits of it): the one that measures
    /// best, and whether a candidate beat the program itself.
    /// </summary>
    public static (DagProgram Program, VerificationResult Result, bool Polished) MeasureBestPolished(DenseVerifier verifier,
        DagProgram program, IEnumerable<DagProgram> candidates, BoundednessProof proof, Evaluator? evaluator = null)
    {
        evaluator ??= new Evaluator();
        var best = (Program: program, Result: Measure(verifier, program, evaluator), Polished: false);
        foreach (var candidate in candidates)
        {
            if (!proof.IsBounded(candidate, verifier.Target.A, verifier.Target.B)) continue;
            var r = Measure(verifier, candidate, evaluator);
            if (r.MaxError < best.Result.MaxError) best = (candidate, r, true);
        }
        return best;
    }

    /// <summary>The dense error of one program, evaluated in double-double.</summary>
    public static VerificationResult Measure(DenseVerifier verifier, DagProgram program, Evaluator? evaluator = null)
    {
        evaluator ??= new Evaluator();
        return verifier.Verify((xs, hi, lo) =>
        {
            evaluator.SetPoints(xs);
            var y = evaluator.EvaluateDoubleDouble(program);
            y.Hi.CopyTo(hi);
            y.Lo.CopyTo(lo);
        }, x =>
        {
            var (h, l) = Interpreter.EvaluateDoubleDouble(program, x);
            return new DoubleDouble(h, l);
        });
    }

    /// <summary>The dense error of one program evaluated in binary64 (the tape evaluator, as generated code runs it).</summary>
    public static VerificationResult MeasureBinary64(DenseVerifier verifier, DagProgram program, Evaluator? evaluator = null)
    {
        evaluator ??= new Evaluator();
        var values = new double[program.Length];
        return verifier.Verify((xs, hi, lo) =>
        {
            evaluator.SetPoints(xs);
            evaluator.Evaluate(program).CopyTo(hi);
            lo.Clear();
        }, x =>
        {
            Interpreter.Evaluate(program, x, values);
            return new DoubleDouble(values[program.Output], 0);
        });
    }

    /// <summary>The non-dominated entries as archive entries carrying the dense error (for <see cref="ParetoCsv"/>).</summary>
    public static IEnumerable<ArchiveEntry<DagProgram>> AsArchiveEntries(IEnumerable<RemeasuredEntry> entries) =>
        entries.Where(e => !e.Dominated).Select(e => new ArchiveEntry<DagProgram>(e.Program, new Fitness(e.Error, e.Cost), 0, e.Evaluation, e.ElapsedSeconds));
}
