using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// NSGA-II's crowded comparison applied to a tournament: T members are drawn uniformly (with replacement); the winner
/// is on the first non-dominated front of the sample and, within it, has the largest crowding distance (the two ends
/// of the front have infinite distance). Errors are compared on a log scale, since they span many decades.
/// </summary>
public sealed class Nsga2Tournament : ISelection
{
    public SelectionKind Kind => SelectionKind.Nsga2;

    public Individual<TGenome> Select<TGenome>(Population<TGenome> population, int tournamentSize, ref Xoshiro256 rng)
    {
        if (population.Count == 0) throw new InvalidOperationException("cannot select from an empty population");
        int n = Math.Max(1, tournamentSize);
        var sample = new Individual<TGenome>[n];
        for (int t = 0; t < n; t++) sample[t] = population[rng.NextInt(population.Count)];

        // First front: valid, distinct members not dominated by another member of the sample (kept in draw order).
        var front = new List<Individual<TGenome>>(n);
        for (int i = 0; i < n; i++)
        {
            var a = sample[i];
            if (!a.Fitness.IsValid || front.Exists(f => ReferenceEquals(f, a))) continue;
            bool dominated = false;
            for (int j = 0; j < n && !dominated; j++) dominated = sample[j].Fitness.IsValid && sample[j].Fitness.Dominates(a.Fitness);
            if (!dominated) front.Add(a);
        }
        if (front.Count == 0) return sample[0]; // all invalid: any will do
        if (front.Count <= 2) return front[0];

        // Crowding distance along the front, sorted by cost (errors then decrease). Stable sort keeps draw order on ties.
        var order = Enumerable.Range(0, front.Count)
            .OrderBy(i => front[i].Fitness.Cost).ThenBy(i => front[i].Fitness.Error).ToArray();
        double costRange = front[order[^1]].Fitness.Cost - front[order[0]].Fitness.Cost;
        double errRange = LogError(front[order[0]]) - LogError(front[order[^1]]);
        var distance = new double[front.Count];
        distance[order[0]] = distance[order[^1]] = double.PositiveInfinity;
        for (int r = 1; r < order.Length - 1; r++)
        {
            var prev = front[order[r - 1]]; var next = front[order[r + 1]];
            double d = 0;
            if (costRange > 0) d += (next.Fitness.Cost - prev.Fitness.Cost) / costRange;
            if (errRange > 0) d += (LogError(prev) - LogError(next)) / errRange;
            distance[order[r]] += d;
        }
        int best = 0;
        for (int i = 1; i < front.Count; i++) if (distance[i] > distance[best]) best = i;
        return front[best];
    }

    private static double LogError<TGenome>(Individual<TGenome> m) => Math.Log10(Math.Max(Math.Abs(m.Fitness.Error), 1e-300));
}
