using AutoNumerics.Evolution.Engine;
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
/// <param name="Singular">True when <see cref="BoundednessProof"/> could not prove the program bounded on the
/// interval (a pole): its error is then +infinity and it is dominated.</param>
public sealed record RemeasuredEntry(DagProgram Program, int Cost, double SampleError, double Error, double WorstX,
    long Evaluation, double ElapsedSeconds, bool Dominated, bool Singular = false, double Binary64Error = double.NaN);

/// <summary>Dense re-measurement of a search's front (the figures of pareto.csv's final write and of report.md).</summary>
public static class FrontRemeasure
{
    public static IReadOnlyList<RemeasuredEntry> Run(TargetFunction target, IEnumerable<ArchiveEntry<DagProgram>> entries,
        DenseVerifier? verifier = null)
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
            var r = Measure(verifier, e.Genome, tools.Item1);
            var r64 = MeasureBinary64(verifier, e.Genome, tools.Item1);
            results[i] = new RemeasuredEntry(e.Genome, e.Fitness.Cost, e.Fitness.Error, r.MaxError, r.WorstX, e.Evaluation, e.ElapsedSeconds, false,
                Binary64Error: r64.MaxError);
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
