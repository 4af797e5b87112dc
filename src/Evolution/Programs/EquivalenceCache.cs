namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// Fingerprints the function a program computes from its outputs on fixed probe points, so functionally equivalent
/// programs (x*2 and x+x, reordered sums, ...) share one fitness measurement (automl_zero's functional-equivalence
/// cache).
/// <para>Each output is rounded to 41 significant bits (the low 12 of 52 mantissa bits rounded away on the bit
/// pattern) before hashing, so last-bit float noise between equivalent formulas (x*3 vs x+x+x) does not split a class.
/// Caveats: two outputs within that tolerance can still straddle a rounding boundary and hash apart (a miss, never
/// wrong); programs equal on all probes but different elsewhere collide, so use probes spread over the interval
/// (see <see cref="DefaultProbes"/>). All NaNs hash alike and -0 hashes as +0.</para>
/// Thread-safe (immutable).
/// </summary>
public sealed class FunctionFingerprint
{
    private readonly double[] _probes;

    public FunctionFingerprint(ReadOnlySpan<double> probePoints)
    {
        if (probePoints.IsEmpty) throw new ArgumentException("at least one probe point is needed", nameof(probePoints));
        _probes = probePoints.ToArray();
    }

    public ReadOnlySpan<double> ProbePoints => _probes;

    /// <summary>
    /// Irregularly spaced points strictly inside [lo, hi] (golden-ratio sequence), avoiding simple values like the
    /// end points or 0.5 where different formulas often agree by coincidence.
    /// </summary>
    public static double[] DefaultProbes(double lo, double hi, int count = 16)
    {
        var p = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u = ((i + 1) * 0.6180339887498949) % 1.0;
            p[i] = lo + (hi - lo) * (0.02 + 0.96 * u);
        }
        return p;
    }

    public ulong Compute(Program program)
    {
        int n = program.Length;
        Span<double> v = n <= 256 ? stackalloc double[n] : new double[n];
        Span<double> outs = _probes.Length <= 64 ? stackalloc double[_probes.Length] : new double[_probes.Length];
        for (int k = 0; k < _probes.Length; k++)
        {
            Interpreter.Evaluate(program, _probes[k], v);
            outs[k] = v[program.Output];
        }
        return Hash(outs);
    }

    /// <summary>Hash of outputs rounded to 41 significant bits (see class remarks). Never returns 0.</summary>
    public static ulong Hash(ReadOnlySpan<double> outputs)
    {
        ulong h = 0x243F6A8885A308D3UL;
        foreach (double d in outputs)
        {
            h = Mix(h ^ Round(d));
            h *= 0x9E3779B97F4A7C15UL;
        }
        h = Mix(h);
        return h == 0 ? 1 : h;
    }

    /// <summary>The bit pattern rounded to nearest on the 12 low mantissa bits; NaN and -0 canonicalized.</summary>
    internal static ulong Round(double d)
    {
        if (double.IsNaN(d)) return 0x7FF8000000000000UL;
        if (d == 0) return 0;
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(d);
        // Adding half an ulp of the kept precision carries correctly into the exponent (magnitude is monotonic in
        // the bit pattern); infinities stay distinct from the largest finite values only approximately, which is fine.
        return (bits + 0x800UL) & ~0xFFFUL;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// A bounded map from function fingerprint to a previously measured value (e.g. fitted error), 4-way set-associative
/// with least-recently-used replacement inside each set: memory is fixed, lookups are O(1), and old entries fade
/// out. One lock guards it: an uncontended lock costs ~20 ns against the ~10 us of an evaluation, so two workers
/// hardly ever wait on each other.
/// </summary>
public sealed class EquivalenceCache<TValue>
{
    private const int Ways = 4;
    private readonly ulong[] _keys;
    private readonly TValue[] _values;
    private readonly long[] _stamps;
    private readonly int _setMask;
    private readonly Lock _lock = new();
    private long _clock, _hits, _misses;

    /// <param name="capacity">Entries kept (rounded up to a power of two, at least 4).</param>
    public EquivalenceCache(int capacity = 1 << 16)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        int sets = (int)Math.Max(1, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((capacity + Ways - 1) / Ways)));
        _setMask = sets - 1;
        _keys = new ulong[sets * Ways];
        _values = new TValue[sets * Ways];
        _stamps = new long[sets * Ways];
    }

    public int Capacity => _keys.Length;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    private int SetStart(ulong key) => (int)((key >> 32 ^ key) & (ulong)_setMask) * Ways;

    /// <summary>Looks up a fingerprint (0 is reserved and never found).</summary>
    public bool TryGet(ulong key, out TValue value)
    {
        lock (_lock)
        {
            int s = SetStart(key);
            for (int w = s; w < s + Ways; w++)
            {
                if (_keys[w] == key && key != 0)
                {
                    _stamps[w] = ++_clock;
                    value = _values[w];
                    _hits++;
                    return true;
                }
            }
            _misses++;
            value = default!;
            return false;
        }
    }

    /// <summary>Stores or replaces the value for a fingerprint, evicting the least recently used entry of its set.</summary>
    public void Set(ulong key, TValue value)
    {
        if (key == 0) throw new ArgumentException("fingerprint 0 is reserved", nameof(key));
        lock (_lock)
        {
            int s = SetStart(key), victim = s;
            for (int w = s; w < s + Ways; w++)
            {
                if (_keys[w] == key) { victim = w; break; }
                if (_stamps[w] < _stamps[victim]) victim = w; // empty entries have stamp 0, so they go first
            }
            _keys[victim] = key;
            _values[victim] = value;
            _stamps[victim] = ++_clock;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_keys);
            Array.Clear(_values);
            Array.Clear(_stamps);
            _hits = _misses = 0;
        }
    }
}
