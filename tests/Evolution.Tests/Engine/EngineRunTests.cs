using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Engine;

public class EngineRunTests
{
    [Theory]
    [InlineData(SelectionKind.PerCost)]
    [InlineData(SelectionKind.Nsga2)]
    [InlineData(SelectionKind.Error)]
    public void Seeded_single_worker_run_reproduces_itself_exactly(SelectionKind selection)
    {
        var problem = new PolynomialProblem(cacheable: true);
        var settings = new SearchSettings(PopulationSize: 60, TournamentSize: 5, Selection: selection, Seed: 42, CacheCapacity: 256);
        var a = EngineTestKit.RunToy(problem, settings, 5000);
        var b = EngineTestKit.RunToy(problem, settings, 5000);
        Assert.Equal(EngineTestKit.Canonical(a, problem), EngineTestKit.Canonical(b, problem));
        var c = EngineTestKit.RunToy(problem, settings with { Seed = 43 }, 5000);
        Assert.NotEqual(EngineTestKit.Canonical(a, problem), EngineTestKit.Canonical(c, problem));
        EngineTestKit.AssertInvariants(a);
        Assert.True(a.CacheHits > 0, "the toy's append-then-drop mutations should revisit genomes");
    }

    [Fact]
    public void Two_workers_complete_the_budget_exactly_and_keep_invariants()
    {
        var problem = new PolynomialProblem(cacheable: true);
        var state = EngineTestKit.RunToy(problem, new SearchSettings(PopulationSize: 100, Seed: 7, CacheCapacity: 512), 30_000, workers: 2);
        Assert.Equal(30_000, state.Evaluations);
        Assert.Equal(30_000, state.NextId);
        Assert.Equal(30_000 - 100, state.Generations);
        Assert.Equal(2, state.WorkerRngs.Count);
        Assert.Equal(100, state.Population.Count);
        Assert.Equal(30_000, state.CacheHits + state.CacheMisses);
        EngineTestKit.AssertInvariants(state);
        // Ids in the population are distinct and it holds recent children.
        Assert.Equal(100, state.Population.OldestFirst().Select(m => m.Id).Distinct().Count());
        Assert.True(state.Population[0].Id >= 30_000 - 100 - 2);
        Assert.True(state.Archive.Count >= 5);
    }

