namespace AutoNumerics.Evolution.Programs;

/// <summary>The kinds of mutation, one per named weight in <see cref="MutationWeights"/>.</summary>
public enum MutationKind
{
    /// <summary>Insert a new op on an edge (or on the output): u -> v becomes u -> op(u, w) -> v.</summary>
    InsertOp,
    /// <summary>Remove an op by bypassing it: its users take one of its operands instead.</summary>
    RemoveOp,
    /// <summary>Point one operand of an op at another earlier node (or x).</summary>
    RewireInput,
    /// <summary>Change an op's operation (operands kept; an operand is added or dropped for fma).</summary>
    ChangeOp,
    /// <summary>c *= exp(sigma * N(0,1)).</summary>
    PerturbConstantMultiplicative,
    /// <summary>c += sigma * N(0,1).</summary>
    PerturbConstantAdditive,
    /// <summary>Replace one operand of an op by a fresh constant.</summary>
    AddConstant,
}

/// <summary>
/// Relative probabilities of each mutation kind, as named data (as in SymbolicRegression.jl). Kinds that do not
/// apply to a program (no constant to perturb, no op to remove) are skipped and the others renormalized.
/// </summary>
public sealed record MutationWeights
{
    public double InsertOp { get; init; } = 1.0;
    public double RemoveOp { get; init; } = 1.0;
    public double RewireInput { get; init; } = 1.0;
    public double ChangeOp { get; init; } = 1.0;
    public double PerturbConstantMultiplicative { get; init; } = 1.0;
    public double PerturbConstantAdditive { get; init; } = 0.5;
    public double AddConstant { get; init; } = 0.5;

    public static MutationWeights Default { get; } = new();

    public double this[MutationKind kind] => kind switch
    {
        MutationKind.InsertOp => InsertOp,
        MutationKind.RemoveOp => RemoveOp,
        MutationKind.RewireInput => RewireInput,
        MutationKind.ChangeOp => ChangeOp,
        MutationKind.PerturbConstantMultiplicative => PerturbConstantMultiplicative,
        MutationKind.PerturbConstantAdditive => PerturbConstantAdditive,
        MutationKind.AddConstant => AddConstant,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Throws if a weight is negative or not finite, or all are zero.</summary>
    public void Validate()
    {
        double sum = 0;
        foreach (var k in Enum.GetValues<MutationKind>())
        {
            double w = this[k];
            if (!double.IsFinite(w) || w < 0) throw new ArgumentException($"mutation weight {k} = {w} must be finite and >= 0");
            sum += w;
        }
        if (sum <= 0) throw new ArgumentException("all mutation weights are zero");
    }
}
