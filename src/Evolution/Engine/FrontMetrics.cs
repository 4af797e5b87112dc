namespace AutoNumerics.Evolution.Engine;

/// <summary>Measures of a (cost, error) front, to compare searches.</summary>
public static class FrontMetrics
{
    /// <summary>
    /// Hypervolume dominated by the front in the plane (cost, log10 error), bounded by the reference point
    /// (<paramref name="referenceCost"/>, <paramref name="referenceError"/>): the area of the staircase under the front.
    /// Log error because errors span decades (one more decade of accuracy counts the same at any level). Errors are
    /// floored at <paramref name="errorFloor"/> so an exact (zero-error) genome counts as finite. Larger is better.
    /// </summary>
    public static double Hypervolume(IEnumerable<Fitness> points, int referenceCost, double referenceError, double errorFloor = 1e-17)
    {
        double refLog = Math.Log10(referenceError);
        var sorted = points.Where(p => p.IsValid && p.Cost < referenceCost && p.Error < referenceError)
            .OrderBy(p => p.Cost).ThenBy(p => p.Error).ToList();
        double volume = 0, best = double.PositiveInfinity;
        for (int i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Error >= best) continue; // dominated by a cheaper point
            best = sorted[i].Error;
            int nextCost = referenceCost;
            for (int j = i + 1; j < sorted.Count; j++)
            {
                if (sorted[j].Error < best) { nextCost = sorted[j].Cost; break; }
            }
            double height = refLog - Math.Log10(Math.Max(best, errorFloor));
            volume += (nextCost - sorted[i].Cost) * height;
        }
        return volume;
    }

    /// <summary>Hypervolume of an archive (see the overload).</summary>
    public static double Hypervolume<TGenome>(ParetoArchive<TGenome> archive, int referenceCost, double referenceError, double errorFloor = 1e-17) =>
        Hypervolume(archive.Entries.Select(e => e.Fitness), referenceCost, referenceError, errorFloor);
}
