namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The search engine: asynchronous steady-state regularized (aging) evolution over any genome, with a Pareto archive
/// over (error, cost) and checkpoints. It knows genomes only through <see cref="IProblem{TGenome}"/>.
/// <code>
/// var engine = new RegularizedEvolution&lt;G&gt;(problem);
/// var state = Checkpoint.Exists(dir) ? engine.LoadState(dir) : engine.NewState(new SearchSettings(Seed: 1));
/// engine.Run(state, new RunOptions { Workers = 2, Budget = Budget.Time(TimeSpan.FromMinutes(30)), CheckpointDirectory = dir }, ct);
/// </code>
/// </summary>
public sealed class RegularizedEvolution<TGenome>(IProblem<TGenome> problem)
{
    public IProblem<TGenome> Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));

    /// <summary>A fresh search (nothing evaluated yet: the first P evaluations fill the population with random genomes).</summary>
    public SearchState<TGenome> NewState(SearchSettings settings) => SearchState<TGenome>.Create(settings, Problem.Name);

    /// <summary>The latest checkpoint of a run directory; throws <see cref="CheckpointException"/> if unusable.</summary>
    public SearchState<TGenome> LoadState(string checkpointDirectory) => Checkpoint.Load(checkpointDirectory, Problem);

    /// <summary>
    /// Runs a session until the budget is spent or <paramref name="cancellationToken"/> fires (Ctrl-C): in-flight
    /// evaluations are finished and committed, then a final checkpoint is written. The state is updated in place and
    /// can be run again (a longer budget continues it exactly as a resume from its checkpoint would). If the problem
    /// throws, the state is left as of the last committed evaluation, checkpointed, and the exception rethrown.
    /// </summary>
    public RunSummary Run(SearchState<TGenome> state, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (state.ProblemName != Problem.Name)
            throw new ArgumentException($"state is for problem '{state.ProblemName}', not '{Problem.Name}'", nameof(state));
        if (Interlocked.Exchange(ref state.InUse, 1) != 0)
            throw new InvalidOperationException("this search state is already being run");
        try
        {
            return new SearchSession<TGenome>(Problem, state, options, cancellationToken).Run();
        }
        finally
        {
            Volatile.Write(ref state.InUse, 0);
        }
    }
}
