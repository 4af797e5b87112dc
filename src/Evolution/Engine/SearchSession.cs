using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// One session of a run: the calling thread supervises (progress, periodic checkpoints, events) while W worker
/// threads evolve (<see cref="SearchSession{TGenome}"/>.Worker.cs). The search reads as its phases, in <see cref="Run"/>.
/// </summary>
internal sealed partial class SearchSession<TGenome>
{
    private readonly IProblem<TGenome> _problem;
    private readonly SearchState<TGenome> _state;
    private readonly RunOptions _options;
    private readonly CancellationToken _ct;
    private readonly ISelection _selection;
    private readonly IProblemWorker<TGenome>[] _workers;
    private readonly bool _cacheEnabled;

    // Everything below the lock line is shared with the workers and guarded by _lock.
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = new();
    private readonly double _elapsedBefore;
    private readonly long _evaluationsBefore;
    private readonly List<ArchiveEntry<TGenome>> _pendingArchiveEvents = [];
    private int _inFlight, _inFlightRandom;
    private StopReason? _stopReason;
    private Exception? _failure;

    private CountdownEvent? _running;
    private long _lastProgressEvaluations;
    private double _lastProgressSeconds;

    public SearchSession(IProblem<TGenome> problem, SearchState<TGenome> state, RunOptions options, CancellationToken ct)
    {
        _problem = problem;
        _state = state;
        _options = options;
        _ct = ct;
        _selection = Selections.Create(state.Settings.Selection);
        _cacheEnabled = state.Settings.CacheCapacity > 0;
        _elapsedBefore = state.ElapsedSeconds;
        _evaluationsBefore = _lastProgressEvaluations = state.Evaluations;
        _workers = new IProblemWorker<TGenome>[options.Workers];
        for (int w = 0; w < _workers.Length; w++) _workers[w] = problem.CreateWorker(w);
    }

    private double Elapsed => _elapsedBefore + _clock.Elapsed.TotalSeconds;

    public RunSummary Run()
    {
        Begin();
        StartWorkers();
        try { Supervise(); }
        catch (Exception e)
        {
            // A throwing progress callback or event sink stops the workers like a failing problem would.
            lock (_lock) _failure ??= e;
        }
        JoinWorkers();
        string? checkpoint = FinalCheckpoint();
        return Finish(checkpoint);
    }

    /// <summary>Counts the session, gives every worker an RNG stream, announces the start.</summary>
    private void Begin()
    {
        bool resumed = _state.Sessions > 0 || _state.Evaluations > 0;
        _state.Sessions++;
        _state.EnsureWorkers(_workers.Length);
        _clock.Start();
        var s = _state.Settings;
        Emit(new EngineEvent(resumed ? EventKinds.Resumed : EventKinds.Started, DateTimeOffset.UtcNow, _state.Evaluations, _elapsedBefore)
        {
            Detail = $"problem={_problem.Name} population={s.PopulationSize} tournament={s.TournamentSize} " +
                     $"selection={Selections.Name(s.Selection)} seed={s.Seed} workers={_workers.Length} session={_state.Sessions}",
        });
    }

    private void StartWorkers()
    {
        _running = new CountdownEvent(_workers.Length);
        for (int w = 0; w < _workers.Length; w++)
            new Thread(WorkerLoop) { IsBackground = true, Name = $"evolution-worker-{w}" }.Start(w);
    }

