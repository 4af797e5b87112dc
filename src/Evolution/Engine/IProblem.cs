using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// A search problem, as the engine sees it: the engine knows nothing about genomes beyond these members
/// (automl_zero's injected Generator, Mutator and Evaluator).
/// </summary>
public interface IProblem<TGenome>
{
    /// <summary>
    /// Identifies the problem and its configuration (for example "real exp [0,1] relative"). Stored in checkpoints so a
    /// checkpoint is never resumed against a different problem.
    /// </summary>
    string Name { get; }

    /// <summary>Turns genomes into text and back, for checkpoints; must round-trip exactly.</summary>
    IGenomeCodec<TGenome> Codec { get; }

    /// <summary>
    /// One worker per engine thread. A worker is only ever called from one thread at a time, so it may own scratch
    /// buffers (tapes, fitting workspaces) without locking. Workers must not keep state that changes results between
    /// calls: a run is reproducible only if a worker's output depends on its arguments alone.
    /// </summary>
    IProblemWorker<TGenome> CreateWorker(int workerIndex);
}

/// <summary>The per-thread operations of a problem. All randomness must come from the <paramref name="rng"/> given.</summary>
public interface IProblemWorker<TGenome>
{
    /// <summary>A random genome for the initial population.</summary>
    TGenome CreateRandom(ref Xoshiro256 rng);

    /// <summary>A child of <paramref name="parent"/>; the parent is shared with the population and must not change.</summary>
    TGenome Mutate(TGenome parent, ref Xoshiro256 rng);

    /// <summary>Measures a genome (possibly refining it, e.g. fitting its constants).</summary>
    Evaluated<TGenome> Evaluate(TGenome genome, ref Xoshiro256 rng);

    /// <summary>
    /// A fingerprint of the genome's behaviour for the equivalence cache: genomes with equal non-zero hashes are
    /// assumed to evaluate alike, so the second one reuses the first one's evaluation. 0 means "do not cache".
    /// </summary>
    ulong BehaviourHash(TGenome genome) => 0;
}

/// <summary>Genome text serialization; <c>Parse(Format(g))</c> must give a genome that behaves exactly like g.
/// Called from the supervising thread while workers run, so it must be thread-safe (stateless).</summary>
public interface IGenomeCodec<TGenome>
{
    string Format(TGenome genome);

    /// <summary>Parses text from <see cref="Format"/>; throws (any exception) on malformed text.</summary>
    TGenome Parse(string text);
}
