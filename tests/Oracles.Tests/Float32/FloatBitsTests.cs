using AutoNumerics.Oracles.Float32;

namespace AutoNumerics.Oracles.Tests.Float32;

public class FloatBitsTests
{
    static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);
    static uint Bits(float x) => BitConverter.SingleToUInt32Bits(x);
    static double P2(int k) => Math.ScaleB(1.0, k);

    [Theory]
    [InlineData(1.0, -23)]
    [InlineData(1.5, -23)]
    [InlineData(2.0, -22)]
    [InlineData(0.5, -24)]
    [InlineData(-1.0, -23)]
    [InlineData(3.4028234663852886e38, 104)]   // FLT_MAX
    [InlineData(1.1754943508222875e-38, -149)] // 2^-126, the smallest normal
    [InlineData(1.401298464324817e-45, -149)]  // 2^-149, the smallest subnormal
    [InlineData(5.877471754111438e-39, -149)]  // 2^-127, subnormal
    [InlineData(1.1754942106924411e-38, -149)] // the largest subnormal
    [InlineData(0.0, -149)]
    [InlineData(-0.0, -149)]
    [InlineData(1.2e-50, -149)]                // below float32 entirely
    public void UlpAtPowersOfTwoAndBelow(double v, int log2Ulp)
    {
        Assert.Equal(P2(log2Ulp), FloatBits.Ulp(v));
    }

    [Fact]
    public void UlpJustBelowPowersOfTwoIsHalfTheUlpAbove()
    {
        Assert.Equal(P2(-24), FloatBits.Ulp(FloatBits.NextDown(1f)));
        Assert.Equal(P2(-23), FloatBits.Ulp(FloatBits.NextDown(2f)));
        Assert.Equal(P2(-24), FloatBits.Ulp(-FloatBits.NextDown(1f)));
        // Doubles between floats: the binade decides, not the nearest float.
        Assert.Equal(P2(-24), FloatBits.Ulp(Math.BitDecrement(1.0)));
        Assert.Equal(P2(-23), FloatBits.Ulp(1.0));
        // Just below 2^-126 as a double is subnormal territory for float32.
        Assert.Equal(P2(-149), FloatBits.Ulp(Math.BitDecrement(P2(-126))));
        Assert.Equal(P2(-149), FloatBits.Ulp(P2(-126)));
        Assert.Equal(P2(-148), FloatBits.Ulp(P2(-125)));
    }

    [Fact]
    public void UlpBeyondFloatMaxKeepsGrowing()
    {
        Assert.Equal(P2(105), FloatBits.Ulp(P2(128)));     // [2^128, 2^129): 2^(128-23)
        Assert.Equal(P2(104), FloatBits.Ulp(Math.BitDecrement(P2(128))));
        Assert.Equal(P2(107), FloatBits.Ulp(P2(130)));
        Assert.Equal(P2(107), FloatBits.Ulp(-P2(130) * 1.75));
        Assert.Equal(P2(1000), FloatBits.Ulp(P2(1023)));
        Assert.Equal(FloatBits.OverflowValue, P2(128));
        Assert.Equal(FloatBits.SmallestUlp, P2(-149));
    }

    [Fact]
    public void UlpOfFloatOverloadAgreesWithDoubleAndWithSpacing()
    {
        var rng = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            float x = F((uint)rng.NextInt64(0, 0x7F7FFFFF)); // positive finite, below FLT_MAX
            double spacing = (double)FloatBits.NextUp(x) - x;
            Assert.Equal(spacing, FloatBits.Ulp(x));
            Assert.Equal(FloatBits.Ulp((double)x), FloatBits.Ulp(x));
            Assert.Equal(FloatBits.Ulp(x), FloatBits.Ulp(-x));
        }
    }

    [Fact]
    public void OrderedMapIsABijectionAndPreservesOrder()
    {
        var rng = new Random(12);
        var samples = new List<uint>
        {
            0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x80800000,
            0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0xFF800001,
            0x7FFFFFFF, 0xFFFFFFFF, 0x3F800000, 0xBF800000,
        };
        for (int i = 0; i < 50_000; i++) samples.Add((uint)rng.NextInt64(0, 1L << 32));
        foreach (uint b in samples)
        {
            float x = F(b);
            int o = FloatBits.ToOrdered(x);
            // NaN payloads and signs survive; a signaling NaN may come back quieted (the optimizing JIT may move a
            // float through an instruction that sets the quiet bit), which is still the same NaN to any kernel.
            uint back = Bits(FloatBits.FromOrdered(o));
            bool signaling = (b & 0x7F800000) == 0x7F800000 && (b & 0x7FFFFF) != 0 && (b & 0x400000) == 0;
            Assert.True(back == b || (signaling && back == (b | 0x400000)), $"{b:X8} came back as {back:X8}");
            Assert.Equal(o, FloatBits.ToOrdered(FloatBits.FromOrdered(o)));
        }
        // Every int is hit: FromOrdered then ToOrdered is the identity on ints.
        for (int i = 0; i < 50_000; i++)
        {
            int o = rng.Next(int.MinValue, int.MaxValue);
            Assert.Equal(o, FloatBits.ToOrdered(FloatBits.FromOrdered(o)));
        }
        Assert.Equal(int.MinValue, FloatBits.ToOrdered(F(0xFFFFFFFF)));
        Assert.Equal(int.MaxValue, FloatBits.ToOrdered(F(0x7FFFFFFF)));

        // Order: for non-NaN pairs, the ordered ints compare as the values do (and -0 < +0).
        var finite = samples.Select(F).Where(x => !float.IsNaN(x)).ToArray();
        for (int i = 0; i + 1 < finite.Length; i++)
        {
            float a = finite[i], c = finite[i + 1];
            int oa = FloatBits.ToOrdered(a), oc = FloatBits.ToOrdered(c);
            if (a < c) Assert.True(oa < oc, $"{a} < {c}");
            else if (a > c) Assert.True(oa > oc, $"{a} > {c}");
            else Assert.Equal(Bits(a) == Bits(c), oa == oc);
        }
        Assert.Equal(FloatBits.ToOrdered(0f) - 1, FloatBits.ToOrdered(-0f));
        Assert.True(FloatBits.ToOrdered(float.NegativeInfinity) > FloatBits.ToOrdered(F(0xFFC00000)), "-NaN below -Inf");
        Assert.True(FloatBits.ToOrdered(float.PositiveInfinity) < FloatBits.ToOrdered(F(0x7FC00000)), "+NaN above +Inf");
        // The first pattern above +Inf is the smallest positive NaN (compared as an int: the optimizing JIT folds a
        // constant signaling NaN through a conversion that quiets it).
        Assert.Equal(0x7F800001, FloatBits.ToOrdered(float.PositiveInfinity) + 1);
    }

    [Fact]
    public void NextUpAndNextDownAcrossZero()
    {
        Assert.Equal(0x80000000u, Bits(FloatBits.NextDown(0f)));               // +0 -> -0
        Assert.Equal(0x80000001u, Bits(FloatBits.NextDown(-0f)));              // -0 -> -2^-149
        Assert.Equal(0x00000000u, Bits(FloatBits.NextUp(-0f)));                // -0 -> +0
        Assert.Equal(0x00000001u, Bits(FloatBits.NextUp(0f)));                 // +0 -> 2^-149
        Assert.Equal(0x80000000u, Bits(FloatBits.NextUp(F(0x80000001))));      // -2^-149 -> -0
        Assert.Equal(0x00000000u, Bits(FloatBits.NextDown(F(0x00000001))));    // 2^-149 -> +0
    }

    [Fact]
    public void NextUpAndNextDownAcrossSubnormalNormalBoundaryAndOverflow()
    {
        Assert.Equal(0x00800000u, Bits(FloatBits.NextUp(F(0x007FFFFF))));
        Assert.Equal(0x007FFFFFu, Bits(FloatBits.NextDown(F(0x00800000))));
        Assert.Equal(0x807FFFFFu, Bits(FloatBits.NextUp(F(0x80800000))));
        Assert.Equal(0x80800000u, Bits(FloatBits.NextDown(F(0x807FFFFF))));
        Assert.Equal(float.PositiveInfinity, FloatBits.NextUp(float.MaxValue));
        Assert.Equal(float.NegativeInfinity, FloatBits.NextDown(-float.MaxValue));
        Assert.Equal(float.MaxValue, FloatBits.NextDown(float.PositiveInfinity));
        Assert.Equal(-float.MaxValue, FloatBits.NextUp(float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, FloatBits.NextUp(float.PositiveInfinity));
        Assert.Equal(float.NegativeInfinity, FloatBits.NextDown(float.NegativeInfinity));
        Assert.True(float.IsNaN(FloatBits.NextUp(float.NaN)));
        Assert.True(float.IsNaN(FloatBits.NextDown(float.NaN)));
        Assert.Equal(1f + MathF.ScaleB(1f, -23), FloatBits.NextUp(1f));
        Assert.Equal(1f - MathF.ScaleB(1f, -24), FloatBits.NextDown(1f));
    }

    [Fact]
    public void NextUpAgreesWithMathFBitIncrementOnSamples()
    {
        var rng = new Random(13);
        for (int i = 0; i < 20_000; i++)
        {
            float x = F((uint)rng.NextInt64(0, 1L << 32));
            if (float.IsNaN(x) || float.IsInfinity(x)) continue;
            Assert.Equal(Bits(MathF.BitIncrement(x)), Bits(FloatBits.NextUp(x)));
            Assert.Equal(Bits(MathF.BitDecrement(x)), Bits(FloatBits.NextDown(x)));
            Assert.Equal(Bits(x), Bits(FloatBits.NextDown(FloatBits.NextUp(x))));
        }
    }

    [Theory]
    [InlineData(0x3F800000u, "0x1p+0")]
    [InlineData(0x40490FDBu, "0x1.921fb6p+1")]
    [InlineData(0x00000001u, "0x1p-149")]
    [InlineData(0x00400000u, "0x1p-127")]
    [InlineData(0x7F7FFFFFu, "0x1.fffffep+127")]
    [InlineData(0x80000000u, "-0x0p+0")]
    [InlineData(0xBF000000u, "-0x1p-1")]
    public void HexFloatKnownValues(uint bits, string expected)
    {
        Assert.Equal(expected, FloatBits.HexFloat(F(bits)));
    }

    [Fact]
    public void HexFloatRoundTripsThroughParseFloat()
    {
        var rng = new Random(14);
        var inputs = new List<uint> { 0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x7F800000, 0xFF800000 };
        for (int i = 0; i < 20_000; i++) inputs.Add((uint)rng.NextInt64(0, 1L << 32));
        for (int i = 0; i < 5_000; i++) inputs.Add((uint)rng.Next(0, 0x00800000) | (rng.Next(2) == 0 ? 0 : 0x80000000)); // subnormals
        int checkedCount = 0;
        foreach (uint b in inputs)
        {
            float x = F(b);
            if (float.IsNaN(x)) continue;
            string text = FloatBits.HexFloat(x);
            Assert.Equal(b, Bits(FloatRange.ParseFloat(text)));
            // RoundTrip text parses back too.
            Assert.Equal(b, Bits(FloatRange.ParseFloat(FloatBits.RoundTrip(x))));
            checkedCount++;
        }
        Assert.True(checkedCount > 20_000);
    }

    [Fact]
    public void HexIsTheBitPattern()
    {
        Assert.Equal("0x3F800000", FloatBits.Hex(1f));
        Assert.Equal("0x80000000", FloatBits.Hex(-0f));
        Assert.Equal("0x42B17218", FloatBits.Hex(F(0x42B17218)));
    }
}