    /// <summary>Until every worker has stopped: progress, periodic checkpoints, and the event log.</summary>
    private void Supervise()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(
            Math.Min(_options.CheckpointInterval.TotalMilliseconds, _options.ProgressInterval.TotalMilliseconds), 5, 50));
        double nextProgress = _options.ProgressInterval.TotalSeconds;
        double nextCheckpoint = _options.CheckpointInterval.TotalSeconds;
        while (!_running!.Wait(tick))
        {
            FlushEvents();
            double now = _clock.Elapsed.TotalSeconds;
            if (now >= nextProgress)
            {
                ReportProgress(final: false);
                nextProgress = now + _options.ProgressInterval.TotalSeconds;
            }
            if (_options.CheckpointDirectory is not null && now >= nextCheckpoint)
            {
                PeriodicCheckpoint();
                nextCheckpoint = _clock.Elapsed.TotalSeconds + _options.CheckpointInterval.TotalSeconds;
            }
        }
    }

    private void JoinWorkers()
    {
        _running!.Wait();
        _running.Dispose();
        _clock.Stop();
        lock (_lock) _state.ElapsedSeconds = Elapsed;
        FlushEvents();
    }

    /// <summary>Always written, also after a failure: the state is consistent as of the last committed evaluation.</summary>
    private string? FinalCheckpoint() => _options.CheckpointDirectory is null ? null : WriteCheckpoint();

    private RunSummary Finish(string? checkpoint)
    {
        var reason = _stopReason ?? StopReason.Cancelled;
        if (_failure is not null)
        {
            Emit(new EngineEvent(EventKinds.Failed, DateTimeOffset.UtcNow, _state.Evaluations, _state.ElapsedSeconds)
            { Detail = $"{_failure.GetType().Name}: {_failure.Message}".ReplaceLineEndings(" ") });
            ExceptionDispatchInfo.Capture(_failure).Throw();
        }
        ReportProgress(final: true);
        Emit(new EngineEvent(EventKinds.Finished, DateTimeOffset.UtcNow, _state.Evaluations, _state.ElapsedSeconds)
        { Detail = ReasonName(reason) });
        return new RunSummary(reason, _state.Evaluations - _evaluationsBefore, _state.Evaluations,
            TimeSpan.FromSeconds(_state.ElapsedSeconds - _elapsedBefore), checkpoint);
    }

    private void PeriodicCheckpoint()
    {
        try { WriteCheckpoint(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The previous checkpoint is intact (atomic write), so keep searching and try again next time.
            Emit(new EngineEvent(EventKinds.CheckpointFailed, DateTimeOffset.UtcNow, _state.Evaluations, Elapsed)
            { Detail = e.Message.ReplaceLineEndings(" ") });
        }
    }

    /// <summary>Snapshots under the lock (so between two evaluations), then writes outside it.</summary>
    private string WriteCheckpoint()
    {
        CheckpointPayload payload;
        lock (_lock)
        {
            _state.ElapsedSeconds = Elapsed;
            payload = CheckpointCodec.ToPayload(_state, _problem.Codec);
        }
        FlushEvents(); // archive events precede the checkpoint that contains them
        string path = Checkpoint.Write(payload, _options.CheckpointDirectory!);
        Emit(new EngineEvent(EventKinds.Checkpoint, DateTimeOffset.UtcNow, payload.Evaluations, payload.ElapsedSeconds) { Path = path });
        return path;
    }

    private void ReportProgress(bool final)
    {
        if (_options.Progress is null) return;
        long evaluations;
        double elapsed;
        Fitness[] front;
        long hits, misses;
        lock (_lock)
        {
            evaluations = _state.Evaluations;
            elapsed = Elapsed;
            front = [.. _state.Archive.Entries.Select(e => e.Fitness)];
            (hits, misses) = (_state.CacheHits, _state.CacheMisses);
        }
        double session = elapsed - _elapsedBefore;
        double window = session - _lastProgressSeconds;
        double rate = final
            ? (session > 0 ? (evaluations - _evaluationsBefore) / session : 0)
            : (window > 0 ? (evaluations - _lastProgressEvaluations) / window : 0);
        (_lastProgressEvaluations, _lastProgressSeconds) = (evaluations, session);

        TimeSpan? left = null;
        if (!final)
        {
            var budget = _options.Budget;
            if (budget.MaxTime is { } t) left = TimeSpan.FromSeconds(Math.Max(0, t.TotalSeconds - elapsed));
            if (budget.MaxEvaluations is { } m && rate > 0)
            {
                var byEvals = TimeSpan.FromSeconds(Math.Max(0, m - evaluations) / rate);
                left = left is { } l && l < byEvals ? l : byEvals;
            }
        }
        double hitRate = hits + misses > 0 ? (double)hits / (hits + misses) : 0;
        _options.Progress(new ProgressReport(evaluations, rate, TimeSpan.FromSeconds(elapsed), left, front, hitRate, final));
    }

    /// <summary>Emits the archive events the workers queued (genome text is formatted here, outside the lock).</summary>
    private void FlushEvents()
    {
        if (_options.Events is null) return;
        ArchiveEntry<TGenome>[] pending;
        lock (_lock)
        {
            if (_pendingArchiveEvents.Count == 0) return;
            pending = [.. _pendingArchiveEvents];
            _pendingArchiveEvents.Clear();
        }
        foreach (var e in pending)
        {
            Emit(new EngineEvent(EventKinds.Archive, DateTimeOffset.UtcNow, e.Evaluation, e.ElapsedSeconds)
            { Cost = e.Fitness.Cost, Error = e.Fitness.Error, Genome = _problem.Codec.Format(e.Genome) });
        }
    }

    private void Emit(EngineEvent e) => _options.Events?.Emit(e);

    internal static string ReasonName(StopReason r) => r switch
    {
        StopReason.EvaluationBudget => "evaluation-budget",
        StopReason.TimeBudget => "time-budget",
        _ => "cancelled",
    };
}
