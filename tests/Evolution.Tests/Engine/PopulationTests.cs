using AutoNumerics.Evolution.Engine;

namespace AutoNumerics.Evolution.Tests.Engine;

public class PopulationTests
{
    private static Individual<string> M(long id, int cost, double error = 1) => new(id, -1, $"g{id}", new Fitness(error, cost));

    [Fact]
    public void Child_replaces_the_oldest()
    {
        var pop = new Population<string>(4);
        for (int i = 0; i < 4; i++) Assert.Null(pop.Add(M(i, i % 2)));
        Assert.True(pop.IsFull);
        var evicted = pop.Add(M(4, 1));
        Assert.Equal(0, evicted!.Id);
        Assert.Equal(1, pop.Add(M(5, 0))!.Id);
        Assert.Equal([2L, 3, 4, 5], pop.OldestFirst().Select(m => m.Id));
        Assert.Equal(2, pop[0].Id);
        Assert.Equal(5, pop[3].Id);
    }

    [Fact]
    public void Cost_levels_track_members_in_age_order()
    {
        var pop = new Population<string>(3);
        pop.Add(M(0, 5)); pop.Add(M(1, 2)); pop.Add(M(2, 5));
        Assert.Equal(2, pop.LevelCount);
        Assert.Equal(2, pop.LevelCost(0));
        Assert.Equal(5, pop.LevelCost(1));
        Assert.Equal([0L, 2], new[] { pop.LevelMember(1, 0).Id, pop.LevelMember(1, 1).Id });
        pop.Add(M(3, 7)); // evicts id 0 (cost 5)
        pop.Add(M(4, 7)); // evicts id 1: level 2 disappears
        Assert.Equal([5, 7], Enumerable.Range(0, pop.LevelCount).Select(pop.LevelCost));
        Assert.Equal(2L, pop.LevelMember(0, 0).Id);
        Assert.Equal(1, pop.LevelSize(0));
    }

    [Fact]
    public void Level_queues_survive_many_evictions()
    {
        var pop = new Population<string>(17);
        var rng = new AutoNumerics.Evolution.Programs.Xoshiro256(3);
        for (int i = 0; i < 2000; i++)
        {
            pop.Add(M(i, rng.NextInt(4)));
            for (int k = 0; k < pop.LevelCount; k++)
            for (int j = 1; j < pop.LevelSize(k); j++)
                Assert.True(pop.LevelMember(k, j - 1).Id < pop.LevelMember(k, j).Id);
        }
        Assert.Equal(Enumerable.Range(2000 - 17, 17).Select(i => (long)i), pop.OldestFirst().Select(m => m.Id));
    }

    [Fact]
    public void Engine_population_holds_the_last_P_children_in_birth_order()
    {
        var state = EngineTestKit.RunToy(new PolynomialProblem(), new SearchSettings(PopulationSize: 50, Seed: 9), 333);
        Assert.Equal(Enumerable.Range(333 - 50, 50).Select(i => (long)i), state.Population.OldestFirst().Select(m => m.Id));
        // Every child after the initial population has a parent that was alive when it was born.
        foreach (var m in state.Population.OldestFirst())
            Assert.InRange(m.ParentId, m.Id - 50, m.Id - 1);
        Assert.Equal(333, state.Evaluations);
        Assert.Equal(333 - 50, state.Generations);
    }
}
