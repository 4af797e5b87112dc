using System.Runtime.CompilerServices;

namespace AutoNumerics.Evolution.Programs;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small, fast generator whose whole state is the four public words, so a
/// checkpoint can store and restore it exactly. A mutable struct: pass it by <c>ref</c>. Seeded through SplitMix64
/// so any seed (including 0) gives a good state. Nothing here depends on the runtime's Random, so sequences are
/// stable across .NET versions. (Lives in Programs/ for now; it could move to Engine/ or a shared folder.)
/// </summary>
public struct Xoshiro256
{
    public ulong S0, S1, S2, S3;

    public Xoshiro256(ulong seed)
    {
        S0 = SplitMix64(ref seed);
        S1 = SplitMix64(ref seed);
        S2 = SplitMix64(ref seed);
        S3 = SplitMix64(ref seed);
    }

    public Xoshiro256(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("xoshiro256 state must not be all zero");
        (S0, S1, S2, S3) = (s0, s1, s2, s3);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(S1 * 5, 7) * 9;
        ulong t = S1 << 17;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = ulong.RotateLeft(S3, 45);
        return result;
    }

    /// <summary>Uniform in [0, n) (multiply-high; the bias is below 2^-32 for the small n used here).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (int)Math.BigMul(NextUInt64(), (ulong)n, out _);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool NextBool() => (NextUInt64() >> 63) != 0;

    /// <summary>Standard normal (Box-Muller; the second value is discarded so the state stays four words).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Advances by 2^128 steps: call repeatedly on a copy to give each worker a non-overlapping stream.</summary>
    public void Jump()
    {
        ReadOnlySpan<ulong> jump = [0x180EC6D33CFD0ABAUL, 0xD5A61266F0C9392CUL, 0xA9582618E03FC9AAUL, 0x39ABDC4529B1661CUL];
        ulong s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        foreach (ulong j in jump)
        {
            for (int b = 0; b < 64; b++)
            {
                if ((j & (1UL << b)) != 0) { s0 ^= S0; s1 ^= S1; s2 ^= S2; s3 ^= S3; }
                NextUInt64();
            }
        }
        (S0, S1, S2, S3) = (s0, s1, s2, s3);
    }
}
