using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Engine;

public class ParetoArchiveTests
{
    private static ArchiveEntry<int> E(int id, int cost, double error) => new(id, new Fitness(error, cost), id, id, 0);

    [Fact]
    public void Keeps_only_non_dominated_entries_and_the_best_error_per_cost()
    {
        var a = new ParetoArchive<int>();
        Assert.True(a.TryAdd(E(0, 5, 1e-3)));
        Assert.True(a.TryAdd(E(1, 3, 1e-2)));
        Assert.False(a.TryAdd(E(2, 6, 1e-3)));  // dominated: costlier, same error
        Assert.False(a.TryAdd(E(3, 5, 1e-3)));  // equal: the first one stays
        Assert.True(a.TryAdd(E(4, 5, 1e-4)));   // better at the same cost replaces it
        Assert.True(a.TryAdd(E(5, 2, 1e-5)));   // dominates both others
        Assert.Equal([5], a.Entries.Select(e => e.Genome));
        Assert.False(a.TryAdd(E(6, 1, double.NaN)));
        Assert.False(a.TryAdd(E(7, 1, double.PositiveInfinity)));
        Assert.True(a.TryAdd(E(8, 1, 0.5)));
        Assert.Equal(0.5, a.BestErrorAtMost(1));
        Assert.Equal(1e-5, a.BestErrorAtMost(100));
        Assert.Equal(double.PositiveInfinity, a.BestErrorAtMost(0));
        Assert.Equal(8, a.At(1)!.Genome);
        Assert.Null(a.At(3));
    }

    [Fact]
    public void Matches_a_brute_force_front_on_random_insertions()
    {
        var rng = new Xoshiro256(11);
        for (int trial = 0; trial < 50; trial++)
        {
            var a = new ParetoArchive<int>();
            var all = new List<Fitness>();
            for (int i = 0; i < 200; i++)
            {
                var f = new Fitness(Math.Round(rng.NextDouble() * 20) / 20, rng.NextInt(12));
                all.Add(f);
                a.TryAdd(new ArchiveEntry<int>(i, f, i, i, 0));
            }
            // Brute force: distinct fitnesses not dominated by any other.
            var expected = all.Distinct().Where(f => !all.Any(g => g.Dominates(f))).OrderBy(f => f.Cost).ToList();
            Assert.Equal(expected, a.Entries.Select(e => e.Fitness));
            // Ties keep the first: each entry is the earliest insertion with its fitness.
            foreach (var e in a.Entries) Assert.Equal(all.IndexOf(e.Fitness), e.Genome);
        }
    }

    [Fact]
    public void Hypervolume_is_the_staircase_area_in_log_error()
    {
        // Front (1, 1e-1), (3, 1e-4): ref (5, 1). Area = 2*1 + 2*4 = 10. A dominated point adds nothing.
        Fitness[] front = [new(1e-1, 1), new(1e-4, 3), new(1e-2, 4)];
        Assert.Equal(10, FrontMetrics.Hypervolume(front, 5, 1.0), 12);
        Assert.Equal(0, FrontMetrics.Hypervolume([], 5, 1.0));
        Assert.Equal(2 * 17 + 0, FrontMetrics.Hypervolume([new Fitness(0, 3)], 5, 1.0), 12); // floored at 1e-17
    }

    [Fact]
    public void Pareto_csv_quotes_program_text_and_round_trips_errors()
    {
        var a = new ParetoArchive<string>();
        a.TryAdd(new("t1 = x * 0.5; return \"t1\"", new Fitness(0.1 + 0.2, 2), 0, 1, 0));
        string csv = ParetoCsv.Format(a.Entries, g => g);
        Assert.Equal("cost,error,program\n2,0.30000000000000004,\"t1 = x * 0.5; return \"\"t1\"\"\"\n", csv);
    }
}
