using System.Text;
using AutoNumerics.Evolution.Engine;

namespace AutoNumerics.Evolution.Tests.Engine;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = EngineTestKit.TempDir();
    private readonly PolynomialProblem _problem = new(cacheable: true);
    private string Current => Path.Combine(_dir, Checkpoint.FileName);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SearchState<double[]> SmallRun(long evaluations = 400, ulong seed = 5)
    {
        var engine = new RegularizedEvolution<double[]>(_problem);
        var state = engine.NewState(new SearchSettings(PopulationSize: 40, TournamentSize: 4, Seed: seed, CacheCapacity: 64));
        engine.Run(state, new RunOptions { Budget = Budget.Evaluations(evaluations), CheckpointDirectory = _dir });
        return state;
    }

    [Theory]
    [InlineData(SelectionKind.PerCost)]
    [InlineData(SelectionKind.Nsga2)]
    public void Checkpoint_load_and_continue_equals_the_uninterrupted_run(SelectionKind selection)
    {
        var settings = new SearchSettings(PopulationSize: 50, TournamentSize: 6, Selection: selection, Seed: 2024, CacheCapacity: 100);
        var straight = EngineTestKit.RunToy(_problem, settings, 8000);

        var engine = new RegularizedEvolution<double[]>(_problem);
        var first = engine.NewState(settings);
        engine.Run(first, new RunOptions { Budget = Budget.Evaluations(3777), CheckpointDirectory = _dir });
        // A fresh engine and problem instance, as after a process restart.
        var fresh = new PolynomialProblem(cacheable: true);
        var resumedEngine = new RegularizedEvolution<double[]>(fresh);
        var resumed = resumedEngine.LoadState(_dir);
        Assert.Equal(3777, resumed.Evaluations);
        Assert.Equal(EngineTestKit.Canonical(first, _problem), EngineTestKit.Canonical(resumed, fresh));
        resumedEngine.Run(resumed, new RunOptions { Budget = Budget.Evaluations(8000), CheckpointDirectory = _dir });

        Assert.Equal(EngineTestKit.Canonical(straight, _problem), EngineTestKit.Canonical(resumed, fresh));
        Assert.Equal(2, resumed.Sessions);
        Assert.True(straight.CacheHits > 0 && straight.Cache.Count == 100, "the cache is exercised and full, so its contents matter");
    }

    [Fact]
    public void Checkpoint_round_trips_every_field_including_NaN_and_awkward_doubles()
    {
        var state = SmallRun();
        // Put values that only an exact writer preserves into the population through a second engine run.
        var loaded = Checkpoint.Load(_dir, _problem);
        Assert.Equal(EngineTestKit.Canonical(state, _problem), EngineTestKit.Canonical(loaded, _problem));
        Assert.Equal(state.ElapsedSeconds, loaded.ElapsedSeconds);
        Assert.Equal(state.WorkerRngs, loaded.WorkerRngs);
        Assert.Equal(state.Sessions, loaded.Sessions);

        var codec = _problem;
        double[] awkward = [0.1 + 0.2, double.Epsilon, -0.0, 1e308, Math.PI, 5e-324, BitConverter.Int64BitsToDouble(0x3FEFFFFFFFFFFFFF)];
        var pop = new Population<double[]>(3);
        Assert.Equal(codec.Format(awkward), codec.Format(codec.Parse(codec.Format(awkward))));
        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits), codec.Parse(codec.Format(awkward)).Select(BitConverter.DoubleToInt64Bits));

        var s = SearchState<double[]>.Create(new SearchSettings(PopulationSize: 3), _problem.Name);
        s.Population.Add(new Individual<double[]>(0, -1, awkward, new Fitness(double.NaN, 7)));
        s.Population.Add(new Individual<double[]>(1, 0, [1], new Fitness(double.PositiveInfinity, 1)));
        s.Population.Add(new Individual<double[]>(2, 0, [2], new Fitness(0.1 + 0.2, 1)));
        Checkpoint.Save(s, codec, _dir);
        var back = Checkpoint.Load(_dir, _problem);
        Assert.True(double.IsNaN(back.Population[0].Fitness.Error));
        Assert.Equal(double.PositiveInfinity, back.Population[1].Fitness.Error);
        Assert.Equal(0.1 + 0.2, back.Population[2].Fitness.Error);
        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits), back.Population[0].Genome.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Truncated_checkpoint_raises_the_dedicated_exception()
    {
        SmallRun();
        byte[] bytes = File.ReadAllBytes(Current);
        foreach (int keep in new[] { 0, 1, bytes.Length / 3, bytes.Length - 2 })
        {
            File.WriteAllBytes(Current, bytes[..keep]);
            var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem));
            Assert.DoesNotContain('\n', ex.Message);
            Assert.Contains(Current, ex.Message);
            Assert.Equal(Current, ex.Path);
        }
    }

    [Fact]
    public void Corrupted_checkpoint_fails_the_checksum()
    {
        SmallRun();
        byte[] original = File.ReadAllBytes(Current);
        string text = File.ReadAllText(Current);
        int at = text.IndexOf("\"evaluations\":400", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(Current, text.Remove(at, 17).Insert(at, "\"evaluations\":401"));
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem));
        Assert.Contains("checksum", ex.Message);

        // A flipped byte inside a genome, too.
        byte[] bytes = original;
        int g = Encoding.UTF8.GetString(bytes).IndexOf("\"genome\":\"", StringComparison.Ordinal) + 11;
        bytes[g] = (byte)(bytes[g] == (byte)'1' ? '2' : '1');
        File.WriteAllBytes(Current, bytes);
        Assert.Contains("checksum", Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem)).Message);
    }

    [Fact]
    public void Wrong_version_format_or_problem_raise_the_dedicated_exception()
    {
        SmallRun();
        string text = File.ReadAllText(Current);
        File.WriteAllText(Current, text.Replace("\"version\":1,", "\"version\":2,"));
        Assert.Contains("format version 2", Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem)).Message);

        File.WriteAllText(Current, text.Replace("autonumerics-checkpoint", "something-else"));
        Assert.Contains("not an autonumerics-checkpoint file", Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem)).Message);

        File.WriteAllText(Current, "[1, 2, 3]");
        Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem));

        File.WriteAllText(Current, text);
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, new PolynomialProblem(maxLength: 5)));
        Assert.Contains("is for problem", ex.Message);
    }

    [Fact]
    public void Missing_field_with_a_valid_checksum_is_rejected()
    {
        var s = SmallRun();
        var payload = CheckpointCodec.ToPayload(s, _problem);
        byte[] good = Checkpoint.Serialize(payload);
        // Re-sign a payload that lacks "nextId", as a buggy writer might produce.
        string json = Encoding.UTF8.GetString(good);
        int p = json.IndexOf("\"payload\":", StringComparison.Ordinal) + 10;
        string body = json[p..^1];
        string broken = System.Text.RegularExpressions.Regex.Replace(body, "\"nextId\":\\d+,", "");
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(broken)));
        File.WriteAllText(Current, $"{{\"format\":\"autonumerics-checkpoint\",\"version\":1,\"sha256\":\"{hash}\",\"payload\":{broken}}}");
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem));
        Assert.Contains("missing or invalid field", ex.Message);
    }

    [Fact]
    public void A_crash_after_writing_the_temp_file_leaves_the_old_checkpoint_loadable()
    {
        var state = SmallRun(400);
        string before = EngineTestKit.Canonical(state, _problem);
        var later = SmallRun(900, seed: 6); // writes a newer checkpoint into the same directory...
        File.Copy(Path.Combine(_dir, Checkpoint.PreviousFileName), Current, overwrite: true); // ...then restore the 400 one
        byte[] newer = Checkpoint.Serialize(CheckpointCodec.ToPayload(later, _problem));

        // Crash 1: the temp file is (partly) written, never renamed.
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(Current, newer.AsSpan(0, newer.Length / 2), Path.Combine(_dir, Checkpoint.PreviousFileName), AtomicFile.CrashPoint.AfterTempWritten));
        Assert.True(File.Exists(AtomicFile.TempPath(Current)));
        Assert.Equal(before, EngineTestKit.Canonical(Checkpoint.Load(_dir, _problem), _problem));

        // Crash 2: the old checkpoint was rotated to .prev, the new one not yet renamed: loading falls back to .prev.
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(Current, newer, Path.Combine(_dir, Checkpoint.PreviousFileName), AtomicFile.CrashPoint.AfterPreviousRotated));
        Assert.False(File.Exists(Current));
        Assert.Equal(before, EngineTestKit.Canonical(Checkpoint.Load(_dir, _problem), _problem));

        // The next ordinary write recovers, overwriting the stale temp file.
        Checkpoint.Save(later, _problem, _dir);
        Assert.Equal(900, Checkpoint.Load(_dir, _problem).Evaluations);
        Assert.Equal(400, Checkpoint.LoadFile(Path.Combine(_dir, Checkpoint.PreviousFileName), _problem).Evaluations);
    }

    [Fact]
    public void No_checkpoint_is_a_dedicated_exception()
    {
        Assert.False(Checkpoint.Exists(_dir));
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(_dir, _problem));
        Assert.Contains("no checkpoint", ex.Message);
    }

    [Fact]
    public void Event_log_is_json_lines_appended_across_sessions()
    {
        string log = Path.Combine(_dir, "events.jsonl");
        var engine = new RegularizedEvolution<double[]>(_problem);
        var state = engine.NewState(new SearchSettings(PopulationSize: 30));
        using (var sink = new JsonLinesEventLog(log))
            engine.Run(state, new RunOptions { Budget = Budget.Evaluations(300), CheckpointDirectory = _dir, Events = sink });
        var resumed = engine.LoadState(_dir);
        using (var sink = new JsonLinesEventLog(log))
            engine.Run(resumed, new RunOptions { Budget = Budget.Evaluations(600), CheckpointDirectory = _dir, Events = sink });

        var events = JsonLinesEventLog.Read(log);
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.Equal(EventKinds.Started, kinds[0]);
        Assert.Equal(1, kinds.Count(k => k == EventKinds.Resumed));
        Assert.Equal(2, kinds.Count(k => k == EventKinds.Finished));
        Assert.Equal(EventKinds.Finished, kinds[^1]);
        Assert.Contains(events, e => e.Kind == EventKinds.Archive && e.Cost is not null && e.Genome is not null);
        Assert.Contains(events, e => e.Kind == EventKinds.Checkpoint && e.Path == Current);
        Assert.All(File.ReadAllLines(log), l => Assert.StartsWith("{", l));
        Assert.Equal(600, events[^1].Evaluations);
    }
}
