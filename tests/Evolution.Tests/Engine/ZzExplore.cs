using System.Globalization;
using AutoNumerics.Evolution.Engine;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Engine;

public class ZzExplore(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        if (Environment.GetEnvironmentVariable("EXPLORE") is null) return;
        foreach (var (P, T, budget) in new[] { (100, 5, 40000), (200, 10, 40000), (500, 20, 100000), (100, 10, 100000) })
        foreach (var kind in Enum.GetValues<SelectionKind>())
        {
            var hv = new List<double>();
            string front = "";
            for (ulong seed = 1; seed <= 10; seed++)
            {
                var problem = new PolynomialProblem(maxLength: 8);
                var state = EngineTestKit.RunToy(problem, new SearchSettings(P, T, kind, seed, 0), budget);
                hv.Add(FrontMetrics.Hypervolume(state.Archive, 9, 1));
                if (seed == 1) front = string.Join(" ", state.Archive.Entries.Select(e => $"{e.Fitness.Cost}:{e.Fitness.Error:0.0e0}"));
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P={P} T={T} B={budget} {Selections.Name(kind),-8} mean {hv.Average():F2} sd {Math.Sqrt(hv.Select(h => (h - hv.Average()) * (h - hv.Average())).Average()):F2} | {front}"));
        }
    }
}
