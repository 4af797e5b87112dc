using System.Globalization;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>Maps <see cref="SearchState{TGenome}"/> to the checkpoint payload and back, validating on the way in.</summary>
internal static class CheckpointCodec
{
    /// <summary>Snapshot of the state (call under the engine lock: it reads everything, formats genomes, copies).</summary>
    public static CheckpointPayload ToPayload<TGenome>(SearchState<TGenome> s, IGenomeCodec<TGenome> codec) => new()
    {
        Problem = s.ProblemName,
        Settings = new SettingsDto
        {
            PopulationSize = s.Settings.PopulationSize,
            TournamentSize = s.Settings.TournamentSize,
            Selection = Selections.Name(s.Settings.Selection),
            Seed = s.Settings.Seed,
            CacheCapacity = s.Settings.CacheCapacity,
        },
        Sessions = s.Sessions,
        Evaluations = s.Evaluations,
        Generations = s.Generations,
        InvalidEvaluations = s.InvalidEvaluations,
        CacheHits = s.CacheHits,
        CacheMisses = s.CacheMisses,
        NextId = s.NextId,
        ElapsedSeconds = s.ElapsedSeconds,
        WorkerRngs = [.. s.WorkerRngs.Select(r => new[] { Hex(r.S0), Hex(r.S1), Hex(r.S2), Hex(r.S3) })],
        Population = [.. s.Population.OldestFirst().Select(m => new MemberDto
        {
            Id = m.Id, ParentId = m.ParentId, Cost = m.Fitness.Cost, Error = m.Fitness.Error, Genome = codec.Format(m.Genome),
        })],
        Archive = [.. s.Archive.Entries.Select(e => new ArchiveDto
        {
            Id = e.Id, Evaluation = e.Evaluation, ElapsedSeconds = e.ElapsedSeconds,
            Cost = e.Fitness.Cost, Error = e.Fitness.Error, Genome = codec.Format(e.Genome),
        })],
        History = [.. s.History.Select(h => new HistoryDto
        {
            Evaluations = h.Evaluations, ElapsedSeconds = h.ElapsedSeconds, Cost = h.Cost, Error = h.Error,
        })],
        Cache = [.. s.Cache.OldestFirst().Select(c => new CacheDto
        {
            Key = Hex(c.Key), Cost = c.Value.Fitness.Cost, Error = c.Value.Fitness.Error, Genome = codec.Format(c.Value.Genome),
        })],
    };

    /// <summary>Rebuilds a state; any inconsistency is a <see cref="CheckpointException"/>.</summary>
    public static SearchState<TGenome> ToState<TGenome>(CheckpointPayload p, IProblem<TGenome> problem, string path)
    {
        CheckpointException Bad(string what, Exception? inner = null) => new(path, what, inner);

        if (p.Problem != problem.Name)
            throw Bad($"it is for problem '{p.Problem}', not '{problem.Name}'");
        if (!Selections.TryParse(p.Settings.Selection, out var selection))
            throw Bad($"unknown selection scheme '{p.Settings.Selection}'");
        var settings = new SearchSettings(p.Settings.PopulationSize, p.Settings.TournamentSize, selection, p.Settings.Seed, p.Settings.CacheCapacity);
        SearchState<TGenome> s;
        try { s = new SearchState<TGenome>(settings, p.Problem); }
        catch (ArgumentException e) { throw Bad($"invalid settings: {e.Message}", e); }

        if (p.Sessions < 0 || p.Evaluations < 0 || p.Generations < 0 || p.InvalidEvaluations < 0 || p.CacheHits < 0
            || p.CacheMisses < 0 || p.NextId < 0 || !(p.ElapsedSeconds >= 0))
            throw Bad("negative counter");
        s.Sessions = p.Sessions;
        s.Evaluations = p.Evaluations;
        s.Generations = p.Generations;
        s.InvalidEvaluations = p.InvalidEvaluations;
        s.CacheHits = p.CacheHits;
        s.CacheMisses = p.CacheMisses;
        s.NextId = p.NextId;
        s.ElapsedSeconds = p.ElapsedSeconds;

        if (p.WorkerRngs.Count == 0) throw Bad("no worker RNG state");
        foreach (var words in p.WorkerRngs)
        {
            if (words is not { Length: 4 }) throw Bad("an RNG state is not four words");
            try { s.WorkerRngs.Add(new Xoshiro256(ParseHex(words[0]), ParseHex(words[1]), ParseHex(words[2]), ParseHex(words[3]))); }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException) { throw Bad($"invalid RNG state: {e.Message}", e); }
        }

        if (p.Population.Count > settings.PopulationSize)
            throw Bad($"population has {p.Population.Count} members, more than its size {settings.PopulationSize}");
        foreach (var m in p.Population)
            s.Population.Add(new Individual<TGenome>(m.Id, m.ParentId, Parse(problem.Codec, m.Genome, "population", path), new Fitness(m.Error, m.Cost)));

        foreach (var a in p.Archive)
        {
            var entry = new ArchiveEntry<TGenome>(Parse(problem.Codec, a.Genome, "archive", path), new Fitness(a.Error, a.Cost), a.Id, a.Evaluation, a.ElapsedSeconds);
            if (!s.Archive.TryAdd(entry)) throw Bad($"archive entry at cost {a.Cost} is dominated: the archive is not a Pareto front");
        }

        s.RestoreHistory(p.History.Select(h => new HistoryPoint(h.Evaluations, h.ElapsedSeconds, h.Cost, h.Error)));

        if (p.Cache.Count > settings.CacheCapacity) throw Bad($"cache has {p.Cache.Count} entries, more than its capacity {settings.CacheCapacity}");
        foreach (var c in p.Cache)
        {
            ulong key;
            try { key = ParseHex(c.Key); }
            catch (Exception e) when (e is FormatException or OverflowException) { throw Bad($"invalid cache key '{c.Key}'", e); }
            s.Cache.Add(key, new Evaluated<TGenome>(Parse(problem.Codec, c.Genome, "cache", path), new Fitness(c.Error, c.Cost)));
        }
        if (s.Cache.Count != p.Cache.Count) throw Bad("cache has duplicate or zero keys");
        return s;
    }

    private static TGenome Parse<TGenome>(IGenomeCodec<TGenome> codec, string text, string where, string path)
    {
        try { return codec.Parse(text); }
        catch (Exception e) { throw new CheckpointException(path, $"unreadable genome in {where}: {e.Message}", e); }
    }

    private static string Hex(ulong v) => v.ToString("x16", CultureInfo.InvariantCulture);

    private static ulong ParseHex(string s) => ulong.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
