using AutoNumerics.Evolution.Fitting;

namespace AutoNumerics.Evolution.Tests.Fitting;

/// <summary>The exchange step's alternation search on residuals that are not all finite (a candidate with a pole or
/// 0/0 at a sample point): it must decline, not throw — a throw here once ended a 35-minute search.</summary>
public class AlternationTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteResidualsDeclineTheExchange(double bad)
    {
        var r = new[] { 1.0, -1.0, 1.0, bad, -1.0, 1.0 };
        var refIdx = new int[3];
        Assert.False(MinimaxCore.Alternation(r, refIdx, out _));
    }

    [Fact]
    public void FiniteAlternatingResidualsGiveReferencePoints()
    {
        var r = new[] { 1.0, -0.9, 0.8, -1.0, 0.95 };
        var refIdx = new int[5];
        Assert.True(MinimaxCore.Alternation(r, refIdx, out double minRef));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, refIdx);
        Assert.Equal(0.8, minRef);
    }
}
