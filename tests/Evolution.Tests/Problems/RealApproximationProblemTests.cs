using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Problems.RealApproximation;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using AutoNumerics.Evolution.Tests.Engine;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Evolution.Tests.Problems;

public class RealApproximationProblemTests
{
    private static readonly RealApproximationSpec Exp01 = new("exp", 0, 1, SampleCount: 128);

    [Fact]
    public void Fitting_a_Horner_Taylor_polynomial_reaches_the_minimax_error()
    {
        var problem = new RealApproximationProblem(new RealApproximationSpec("exp", 0, 1)); // 512 samples, the default
        double[] taylor = [1, 1, 0.5, 1.0 / 6, 1.0 / 24, 1.0 / 120];
        var start = RealApproximationProblem.Canonical(ProgramBuilder.Horner(taylor));
        Assert.Equal(10, start.Cost);
        var result = problem.Evaluate(start, new MinimaxFitter(MinimaxRefinement.Remez));
        double remez = Remez.Minimax(problem.Target, 5).LevelledError; // ~6.7e-7
        Assert.Equal(10, result.Fitness.Cost);
        Assert.InRange(result.Fitness.Error, 0.98 * remez, 1.02 * remez);
        // The dense re-measurement of the fitted program agrees with the sampled figure.
        var dense = FrontRemeasure.Measure(new DenseVerifier(problem.Target), result.Genome);
        Assert.InRange(dense.MaxError, result.Fitness.Error, 1.05 * remez);
    }

