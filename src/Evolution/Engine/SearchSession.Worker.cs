using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The worker side of a session. One step is four phases: reserve (lock: budget check, choose a parent or decide on
/// a random genome), vary and evaluate (no lock: the expensive part, so workers overlap), commit (lock: insert the
/// child replacing the oldest, update the archive, counters and the worker's RNG). State changes only at commit, and
/// the worker's RNG is committed with the child it produced, so a snapshot taken under the lock is always a clean
/// point between evaluations: resuming from it redoes nothing twice and skips nothing. With one worker the steps are
/// strictly sequential and a run is a pure function of its seed.
/// </summary>
internal sealed partial class SearchSession<TGenome>
{
    /// <summary>A reserved step: the parent (null: a random genome) and the worker's RNG as of the reservation.</summary>
    private readonly record struct Job(Individual<TGenome>? Parent, Xoshiro256 Rng);

    private void WorkerLoop(object? index)
    {
        int w = (int)index!;
        var worker = _workers[w];
        try
        {
            while (TryReserve(w, out var job))
            {
                var rng = job.Rng;
                TGenome child = job.Parent is null ? worker.CreateRandom(ref rng) : worker.Mutate(job.Parent.Genome, ref rng);
                ulong hash = _cacheEnabled ? worker.BehaviourHash(child) : 0;
                Evaluated<TGenome> result = default;
                bool hit = hash != 0 && TryCached(hash, out result);
                if (!hit) result = worker.Evaluate(child, ref rng);
                Commit(w, job.Parent, rng, result, hash, hit);
            }
        }
        catch (Exception e)
        {
            lock (_lock) _failure ??= e; // stops the other workers at their next reservation
        }
        finally
        {
            _running!.Signal();
        }
    }

    private bool TryReserve(int w, out Job job)
    {
        lock (_lock)
        {
            if (ShouldStop()) { job = default; return false; }
            var rng = _state.WorkerRngs[w];
            var pop = _state.Population;
            Individual<TGenome>? parent = null;
            // The first P evaluations (counting those in flight) fill the population with random genomes.
            if (pop.Count == 0 || pop.Count + _inFlightRandom < pop.Capacity) _inFlightRandom++;
            else parent = _selection.Select(pop, _state.Settings.TournamentSize, ref rng);
            _inFlight++;
            job = new Job(parent, rng);
            return true;
        }
    }

    /// <summary>Under the lock. Evaluations in flight count against the budget, so it is met exactly.</summary>
    private bool ShouldStop()
    {
        if (_failure is not null) return true;
        if (_stopReason is not null) return true;
        var budget = _options.Budget;
        if (_ct.IsCancellationRequested) _stopReason = StopReason.Cancelled;
        else if (budget.MaxEvaluations is { } max && _state.Evaluations + _inFlight >= max) _stopReason = StopReason.EvaluationBudget;
        else if (budget.MaxTime is { } t && Elapsed >= t.TotalSeconds) _stopReason = StopReason.TimeBudget;
        return _stopReason is not null;
    }

    private bool TryCached(ulong hash, out Evaluated<TGenome> result)
    {
        lock (_lock) return _state.Cache.TryGet(hash, out result);
    }

    private void Commit(int w, Individual<TGenome>? parent, Xoshiro256 rng, Evaluated<TGenome> result, ulong hash, bool hit)
    {
        lock (_lock)
        {
            _state.WorkerRngs[w] = rng;
            _inFlight--;
            if (parent is null) _inFlightRandom--;
            else _state.Generations++;

            var f = result.Fitness;
            var child = new Individual<TGenome>(_state.NextId++, parent?.Id ?? -1, result.Genome, f);
            _state.Population.Add(child); // replaces the oldest once full
            _state.Evaluations++;
            if (!f.IsValid) _state.InvalidEvaluations++;
            if (hash != 0)
            {
                if (hit) _state.CacheHits++;
                else { _state.CacheMisses++; _state.Cache.Add(hash, result); }
            }

            double t = Elapsed;
            var entry = new ArchiveEntry<TGenome>(result.Genome, f, child.Id, _state.Evaluations, t);
            if (_state.Archive.TryAdd(entry))
            {
                _state.RecordHistory(new HistoryPoint(_state.Evaluations, t, f.Cost, f.Error));
                if (_options.Events is not null) _pendingArchiveEvents.Add(entry);
            }
        }
    }
}
