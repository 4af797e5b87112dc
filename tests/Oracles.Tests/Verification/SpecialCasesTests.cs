using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using static AutoNumerics.Oracles.Tests.Verification.TestKernels;

namespace AutoNumerics.Oracles.Tests.Verification;

public class SpecialCasesTests
{
    static SpecialCase Named(IReadOnlyList<SpecialCase> cases, string name) => Assert.Single(cases, c => c.Name == name);

    [Fact]
    public void ExpHasTheOverflowThresholdPair()
    {
        var cases = SpecialCases.For(MathFunction.Exp);
        var last = Named(cases, "overflow (last before)");
        var first = Named(cases, "overflow (first after)");
        Assert.Equal(0x42B17217u, Bits(last.Input));
        Assert.Equal(0x42B17218u, Bits(first.Input));
        Assert.Equal(SpecialCaseKind.Boundary, last.Kind);
        Assert.True(float.IsFinite(Float32Oracle.RoundToFloat32(MathFunction.Exp, last.Input)));
        Assert.Equal(float.PositiveInfinity, Float32Oracle.RoundToFloat32(MathFunction.Exp, first.Input));
    }

    [Fact]
    public void ExpHasTheUnderflowThresholdPair()
    {
        var cases = SpecialCases.For(MathFunction.Exp);
        var last = Named(cases, "underflow to 0 (last before)");
        var first = Named(cases, "underflow to 0 (first after)");
        // Bisection from -FLT_MAX upward: the last input whose exp rounds to 0 and its neighbour toward zero.
        Assert.Equal(0xC2CFF1B5u, Bits(last.Input));
        Assert.Equal(Bits(FloatBits.NextUp(last.Input)), Bits(first.Input));
        Assert.Equal(0xC2CFF1B4u, Bits(first.Input));
        Assert.Equal(0u, Bits(Float32Oracle.RoundToFloat32(MathFunction.Exp, last.Input)));
        Assert.Equal(1.4e-45f, Float32Oracle.RoundToFloat32(MathFunction.Exp, first.Input));
    }

    [Fact]
    public void Log2HasExactPowersOfTwo()
    {
        var cases = SpecialCases.For(MathFunction.Log2);
        foreach (int k in new[] { -149, -126, -1, 1, 64, 127 })
        {
            var c = Named(cases, $"2^{k}");
            Assert.Equal(SpecialCaseKind.Exact, c.Kind);
            Assert.Equal(MathF.ScaleB(1f, k), c.Input);
            Assert.Equal((float)k, Float32Oracle.RoundToFloat32(MathFunction.Log2, c.Input));
        }
        Assert.True(float.IsNaN(Float32Oracle.RoundToFloat32(MathFunction.Log2, Named(cases, "-1").Input)));
    }

    [Theory]
    [MemberData(nameof(AllFunctions))]
    public void EveryFunctionHasTheIeeeCases(MathFunction f)
    {
        var cases = SpecialCases.For(f);
        foreach (var name in new[] { "NaN", "+0", "-0", "+Inf", "-Inf", "+smallest subnormal", "-smallest subnormal", "+FLT_MAX", "-FLT_MAX" })
            Named(cases, name);
        Assert.Equal(0u, Bits(Named(cases, "+0").Input));
        Assert.Equal(0x80000000u, Bits(Named(cases, "-0").Input));
        Assert.Equal(1u, Bits(Named(cases, "+smallest subnormal").Input));
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        // Every threshold pair is adjacent in bit order, and the correctly rounded result changes category across it.
        foreach (var last in cases.Where(c => c.Name.EndsWith("(last before)")))
        {
            var first = Named(cases, last.Name.Replace("(last before)", "(first after)"));
            Assert.Equal(FloatBits.ToOrdered(last.Input) + 1, FloatBits.ToOrdered(first.Input));
            Assert.NotEqual(Bits(Float32Oracle.RoundToFloat32(f, last.Input)), Bits(Float32Oracle.RoundToFloat32(f, first.Input)));
        }
        // The correctly rounded kernel passes them all.
        Assert.All(SpecialCases.Check(f, CorrectlyRounded(f)), r => Assert.True(r.Pass, $"{f} {r.Case.Name}"));
    }

    public static TheoryData<MathFunction> AllFunctions()
    {
        var data = new TheoryData<MathFunction>();
        foreach (var f in Enum.GetValues<MathFunction>()) data.Add(f);
        return data;
    }

    [Fact]
    public void BoundaryCasesAllowOneUlpButNotAWrongInfinity()
    {
        var cases = SpecialCases.For(MathFunction.Exp);
        var last = Named(cases, "overflow (last before)");
        // The float next to the correctly rounded one on the side of the exact value is within 1 ULP of it.
        float cr = Float32Oracle.RoundToFloat32(MathFunction.Exp, last.Input);
        float near = new[] { MathF.BitDecrement(cr), MathF.BitIncrement(cr) }.Where(float.IsFinite)
            .MinBy(y => Float32Oracle.UlpError(MathFunction.Exp, last.Input, y));
        Assert.True(Float32Oracle.UlpError(MathFunction.Exp, last.Input, near) is > 0.5 and <= 1);
        var oneOff = SpecialCases.Check(MathFunction.Exp, CorrectlyRoundedExcept(MathFunction.Exp, Bits(last.Input), _ => near));
        Assert.True(Assert.Single(oneOff, r => r.Case.Name == last.Name).Pass);
        var infinite = SpecialCases.Check(MathFunction.Exp, CorrectlyRoundedExcept(MathFunction.Exp, Bits(last.Input), _ => float.PositiveInfinity));
        Assert.False(Assert.Single(infinite, r => r.Case.Name == last.Name).Pass);
        var twoOff = SpecialCases.Check(MathFunction.Exp, CorrectlyRoundedExcept(MathFunction.Exp, Bits(last.Input), r => MathF.BitDecrement(MathF.BitDecrement(r))));
        Assert.False(Assert.Single(twoOff, r => r.Case.Name == last.Name).Pass);
    }

    [Fact]
    public void NaNInputMustGiveNaN()
    {
        var results = SpecialCases.Check(MathFunction.Exp, new FuncKernel("zero-for-nan", x => float.IsNaN(x) ? 0f : Float32Oracle.RoundToFloat32(MathFunction.Exp, x)));
        var nan = Assert.Single(results, r => r.Case.Name == "NaN");
        Assert.False(nan.Pass);
        Assert.Equal(double.PositiveInfinity, nan.UlpError);
        Assert.Single(results, r => !r.Pass);
    }
}
