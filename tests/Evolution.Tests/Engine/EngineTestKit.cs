using System.Text.Json;
using System.Text.Json.Nodes;
using AutoNumerics.Evolution.Engine;

namespace AutoNumerics.Evolution.Tests.Engine;

internal static class EngineTestKit
{
    public static SearchState<double[]> RunToy(PolynomialProblem problem, SearchSettings settings, long evaluations, int workers = 1)
    {
        var engine = new RegularizedEvolution<double[]>(problem);
        var state = engine.NewState(settings);
        engine.Run(state, new RunOptions { Workers = workers, Budget = Budget.Evaluations(evaluations) });
        return state;
    }

    /// <summary>The whole state as checkpoint JSON, minus what legitimately differs between equal runs (clock, session count).</summary>
    public static string Canonical<TGenome>(SearchState<TGenome> state, IGenomeCodec<TGenome> codec)
    {
        var payload = CheckpointCodec.ToPayload(state, codec);
        var node = JsonNode.Parse(JsonSerializer.Serialize(payload, Checkpoint.JsonOptions))!.AsObject();
        node["elapsedSeconds"] = 0;
        node["sessions"] = 0;
        foreach (var list in new[] { "archive", "history" })
            foreach (var item in node[list]!.AsArray()) item!["elapsedSeconds"] = 0;
        return node.ToJsonString();
    }

    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "an-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Every finite population member is weakly dominated by an archive entry; the archive is a strict staircase.</summary>
    public static void AssertInvariants<TGenome>(SearchState<TGenome> s)
    {
        var entries = s.Archive.Entries;
        for (int i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i].Fitness.Cost > entries[i - 1].Fitness.Cost);
            Assert.True(entries[i].Fitness.Error < entries[i - 1].Fitness.Error);
        }
        foreach (var m in s.Population.OldestFirst())
            if (m.Fitness.IsValid) Assert.True(s.Archive.Covers(m.Fitness), $"population member {m.Fitness} not covered by the archive");
        Assert.True(s.Population.Count <= s.Settings.PopulationSize);
        int levelTotal = 0;
        for (int k = 0; k < s.Population.LevelCount; k++) levelTotal += s.Population.LevelSize(k);
        Assert.Equal(s.Population.Count, levelTotal);
    }
}
