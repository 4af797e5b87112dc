using AutoNumerics.Oracles.Float32;

namespace AutoNumerics.Oracles.Tests.Float32;

public class FloatRangeTests
{
    static uint Bits(float x) => BitConverter.SingleToUInt32Bits(x);

    [Fact]
    public void ParsesDecimalRange()
    {
        var r = FloatRange.Parse("-1:1");
        Assert.Equal(-1f, r.First);
        Assert.Equal(1f, r.Last);
        Assert.Equal(FloatBits.ToOrdered(-1f), r.FirstOrdered);
        Assert.Equal(FloatBits.ToOrdered(1f), r.LastOrdered);
        // [-1, 1] holds 2 * 0x3F800000 + 2 floats: both signs of each magnitude up to 1, and both zeros.
        Assert.Equal(2L * 0x3F800000 + 2, r.Length);
        Assert.True(r.IsExhaustive);
        Assert.Equal(r.Length, r.Count);
    }

    [Fact]
    public void ParsesHexFloatRange()
    {
        var r = FloatRange.Parse("0x1p-126:0x1.fffffep127");
        Assert.Equal(0x00800000u, Bits(r.First));
        Assert.Equal(0x7F7FFFFFu, Bits(r.Last));
        Assert.Equal(0x7F7FFFFFL - 0x00800000 + 1, r.Length);
    }

    [Fact]
    public void ParsesInfiniteBoundsAndSignedZero()
    {
        var r = FloatRange.Parse("-inf:inf");
        Assert.Equal(float.NegativeInfinity, r.First);
        Assert.Equal(float.PositiveInfinity, r.Last);
        Assert.Equal(2L * 0x7F800000 + 2, r.Length); // everything but the NaNs

        var z = FloatRange.Parse("-0:0");
        Assert.Equal(0x80000000u, Bits(z.First));
        Assert.Equal(0u, Bits(z.Last));
        Assert.Equal(2, z.Length);

        var single = FloatRange.Parse("1:1");
        Assert.Equal(1, single.Length);
        Assert.Equal(1f, FloatBits.FromOrdered(single.OrderedAt(0)));
    }

    [Theory]
    [InlineData("1:0")]
    [InlineData("inf:-inf")]
    [InlineData("0:-0")]
    public void ReversedRangeIsArgumentException(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => FloatRange.Parse(text));
        Assert.Contains("reversed", e.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("x:1")]
    [InlineData("1:y")]
    [InlineData("1:")]
    [InlineData("0xZZ:1")]
    public void GarbageIsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => FloatRange.Parse(text));
    }

    [Theory]
    [InlineData("nan:1")]
    [InlineData("0:NaN")]
    public void NaNBoundIsRejected(string text)
    {
        var e = Record.Exception(() => FloatRange.Parse(text));
        Assert.True(e is FormatException or ArgumentException, $"got {e?.GetType().Name ?? "no exception"}");
    }

    [Fact]
    public void BetweenRejectsNonPositiveSamplesAndNaN()
    {
        Assert.Throws<ArgumentException>(() => FloatRange.Between(0f, 1f, 0));
        Assert.Throws<ArgumentException>(() => FloatRange.Between(0f, 1f, -5));
        Assert.Throws<ArgumentException>(() => FloatRange.Between(float.NaN, 1f));
    }

    [Fact]
    public void AllCoversEveryBitPattern()
    {
        Assert.Equal(1L << 32, FloatRange.All.Length);
        Assert.True(FloatRange.All.IsExhaustive);
        Assert.Equal(0xFFFFFFFFu, Bits(FloatRange.All.First));
        Assert.Equal(0x7FFFFFFFu, Bits(FloatRange.All.Last));
    }

    [Fact]
    public void SamplesAreEvenlySpacedWithBothEndsIncluded()
    {
        var r = FloatRange.Parse("-1:1", 1000);
        Assert.Equal(1000, r.Count);
        Assert.False(r.IsExhaustive);
        Assert.Equal(r.FirstOrdered, r.OrderedAt(0));
        Assert.Equal(r.LastOrdered, r.OrderedAt(999));
        double ideal = (double)(r.Length - 1) / 999;
        long minStep = long.MaxValue, maxStep = long.MinValue;
        for (int i = 1; i < 1000; i++)
        {
            long step = (long)r.OrderedAt(i) - r.OrderedAt(i - 1);
            minStep = Math.Min(minStep, step); maxStep = Math.Max(maxStep, step);
            // Exactly floor(i (L-1) / (n-1)) from the start.
            Assert.Equal(r.FirstOrdered + (long)Math.Floor(i * ideal + 1e-9), (long)r.OrderedAt(i));
        }
        Assert.True(maxStep - minStep <= 1, $"steps {minStep}..{maxStep}");
        Assert.True(minStep >= Math.Floor(ideal) && maxStep <= Math.Ceiling(ideal));
    }

    [Fact]
    public void SampledAllIncludesBothExtremesAndIsStrictlyIncreasing()
    {
        var r = FloatRange.All with { Samples = 20_000 };
        Assert.Equal(20_000, r.Count);
        Assert.Equal(int.MinValue, r.OrderedAt(0));
        Assert.Equal(int.MaxValue, r.OrderedAt(19_999));
        for (int i = 1; i < 20_000; i++) Assert.True(r.OrderedAt(i) > r.OrderedAt(i - 1));
    }

    [Theory]
    [InlineData(100L)]
    [InlineData(101L)]
    [InlineData(1_000_000L)]
    public void ExhaustiveWhenSamplesCoverTheRange(long samples)
    {
        var r = FloatRange.Parse("1:1.0000119", samples); // 101 floats: 1 + k 2^-23, k = 0..100
        Assert.Equal(101, r.Length);
        if (samples >= 101)
        {
            Assert.True(r.IsExhaustive);
            Assert.Equal(101, r.Count);
            for (int i = 0; i < 101; i++) Assert.Equal(r.FirstOrdered + i, r.OrderedAt(i));
        }
        else
        {
            Assert.False(r.IsExhaustive);
            Assert.Equal(100, r.Count);
            var visited = Enumerable.Range(0, 100).Select(i => r.OrderedAt(i)).ToArray();
            Assert.Equal(100, visited.Distinct().Count());
            Assert.Equal(r.FirstOrdered, visited[0]);
            Assert.Equal(r.LastOrdered, visited[^1]);
        }
    }

    [Fact]
    public void OneSampleVisitsTheFirstInput()
    {
        var r = FloatRange.Parse("2:4", 1);
        Assert.Equal(1, r.Count);
        Assert.Equal(r.FirstOrdered, r.OrderedAt(0));
    }
}
