namespace AutoNumerics.Evolution.Engine;

/// <summary>A population member. Immutable: parents are shared with the selection code of every worker.</summary>
/// <param name="Id">Birth number (0, 1, 2, ... in commit order); with one worker it equals the evaluation index.</param>
/// <param name="ParentId">Id of the parent, or -1 for a random genome of the initial population.</param>
public sealed record Individual<TGenome>(long Id, long ParentId, TGenome Genome, Fitness Fitness);
