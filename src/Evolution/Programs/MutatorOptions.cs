namespace AutoNumerics.Evolution.Programs;

/// <summary>Configuration of a <see cref="Mutator"/> (immutable; one per search).</summary>
public sealed record MutatorOptions
{
    public MutationWeights Weights { get; init; } = MutationWeights.Default;
    /// <summary>Whether fma may be introduced (cost 2 in the cost model).</summary>
    public bool AllowFma { get; init; }
    public bool AllowDivision { get; init; } = true;
    /// <summary>Upper bound on instructions (ops, constants and x) of a child; bigger children are rejected.</summary>
    public int MaxInstructions { get; init; } = 64;
    /// <summary>Upper bound on a child's cost; costlier children are rejected.</summary>
    public int MaxCost { get; init; } = 32;
    /// <summary>Attempts before giving up on finding a child whose outputs on the probes differ from the parent's.</summary>
    public int MaxAttempts { get; init; } = 20;
    /// <summary>Log-scale step of the multiplicative constant perturbation: c *= exp(sigma * N(0,1)).</summary>
    public double MultiplicativeSigma { get; init; } = 0.1;
    /// <summary>Absolute step of the additive constant perturbation: c += sigma * N(0,1).</summary>
    public double AdditiveSigma { get; init; } = 0.1;
    /// <summary>Fold constant-only subgraphs of children into single constants (fewer redundant fitting parameters).</summary>
    public bool FoldConstants { get; init; } = true;

    public void Validate()
    {
        Weights.Validate();
        if (MaxInstructions < 2) throw new ArgumentException("MaxInstructions must be at least 2");
        if (MaxCost < 1) throw new ArgumentException("MaxCost must be at least 1");
        if (MaxAttempts < 1) throw new ArgumentException("MaxAttempts must be at least 1");
        if (!(MultiplicativeSigma > 0) || !(AdditiveSigma > 0)) throw new ArgumentException("perturbation sigmas must be > 0");
    }
}
