using System.Globalization;
using AutoNumerics.Evolution.Engine;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Engine;

/// <summary>
/// Which selection handles two objectives best, on the toy problem at a fixed budget: hypervolume of the final
/// archive in (cost, log10 error), reference point (cost 9, error 1), over several seeds.
/// Measured (P=100, T=10, 60,000 evaluations, seeds 1-6): see the report; per-cost wins by a wide margin.
/// </summary>
public class SelectionComparisonTests(ITestOutputHelper output)
{
    private const int Budget = 60_000, Seeds = 6;

    private static double Hypervolume(SelectionKind kind, ulong seed)
    {
        var problem = new PolynomialProblem(maxLength: 8);
        var state = EngineTestKit.RunToy(problem, new SearchSettings(PopulationSize: 100, TournamentSize: 10, Selection: kind, Seed: seed, CacheCapacity: 0), Budget);
        return FrontMetrics.Hypervolume(state.Archive, referenceCost: 9, referenceError: 1);
    }

    [Fact]
    public void Per_cost_tournament_reaches_a_better_front_than_nsga2_and_error_only()
    {
        var mean = new Dictionary<SelectionKind, double>();
        foreach (var kind in Enum.GetValues<SelectionKind>())
        {
            var hv = Enumerable.Range(1, Seeds).Select(s => Hypervolume(kind, (ulong)s)).ToArray();
            mean[kind] = hv.Average();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Selections.Name(kind),-8} mean {hv.Average():F2}  min {hv.Min():F2}  max {hv.Max():F2}  [{string.Join(", ", hv.Select(h => h.ToString("F2", CultureInfo.InvariantCulture)))}]"));
        }
        Assert.True(mean[SelectionKind.PerCost] > mean[SelectionKind.Nsga2]);
        Assert.True(mean[SelectionKind.PerCost] > mean[SelectionKind.Error]);
    }
}
