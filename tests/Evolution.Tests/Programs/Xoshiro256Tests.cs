using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Programs;

public class Xoshiro256Tests
{
    [Fact]
    public void Matches_the_reference_sequence()
    {
        // Reference outputs of xoshiro256** from state {1, 2, 3, 4}.
        var r = new Xoshiro256(1, 2, 3, 4);
        Assert.Equal(11520UL, r.NextUInt64());
        Assert.Equal(0UL, r.NextUInt64());
        Assert.Equal(1509978240UL, r.NextUInt64());
        Assert.Equal(1215971899390074240UL, r.NextUInt64());
    }

    [Fact]
    public void State_is_a_complete_checkpoint()
    {
        var a = new Xoshiro256(123);
        for (int i = 0; i < 10; i++) a.NextGaussian();
        var saved = (a.S0, a.S1, a.S2, a.S3);
        var b = new Xoshiro256(saved.S0, saved.S1, saved.S2, saved.S3);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextDouble(), b.NextDouble());
        var j = a; j.Jump();
        Assert.NotEqual(a.NextUInt64(), j.NextUInt64());
    }

    [Fact]
    public void Ranges_are_respected()
    {
        var r = new Xoshiro256(0);
        var counts = new int[5];
        for (int i = 0; i < 50_000; i++)
        {
            double d = r.NextDouble();
            Assert.InRange(d, 0.0, 0.9999999999999999);
            counts[r.NextInt(5)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }
}
