namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The engine's functional-equivalence cache: behaviour hash -> evaluation, first in first out at a fixed capacity.
/// Unlike <see cref="Programs.EquivalenceCache{TValue}"/> (LRU, opaque) its contents are part of the search state and
/// go into checkpoints: a cache hit returns an earlier, equivalent genome, so what the cache holds changes the
/// trajectory, and an exact resume needs the same contents. FIFO (not LRU) keeps lookups free of side effects.
/// Not thread-safe: the engine guards it with its lock.
/// </summary>
public sealed class EvaluationCache<TGenome>
{
    private readonly Dictionary<ulong, Evaluated<TGenome>> _map = new();
    private readonly Queue<ulong> _order = new();

    public EvaluationCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>0 disables the cache.</summary>
    public int Capacity { get; }
    public int Count => _map.Count;

    public bool TryGet(ulong key, out Evaluated<TGenome> value) => _map.TryGetValue(key, out value);

    /// <summary>Stores an evaluation unless the key is already present; evicts the oldest entry when full.</summary>
    public void Add(ulong key, Evaluated<TGenome> value)
    {
        if (Capacity == 0 || key == 0 || _map.ContainsKey(key)) return;
        if (_map.Count == Capacity) _map.Remove(_order.Dequeue());
        _map.Add(key, value);
        _order.Enqueue(key);
    }

    /// <summary>Entries oldest first (the order checkpoints store and reload).</summary>
    public IEnumerable<(ulong Key, Evaluated<TGenome> Value)> OldestFirst()
    {
        foreach (ulong k in _order) yield return (k, _map[k]);
    }
}