    [Fact]
    public void Cancellation_stops_at_an_evaluation_boundary_and_writes_a_final_checkpoint()
    {
        string dir = EngineTestKit.TempDir();
        try
        {
            var problem = new PolynomialProblem();
            var engine = new RegularizedEvolution<double[]>(problem);
            var state = engine.NewState(new SearchSettings(PopulationSize: 50, Seed: 3));
            using var cts = new CancellationTokenSource();
            var reports = new List<ProgressReport>();
            var sink = new MemoryEventSink();
            var options = new RunOptions
            {
                Workers = 2, CheckpointDirectory = dir, Events = sink,
                ProgressInterval = TimeSpan.FromMilliseconds(20), CheckpointInterval = TimeSpan.FromMilliseconds(40),
                Progress = r => { lock (reports) reports.Add(r); if (r.Evaluations > 20_000 && r.Elapsed > TimeSpan.FromMilliseconds(150)) cts.Cancel(); }, // after a periodic checkpoint or two
            };
            var summary = engine.Run(state, options, cts.Token);
            Assert.Equal(StopReason.Cancelled, summary.Reason);
            Assert.Equal(state.Evaluations, summary.TotalEvaluations);
            Assert.Equal(Path.Combine(dir, Checkpoint.FileName), summary.CheckpointPath);
            var loaded = Checkpoint.Load(dir, problem);
            Assert.Equal(EngineTestKit.Canonical(state, problem), EngineTestKit.Canonical(loaded, problem));
            Assert.True(reports.Count >= 2);
            Assert.True(reports[^1].Final);
            Assert.Contains(reports, r => !r.Final && r.EvaluationsPerSecond > 0 && r.Front.Count > 0);
            Assert.Contains(" evals | ", reports[^1].ToString());

            var kinds = sink.Events.Select(e => e.Kind).ToList();
            Assert.Equal(EventKinds.Started, kinds[0]);
            Assert.Equal(EventKinds.Finished, kinds[^1]);
            Assert.Equal("cancelled", sink.Events[^1].Detail);
            Assert.Contains(EventKinds.Checkpoint, kinds);
            // Every archive entry was announced (the last announcement per cost is the entry itself).
            var lastPerCost = sink.Events.Where(e => e.Kind == EventKinds.Archive).GroupBy(e => e.Cost).ToDictionary(g => g.Key!.Value, g => g.Last());
            foreach (var entry in state.Archive.Entries)
            {
                Assert.Equal(entry.Fitness.Error, lastPerCost[entry.Fitness.Cost].Error);
                Assert.Equal(problem.Format(entry.Genome), lastPerCost[entry.Fitness.Cost].Genome);
            }
            Assert.True(File.Exists(Path.Combine(dir, Checkpoint.PreviousFileName)), "periodic checkpoints rotate the previous one");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Time_budget_stops_the_run()
    {
        var problem = new PolynomialProblem();
        var engine = new RegularizedEvolution<double[]>(problem);
        var state = engine.NewState(new SearchSettings(PopulationSize: 20));
        var summary = engine.Run(state, new RunOptions { Budget = Budget.Time(TimeSpan.FromMilliseconds(200)) });
        Assert.Equal(StopReason.TimeBudget, summary.Reason);
        Assert.InRange(state.ElapsedSeconds, 0.2, 5);
        Assert.True(state.Evaluations > 100);
        // Running again with the same total budget does nothing more: budgets count the run's whole life.
        long before = state.Evaluations;
        engine.Run(state, new RunOptions { Budget = Budget.Time(TimeSpan.FromMilliseconds(200)) });
        Assert.Equal(before, state.Evaluations);
        Assert.Equal(2, state.Sessions);
    }

    [Fact]
    public void Problem_failure_is_rethrown_after_checkpointing_the_last_consistent_state()
    {
        string dir = EngineTestKit.TempDir();
        try
        {
            var problem = new PolynomialProblem(failAfter: 500);
            var engine = new RegularizedEvolution<double[]>(problem);
            var state = engine.NewState(new SearchSettings(PopulationSize: 30));
            var sink = new MemoryEventSink();
            var ex = Assert.Throws<InvalidOperationException>(() =>
                engine.Run(state, new RunOptions { Workers = 2, CheckpointDirectory = dir, Events = sink, Budget = Budget.Evaluations(10_000) }));
            Assert.Equal("toy evaluator failure", ex.Message);
            Assert.InRange(state.Evaluations, 499, 500);
            Assert.Equal(EventKinds.Failed, sink.Events[^1].Kind);
            var loaded = Checkpoint.Load(dir, new PolynomialProblem());
            Assert.Equal(state.Evaluations, loaded.Evaluations);
            // The state is usable again.
            engine = new RegularizedEvolution<double[]>(new PolynomialProblem());
            engine.Run(loaded, new RunOptions { Budget = Budget.Evaluations(1000) });
            Assert.Equal(1000, loaded.Evaluations);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_throwing_progress_callback_stops_the_workers_and_is_rethrown()
    {
        var engine = new RegularizedEvolution<double[]>(new PolynomialProblem());
        var state = engine.NewState(new SearchSettings(PopulationSize: 20));
        var options = new RunOptions
        {
            Workers = 2, ProgressInterval = TimeSpan.FromMilliseconds(10),
            Progress = _ => throw new IOException("stderr closed"),
        };
        Assert.Throws<IOException>(() => engine.Run(state, options)); // no budget: only the failure can end this run
        engine.Run(state, new RunOptions { Budget = Budget.Evaluations(state.Evaluations + 10) }); // the state is free again
    }

    [Fact]
    public void Invalid_genomes_age_out_but_never_reach_the_archive()
    {
        var engine = new RegularizedEvolution<double[]>(new NaNProblem());
        var state = engine.NewState(new SearchSettings(PopulationSize: 10));
        engine.Run(state, new RunOptions { Budget = Budget.Evaluations(200) });
        Assert.True(state.InvalidEvaluations > 0);
        Assert.All(state.Archive.Entries, e => Assert.True(e.Fitness.IsValid));
        EngineTestKit.AssertInvariants(state);
    }

    [Fact]
    public void Bad_options_and_mismatched_states_are_rejected()
    {
        var engine = new RegularizedEvolution<double[]>(new PolynomialProblem());
        var state = engine.NewState(new SearchSettings());
        Assert.Throws<ArgumentException>(() => engine.Run(state, new RunOptions { Workers = 0 }));
        Assert.Throws<ArgumentException>(() => engine.Run(state, new RunOptions { Budget = Budget.Evaluations(0) }));
        Assert.Throws<ArgumentException>(() => engine.Run(state, new RunOptions { Budget = Budget.Time(TimeSpan.Zero) }));
        Assert.Throws<ArgumentException>(() => engine.NewState(new SearchSettings(PopulationSize: 0)));
        var other = new RegularizedEvolution<double[]>(new PolynomialProblem(maxLength: 3));
        Assert.Throws<ArgumentException>(() => other.Run(state, new RunOptions { Budget = Budget.Evaluations(10) }));
    }

    /// <summary>Every genome whose first coefficient rounds to 42 is invalid (NaN error); random genomes are often so.</summary>
    private sealed class NaNProblem : IProblem<double[]>
    {
        private readonly PolynomialProblem _inner = new();
        public string Name => "nan toy";
        public IGenomeCodec<double[]> Codec => _inner;
        public IProblemWorker<double[]> CreateWorker(int workerIndex) => new Worker(_inner.CreateWorker(workerIndex));

        private sealed class Worker(IProblemWorker<double[]> inner) : IProblemWorker<double[]>
        {
            public double[] CreateRandom(ref Xoshiro256 rng) => rng.NextBool() ? [42.0] : inner.CreateRandom(ref rng);
            public double[] Mutate(double[] parent, ref Xoshiro256 rng) => inner.Mutate(parent, ref rng);
            public Evaluated<double[]> Evaluate(double[] genome, ref Xoshiro256 rng) => inner.Evaluate(genome, ref rng);
        }
    }
}
