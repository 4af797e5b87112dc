using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>One point of the error-at-cost history: at this many evaluations, the front reached this error at this cost.</summary>
public sealed record HistoryPoint(long Evaluations, double ElapsedSeconds, int Cost, double Error);

/// <summary>
/// All mutable search state, in one place (SymbolicRegression.jl's SearchState): what a checkpoint saves and a resume
/// restores. Anything not in here is transient (in-flight work, stopwatches) and is rebuilt by a new session.
/// The engine mutates it only under its lock, and only when committing a finished evaluation, so a snapshot always
/// falls between evaluations.
/// </summary>
public sealed class SearchState<TGenome>
{
    /// <summary>History keeps a point when an error improves on the last recorded one at its cost by this factor
    /// (and always for a new cost): enough for plots of error over time, bounded for checkpoints of long runs.</summary>
    public const double HistoryStep = 0.99;

    private readonly Dictionary<int, double> _lastRecorded = new();

    /// <summary>1 while a session runs on this state (one session at a time).</summary>
    internal int InUse;

    internal SearchState(SearchSettings settings, string problemName)
    {
        settings.Validate();
        Settings = settings;
        ProblemName = problemName;
        Population = new Population<TGenome>(settings.PopulationSize);
        Cache = new EvaluationCache<TGenome>(settings.CacheCapacity);
    }

    /// <summary>A fresh state; worker i's stream is the seed's stream jumped i+1 times (2^128 steps apart).</summary>
    public static SearchState<TGenome> Create(SearchSettings settings, string problemName)
    {
        var s = new SearchState<TGenome>(settings, problemName);
        var first = new Xoshiro256(settings.Seed);
        first.Jump(); // the root stream itself is never used
        s.WorkerRngs.Add(first);
        return s;
    }

    public SearchSettings Settings { get; }
    public string ProblemName { get; }
    public Population<TGenome> Population { get; }
    public ParetoArchive<TGenome> Archive { get; } = new();
    public EvaluationCache<TGenome> Cache { get; }

    /// <summary>Each worker's RNG as of its last committed evaluation.</summary>
    public List<Xoshiro256> WorkerRngs { get; } = [];

    /// <summary>Evaluations committed (random genomes and children, cache hits included).</summary>
    public long Evaluations { get; internal set; }
    /// <summary>Children produced by mutation (evaluations beyond the initial random genomes).</summary>
    public long Generations { get; internal set; }
    /// <summary>Evaluations whose error was NaN or infinite.</summary>
    public long InvalidEvaluations { get; internal set; }
    public long CacheHits { get; internal set; }
    public long CacheMisses { get; internal set; }
    /// <summary>The next birth number.</summary>
    public long NextId { get; internal set; }
    /// <summary>Run time accumulated over all sessions (updated at snapshots and at the end of a session).</summary>
    public double ElapsedSeconds { get; internal set; }
    /// <summary>Sessions started: 1 for a fresh run, +1 per resume.</summary>
    public int Sessions { get; internal set; }
    public List<HistoryPoint> History { get; } = [];

    /// <summary>Adds worker streams, each the previous one jumped, so a resume with more workers stays seeded.</summary>
    internal void EnsureWorkers(int count)
    {
        while (WorkerRngs.Count < count)
        {
            var next = WorkerRngs[^1];
            next.Jump();
            WorkerRngs.Add(next);
        }
    }

    /// <summary>Records a front improvement in the history if it is a new cost or a big enough step.</summary>
    internal void RecordHistory(HistoryPoint p)
    {
        if (_lastRecorded.TryGetValue(p.Cost, out double last) && !(p.Error <= last * HistoryStep)) return;
        _lastRecorded[p.Cost] = p.Error;
        History.Add(p);
    }

    /// <summary>Rebuilds the derived history index after loading.</summary>
    internal void RestoreHistory(IEnumerable<HistoryPoint> points)
    {
        History.Clear();
        _lastRecorded.Clear();
        foreach (var p in points)
        {
            History.Add(p);
            _lastRecorded[p.Cost] = p.Error;
        }
    }
}
