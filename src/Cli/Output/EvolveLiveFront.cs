using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Problems.RealApproximation;

namespace AutoNumerics.Cli.Output;

/// <summary>
/// Keeps the front from the engine's archive events and rewrites pareto.csv (atomically, at most every 10 s, with the
/// errors the search measured on its samples) while a run is going, so a long run can be watched and a killed run
/// still has a recent front. The final write, with densely re-measured errors, is <see cref="EvolveOutputs"/>'s.
/// Events and progress both arrive on the engine's supervising thread; the lock is for safety only.
/// </summary>
public sealed class LiveFront : IEventSink
{
    private readonly string _path;
    private readonly ParetoArchive<string> _archive = new();
    private readonly Lock _lock = new();
    private DateTime _lastWrite = DateTime.MinValue;
    private bool _dirty;

    public LiveFront(string runDir, RealApproximationProblem problem, IEnumerable<(Fitness Fitness, string Program)> initial)
    {
        _path = Path.Combine(runDir, "pareto.csv");
        foreach (var (f, p) in initial) _archive.TryAdd(new ArchiveEntry<string>(p, f, 0, 0, 0));
    }

    public void Emit(EngineEvent e)
    {
        if (e.Kind != EventKinds.Archive || e.Cost is not { } cost || e.Error is not { } error || e.Genome is null) return;
        lock (_lock) _dirty |= _archive.TryAdd(new ArchiveEntry<string>(e.Genome, new Fitness(error, cost), 0, e.Evaluations, e.ElapsedSeconds));
    }

    public void MaybeWrite()
    {
        lock (_lock)
        {
            if (!_dirty || DateTime.UtcNow - _lastWrite < TimeSpan.FromSeconds(10)) return;
            try
            {
                ParetoCsv.Write(_path, _archive.Entries, p => p);
                _dirty = false;
                _lastWrite = DateTime.UtcNow;
            }
            catch (IOException) { } // try again at the next progress tick
        }
    }
}
