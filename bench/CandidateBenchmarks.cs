using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Problems.RealApproximation;
using AutoNumerics.Evolution.Programs;
using BenchmarkDotNet.Attributes;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Bench;

/// <summary>
/// Full candidates as the search makes them (issue 3's "full candidates per second including constant fitting"):
/// mutate a parent, fit the child's constants (LM, then the linearized or the lifted Remez, on 512 Chebyshev
/// samples), prove it pole-free, measure it.
/// Parents are the population of a short seeded search on e^x over [0, 1] (realistic sizes: 1-24 ops). Baseline: a
/// plain double evaluation of the same parents on the same samples, so the ratio is what fitting costs on top of one
/// evaluation. Each operation handles all 64 parents; divide by 64 for one candidate. The equivalence cache is not
/// involved (a cache hit costs only the mutation and a hash).
/// </summary>
public class CandidateBenchmarks
{
    [Params(MinimaxRefinement.Remez, MinimaxRefinement.LiftedRemez)]
    public MinimaxRefinement Fit { get; set; }

    RealApproximationProblem problem = null!;
    IProblemWorker<DagProgram> worker = null!;
    readonly Evaluator evaluator = new();
    DagProgram[] parents = [];

    [GlobalSetup]
    public void Setup()
    {
        // The same parents for every fitter: a short seeded search with the linearized Remez.
        var parentsProblem = new RealApproximationProblem(new RealApproximationSpec("exp", 0, 1, Fit: MinimaxRefinement.Remez));
        var engine = new RegularizedEvolution<DagProgram>(parentsProblem);
        var state = engine.NewState(new SearchSettings(PopulationSize: 64, Seed: 7));
        engine.Run(state, new RunOptions { Budget = Budget.Evaluations(3000) });
        parents = [.. state.Population.OldestFirst().Select(i => i.Genome)];
        problem = new RealApproximationProblem(new RealApproximationSpec("exp", 0, 1, Fit: Fit));
        worker = problem.CreateWorker(0);
        evaluator.SetPoints(problem.Samples.X);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 64)]
    public double EvaluateOnly()
    {
        double s = 0;
        foreach (var p in parents) s += evaluator.Evaluate(p)[0];
        return s;
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public double MutateFitMeasure()
    {
        var rng = new Xoshiro256(11);
        double s = 0;
        foreach (var p in parents)
        {
            var child = worker.Mutate(p, ref rng);
            s += worker.Evaluate(child, ref rng).Fitness.Error;
        }
        return s;
    }
}