    [Fact]
    public void Name_identifies_the_spec()
    {
        var names = new[]
        {
            Exp01, Exp01 with { Target = "exp2" }, Exp01 with { B = 2 }, Exp01 with { A = 1e-300 }, Exp01 with { ErrorKind = ErrorKind.Absolute },
            Exp01 with { SampleCount = 256 }, Exp01 with { AllowFma = true }, Exp01 with { AllowDivision = false },
            Exp01 with { MaxCost = 16 }, Exp01 with { HornerSeedShare = 0 },
        }.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Exp01.Name, (Exp01 with { Target = " EXP " }).Name);
        Assert.StartsWith("real exp [0,1] relative", Exp01.Name);
    }

    [Fact]
    public void A_checkpoint_of_another_spec_is_rejected()
    {
        string dir = EngineTestKit.TempDir();
        try
        {
            var a = new RealApproximationProblem(Exp01);
            var engine = new RegularizedEvolution<DagProgram>(a);
            var state = engine.NewState(new SearchSettings(PopulationSize: 10, Seed: 1));
            engine.Run(state, new RunOptions { Budget = Budget.Evaluations(20), CheckpointDirectory = dir });
            var b = new RealApproximationProblem(Exp01 with { AllowFma = true });
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(dir, b));
            Assert.Contains("is for problem", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Genomes_are_canonical_and_round_trip_through_the_codec()
    {
        var problem = new RealApproximationProblem(Exp01 with { AllowFma = true });
        var worker = problem.CreateWorker(0);
        var rng = new Xoshiro256(5);
        var p = worker.CreateRandom(ref rng);
        for (int i = 0; i < 300; i++)
        {
            p = i % 20 == 0 ? worker.CreateRandom(ref rng) : worker.Mutate(p, ref rng);
            Assert.True(p.StructurallyEquals(RealApproximationProblem.Canonical(p)), p.ToString());
            Assert.True(p.StructurallyEquals(problem.Codec.Parse(problem.Codec.Format(p))), p.ToString());
            Assert.True(p.Cost <= problem.Spec.MaxCost);
            // Same structure, other constants: same behaviour hash (the cache maps structures to fitted genomes).
            var q = p.Constants.Length > 0 ? p.WithConstant(0, p.Constants[0] * 1.5 + 0.25) : p;
            Assert.Equal(worker.BehaviourHash(p), worker.BehaviourHash(q));
        }
    }

    [Fact]
    public void Seeded_single_worker_run_reproduces_itself_and_resumes_exactly()
    {
        var problem = new RealApproximationProblem(Exp01);
        var settings = new SearchSettings(PopulationSize: 30, TournamentSize: 5, Seed: 11, CacheCapacity: 256);
        var engine = new RegularizedEvolution<DagProgram>(problem);

        var a = engine.NewState(settings);
        engine.Run(a, new RunOptions { Budget = Budget.Evaluations(300) });
        var b = engine.NewState(settings);
        engine.Run(b, new RunOptions { Budget = Budget.Evaluations(300) });
        Assert.Equal(EngineTestKit.Canonical(a, problem.Codec), EngineTestKit.Canonical(b, problem.Codec));
        EngineTestKit.AssertInvariants(a);
        Assert.True(a.Archive.Count >= 3);
        Assert.True(a.CacheHits > 0);

        string dir = EngineTestKit.TempDir();
        try
        {
            var c = engine.NewState(settings);
            engine.Run(c, new RunOptions { Budget = Budget.Evaluations(140), CheckpointDirectory = dir });
            var resumed = engine.LoadState(dir);
            engine.Run(resumed, new RunOptions { Budget = Budget.Evaluations(300), CheckpointDirectory = dir });
            Assert.Equal(EngineTestKit.Canonical(a, problem.Codec), EngineTestKit.Canonical(resumed, problem.Codec));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Remeasured_front_is_a_staircase_with_dense_errors()
    {
        var problem = new RealApproximationProblem(Exp01);
        var engine = new RegularizedEvolution<DagProgram>(problem);
        var state = engine.NewState(new SearchSettings(PopulationSize: 30, Seed: 3));
        engine.Run(state, new RunOptions { Budget = Budget.Evaluations(200) });
        var front = FrontRemeasure.Run(problem.Target, state.Archive.Entries, new DenseVerifier(problem.Target));
        Assert.Equal(state.Archive.Count, front.Count);
        foreach (var e in front)
        {
            Assert.True(e.Error >= 0.999 * e.SampleError || e.Cost == 0, $"{e.Cost}: dense {e.Error} < sampled {e.SampleError}");
        }
        var kept = FrontRemeasure.AsArchiveEntries(front).ToList();
        for (int i = 1; i < kept.Count; i++) Assert.True(kept[i].Fitness.Error < kept[i - 1].Fitness.Error);
    }

    /// <summary>Returns the program as given with a fixed small error: isolates the problem's own checks.</summary>
    private sealed class FixedErrorFitter(double error) : IConstantFitter
    {
        public string Name => "fixed";
        public FitResult Fit(DagProgram program, FitData data, FitBudget? budget = null) => new(program, error, 1, 0, 0, false);
    }

    [Fact]
    public void A_fitted_program_with_a_pole_between_the_samples_gets_an_infinite_error()
    {
        var problem = new RealApproximationProblem(Exp01);
        var fitter = new FixedErrorFitter(1e-3);
        var pole = ProgramText.Parse("t1 = x - 0.61; t2 = 1e-12 / t1; t3 = x + 1; t4 = t3 + t2; return t4");
        var fine = ProgramText.Parse("t1 = 12.578005546018142 / x; t2 = x + t1; t3 = t2 + -6.252305270295322; t4 = -12.587279729944015 / t3; t5 = 0.9999731534133118 - t4; return t5");
        Assert.True(double.IsPositiveInfinity(problem.Evaluate(pole, fitter).Fitness.Error));
        Assert.Equal(1e-3, problem.Evaluate(fine, fitter).Fitness.Error);
    }

    [Fact]
    public void Remeasure_marks_singular_entries_and_measures_removable_ones_at_the_end_point()
    {
        var problem = new RealApproximationProblem(Exp01);
        var pole = ProgramText.Parse("t1 = x - 0.61; t2 = 1e-12 / t1; t3 = x + 1; t4 = t3 + t2; return t4");
        // Cost 5, about 2.7e-5 on [0, 1]; 12.58/x is +inf at x = 0 and the program's value there is its limit.
        var fine = ProgramText.Parse("t1 = 12.578005546018142 / x; t2 = x + t1; t3 = t2 + -6.252305270295322; t4 = -12.587279729944015 / t3; t5 = 0.9999731534133118 - t4; return t5");
        var entries = new[]
        {
            new ArchiveEntry<DagProgram>(pole, new Fitness(1e-9, pole.Cost), 1, 1, 0),
            new ArchiveEntry<DagProgram>(fine, new Fitness(2.7e-5, fine.Cost), 2, 2, 0),
        };
        var front = FrontRemeasure.Run(problem.Target, entries, new DenseVerifier(problem.Target, 10_001));
        var p = front.Single(e => ReferenceEquals(e.Program, pole));
        var f = front.Single(e => ReferenceEquals(e.Program, fine));
        Assert.True(p.Singular && p.Dominated && double.IsPositiveInfinity(p.Error));
        Assert.False(f.Singular || f.Dominated);
        Assert.InRange(f.Error, 2.6e-5, 2.8e-5);
        Assert.InRange(f.Binary64Error, f.Error * 0.99, f.Error * 1.01);
    }

    [Fact]
    public void Polishing_the_front_refits_constants_the_search_left_short_and_keeps_the_structure()
    {
        // ((H + x)/(H - x))^2 with H = a s + b + c/(s + d), s = x^2: 10 ops, e(0) = 0 pinned by the form. These are
        // the constants the search's 30-iteration fit stops at (5.4e-12); the form's optimum is about 1.3e-12.
        var problem = new RealApproximationProblem(new RealApproximationSpec("exp", 0, 1));
        var shortFit = ProgramText.Parse("t1 = x * x; t2 = t1 + 168.00038796450235; t3 = -1646.4180826839224 / t2; t4 = t1 * 0.024999629696681527; " +
            "t5 = t4 + t3; t6 = t5 + 13.800085003423758; t7 = t6 + x; t8 = t6 - x; t9 = t7 / t8; t10 = t9 * t9; return t10");
        var entry = new ArchiveEntry<DagProgram>(shortFit, new Fitness(5.45e-12, shortFit.Cost), 1, 1, 0);
        var verifier = new DenseVerifier(problem.Target, 20_001);
        var plain = FrontRemeasure.Run(problem.Target, [entry], verifier).Single();
        var polished = FrontRemeasure.Run(problem.Target, [entry], verifier, problem.FitData).Single();
        Assert.False(plain.Polished);
        Assert.InRange(plain.Error, 5e-12, 6e-12);
        Assert.True(polished.Polished);
        Assert.True(polished.Error < 1.5e-12, $"polished {polished.Error:E3} vs {plain.Error:E3}");
        Assert.Equal(10, polished.Program.Cost);
        Assert.Equal(shortFit.Instructions.ToArray(), polished.Program.Instructions.ToArray());
        Assert.Equal(5.45e-12, polished.SampleError); // the search's figure stays on record
    }
}
