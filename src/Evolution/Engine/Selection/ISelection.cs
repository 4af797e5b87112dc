using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Engine;

/// <summary>The parent-selection schemes, switchable by name (see <see cref="Selections"/>).</summary>
public enum SelectionKind
{
    /// <summary>Pick a cost level uniformly, then a tournament by error inside it (<see cref="PerCostTournament"/>).</summary>
    PerCost,
    /// <summary>Tournament won by non-domination rank, then crowding distance (<see cref="Nsga2Tournament"/>).</summary>
    Nsga2,
    /// <summary>Plain tournament by error alone: the single-objective baseline that collapses the front.</summary>
    Error,
}

/// <summary>
/// Chooses a parent from the population. Called under the engine lock with the worker's RNG; an implementation must
/// draw only from that RNG and depend only on the population's (deterministic) order, so runs are reproducible.
/// </summary>
public interface ISelection
{
    SelectionKind Kind { get; }

    /// <summary>Selects a parent from a non-empty population.</summary>
    Individual<TGenome> Select<TGenome>(Population<TGenome> population, int tournamentSize, ref Xoshiro256 rng);
}

/// <summary>Names and factory for the selection schemes (the CLI's <c>--selection</c> values).</summary>
public static class Selections
{
    public static ISelection Create(SelectionKind kind) => kind switch
    {
        SelectionKind.PerCost => new PerCostTournament(),
        SelectionKind.Nsga2 => new Nsga2Tournament(),
        SelectionKind.Error => new ErrorTournament(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown selection scheme"),
    };

    public static string Name(SelectionKind kind) => kind switch
    {
        SelectionKind.PerCost => "per-cost",
        SelectionKind.Nsga2 => "nsga2",
        SelectionKind.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown selection scheme"),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<SelectionKind>().Select(Name)];

    public static bool TryParse(string name, out SelectionKind kind)
    {
        foreach (var k in Enum.GetValues<SelectionKind>())
        {
            if (string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }
}
