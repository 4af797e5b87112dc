using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Programs;

public class EquivalenceCacheTests
{
    private static readonly FunctionFingerprint Fp = new(FunctionFingerprint.DefaultProbes(0, 1));

    [Fact]
    public void Equivalent_programs_share_a_fingerprint_and_hit_the_cache()
    {
        var twice = ProgramText.Parse("t1 = x * 2; return t1");
        var sum = ProgramText.Parse("t1 = x + x; return t1");
        var thrice = ProgramText.Parse("t1 = x * 3; return t1");
        Assert.Equal(Fp.Compute(twice), Fp.Compute(sum));
        Assert.NotEqual(Fp.Compute(twice), Fp.Compute(thrice));

        var cache = new EquivalenceCache<double>(1024);
        Assert.False(cache.TryGet(Fp.Compute(twice), out _));
        cache.Set(Fp.Compute(twice), 1.5e-7);
        Assert.True(cache.TryGet(Fp.Compute(sum), out double v));
        Assert.Equal(1.5e-7, v);
        Assert.False(cache.TryGet(Fp.Compute(thrice), out _));
        Assert.Equal(1, cache.Hits);
        Assert.Equal(2, cache.Misses);
    }

    [Fact]
    public void Rounding_to_41_bits_absorbs_last_bit_noise()
    {
        double a = 0.7853981633974483;
        // Bits well inside one 2^12-ulp bucket: a few ulps of noise do not change the hash.
        double center = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & ~0xFFFL) | 0x400);
        Assert.Equal(FunctionFingerprint.Hash([center]), FunctionFingerprint.Hash([Math.BitIncrement(Math.BitIncrement(center))]));
        Assert.Equal(FunctionFingerprint.Hash([center]), FunctionFingerprint.Hash([Math.BitDecrement(center)]));
        Assert.NotEqual(FunctionFingerprint.Hash([center]), FunctionFingerprint.Hash([center * (1 + 1e-9)]));
        Assert.Equal(FunctionFingerprint.Hash([0.0]), FunctionFingerprint.Hash([-0.0]));
        Assert.Equal(FunctionFingerprint.Hash([double.NaN]), FunctionFingerprint.Hash([-double.NaN]));
    }

    [Fact]
    public void Least_recently_used_entry_of_a_set_is_evicted()
    {
        var cache = new EquivalenceCache<int>(4); // one set of 4 ways
        for (int k = 1; k <= 4; k++) cache.Set((ulong)k, k);
        Assert.True(cache.TryGet(1, out _)); // 1 is now the most recent; 2 the least
        cache.Set(5, 5);
        Assert.False(cache.TryGet(2, out _));
        foreach (ulong k in new ulong[] { 1, 3, 4, 5 }) Assert.True(cache.TryGet(k, out int v) && v == (int)k);
        cache.Set(3, 33); // replacing keeps one entry per key
        Assert.True(cache.TryGet(3, out int v3) && v3 == 33);
    }

    [Fact]
    public void Two_threads_can_share_the_cache()
    {
        var cache = new EquivalenceCache<ulong>(256);
        Parallel.For(0, 2, t =>
        {
            var rng = new Xoshiro256((ulong)t);
            for (int i = 0; i < 200_000; i++)
            {
                ulong key = (rng.NextUInt64() % 1000) + 1;
                if (cache.TryGet(key, out ulong v)) Assert.Equal(key * 7, v);
                else cache.Set(key, key * 7);
            }
        });
        Assert.True(cache.Hits > 0);
    }
}
