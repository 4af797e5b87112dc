using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Engine;

public class SelectionTests
{
    private static Population<string> Sample()
    {
        // Cost 1: 10 members; cost 2: 1 member; cost 3: 5 members. Errors decrease with id inside each level.
        var pop = new Population<string>(16);
        long id = 0;
        for (int i = 0; i < 10; i++, id++) pop.Add(new(id, -1, "a", new Fitness(1.0 / (i + 1), 1)));
        pop.Add(new(id++, -1, "b", new Fitness(0.5, 2)));
        for (int i = 0; i < 5; i++, id++) pop.Add(new(id, -1, "c", new Fitness(0.01 / (i + 1), 3)));
        return pop;
    }

    [Theory]
    [InlineData(SelectionKind.PerCost)]
    [InlineData(SelectionKind.Nsga2)]
    [InlineData(SelectionKind.Error)]
    public void Tournament_picks_from_the_population(SelectionKind kind)
    {
        var pop = Sample();
        var members = pop.OldestFirst().ToHashSet(ReferenceEqualityComparer.Instance);
        var sel = Selections.Create(kind);
        var rng = new Xoshiro256(1);
        for (int i = 0; i < 2000; i++) Assert.Contains(sel.Select(pop, 4, ref rng), members);
    }

    [Fact]
    public void Per_cost_chooses_levels_uniformly_and_the_best_in_a_level()
    {
        var pop = Sample();
        var sel = new PerCostTournament();
        var rng = new Xoshiro256(2);
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < 30_000; i++)
        {
            var m = sel.Select(pop, 1000, ref rng);
            counts[m.Fitness.Cost] = counts.GetValueOrDefault(m.Fitness.Cost) + 1;
            // A tournament of 1000 (capped at the level size, with replacement) almost surely finds the level's best.
        }
        Assert.All(counts.Values, c => Assert.InRange(c, 9_000, 11_000)); // the lone cost-2 member is as likely as a crowded level
        var best = Enumerable.Range(0, 200).Select(_ => sel.Select(pop, 1000, ref rng)).Where(m => m.Fitness.Cost == 3).ToList();
        Assert.True(best.Count(m => m.Fitness.Error == 0.002) > best.Count / 2);
    }

    [Fact]
    public void Error_tournament_of_the_whole_population_finds_the_best()
    {
        var pop = Sample();
        var rng = new Xoshiro256(3);
        Assert.Equal(0.002, new ErrorTournament().Select(pop, 500, ref rng).Fitness.Error);
    }

    [Fact]
    public void Nsga2_winner_is_non_dominated_in_the_population_when_the_tournament_covers_it()
    {
        var pop = Sample();
        var rng = new Xoshiro256(4);
        var all = pop.OldestFirst().ToList();
        for (int i = 0; i < 500; i++)
        {
            var m = new Nsga2Tournament().Select(pop, 200, ref rng);
            Assert.DoesNotContain(all, o => o.Fitness.Dominates(m.Fitness));
            Assert.True(m.Fitness.Cost is 1 or 3, $"{m.Fitness}"); // the ends of the front: crowding distance is infinite
        }
    }

    [Fact]
    public void Nsga2_picks_the_ends_of_the_sampled_front_where_crowding_distance_is_infinite()
    {
        var pop = new Population<string>(5);
        pop.Add(new(0, -1, "", new Fitness(1, 1)));
        pop.Add(new(1, -1, "", new Fitness(0.9, 2)));
        pop.Add(new(2, -1, "", new Fitness(1e-3, 5)));
        pop.Add(new(3, -1, "", new Fitness(1e-6, 10)));
        pop.Add(new(4, -1, "", new Fitness(0.99e-6, 11)));
        var rng = new Xoshiro256(5);
        var wins = new int[5];
        for (int i = 0; i < 2000; i++) wins[new Nsga2Tournament().Select(pop, 100, ref rng).Id]++;
        // Everything is drawn and non-dominated: only the cheapest and the most accurate can win, each about half the time.
        Assert.Equal(0, wins[1] + wins[2] + wins[3]);
        Assert.InRange(wins[0], 800, 1200);
    }

    [Fact]
    public void Invalid_members_lose()
    {
        var pop = new Population<string>(2);
        pop.Add(new(0, -1, "", new Fitness(double.NaN, 1)));
        pop.Add(new(1, -1, "", new Fitness(5, 1)));
        var rng = new Xoshiro256(6);
        foreach (var kind in Enum.GetValues<SelectionKind>())
            Assert.Equal(1, Selections.Create(kind).Select(pop, 50, ref rng).Id);
    }

    [Fact]
    public void Names_round_trip()
    {
        foreach (var kind in Enum.GetValues<SelectionKind>())
        {
            Assert.True(Selections.TryParse(Selections.Name(kind), out var back));
            Assert.Equal(kind, back);
            Assert.Equal(kind, Selections.Create(kind).Kind);
        }
        Assert.False(Selections.TryParse("roulette", out _));
        Assert.Equal(["per-cost", "nsga2", "error"], Selections.Names);
    }
}
