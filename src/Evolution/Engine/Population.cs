namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// The aging population of regularized evolution: a FIFO of fixed capacity where a newcomer replaces the oldest
/// member. Members are indexed by age (0 = oldest), and also grouped by cost level so per-cost selection needs no scan.
/// <para>Every order here is a function of the insertion sequence alone (the global FIFO and, inside each cost level,
/// age order too, because the member evicted is always the oldest of its level). So a population rebuilt from a
/// checkpoint by re-adding members oldest first selects exactly like the original: resume stays exact.</para>
/// Not thread-safe: the engine guards it with its lock.
/// </summary>
public sealed class Population<TGenome>
{
    private readonly Individual<TGenome>[] _ring;
    private int _head, _count;
    private readonly SortedList<int, Fifo<Individual<TGenome>>> _levels = new();

    public Population(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new Individual<TGenome>[capacity];
    }

    public int Capacity => _ring.Length;
    public int Count => _count;
    public bool IsFull => _count == _ring.Length;

    /// <summary>Member by age: 0 is the oldest (the next to be evicted), Count-1 the newest.</summary>
    public Individual<TGenome> this[int age]
    {
        get
        {
            if ((uint)age >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(age));
            return _ring[(_head + age) % _ring.Length];
        }
    }

    /// <summary>Adds a member as the newest; when full, evicts and returns the oldest.</summary>
    public Individual<TGenome>? Add(Individual<TGenome> member)
    {
        Individual<TGenome>? evicted = null;
        if (IsFull)
        {
            evicted = _ring[_head];
            _ring[_head] = member;
            _head = (_head + 1) % _ring.Length;
            RemoveFromLevel(evicted);
        }
        else
        {
            _ring[(_head + _count) % _ring.Length] = member;
            _count++;
        }
        if (!_levels.TryGetValue(member.Fitness.Cost, out var level))
            _levels.Add(member.Fitness.Cost, level = new Fifo<Individual<TGenome>>());
        level.Enqueue(member);
        return evicted;
    }

    private void RemoveFromLevel(Individual<TGenome> evicted)
    {
        var level = _levels[evicted.Fitness.Cost];
        // The globally oldest member is necessarily the oldest of its level: levels are FIFOs too.
        if (!ReferenceEquals(level.Dequeue(), evicted)) throw new InvalidOperationException("population level order broken");
        if (level.Count == 0) _levels.Remove(evicted.Fitness.Cost);
    }

    /// <summary>Number of distinct cost levels present.</summary>
    public int LevelCount => _levels.Count;

    /// <summary>The cost of the k-th level, in increasing cost order.</summary>
    public int LevelCost(int k) => _levels.Keys[k];

    /// <summary>Number of members in the k-th level.</summary>
    public int LevelSize(int k) => _levels.Values[k].Count;

    /// <summary>The i-th oldest member of the k-th level.</summary>
    public Individual<TGenome> LevelMember(int k, int i) => _levels.Values[k][i];

    /// <summary>Members oldest first (the order checkpoints store).</summary>
    public IEnumerable<Individual<TGenome>> OldestFirst()
    {
        for (int i = 0; i < _count; i++) yield return this[i];
    }

    /// <summary>A growable ring buffer with indexed access (Queue&lt;T&gt; has no indexer).</summary>
    private sealed class Fifo<T>
    {
        private T[] _items = new T[8];
        private int _head, _count;

        public int Count => _count;
        public T this[int i] => _items[(_head + i) % _items.Length];

        public void Enqueue(T item)
        {
            if (_count == _items.Length)
            {
                var bigger = new T[_items.Length * 2];
                for (int i = 0; i < _count; i++) bigger[i] = this[i];
                _items = bigger;
                _head = 0;
            }
            _items[(_head + _count) % _items.Length] = item;
            _count++;
        }

        public T Dequeue()
        {
            T item = _items[_head];
            _items[_head] = default!;
            _head = (_head + 1) % _items.Length;
            _count--;
            return item;
        }
    }
}
