using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class ConstantsTests
{
    // Published digits (truncated), written out independently of MPFR.
    private const string Pi100 =
        "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679";
    private const string E100 =
        "2.7182818284590452353602874713526624977572470936999595749669676277240766303535475945713821785251664274";
    private const string Apery = "1.2020569031595942853997381615114499907649862923404988817922";
    private const string Catalan = "0.9159655941772190150546035149323841107741493742816721342664";
    private const string Euler = "0.57721566490153286060651209008240243104215933593992";
    private const string Ln2 = "0.69314718055994530941723212145817656807550013436025";
    private const string Phi = "1.61803398874989484820458683436563811772030917980576";
    private const string Sqrt2 = "1.41421356237309504880168872420969807856967187537694";
    private const string Cbrt2 = "1.25992104989487316476721060727822835057025146470150";
    private const string Zeta2 = "1.64493406684822643647241516664602518921894990120679"; // pi^2/6

    /// <summary>Significant digits in a literal such as "0.5772..." or "3.14...".</summary>
    private static int SignificantDigits(string s) => s.Replace(".", "").TrimStart('0').Length;

    [Theory]
    [InlineData(MathConstant.Pi, Pi100)]
    [InlineData(MathConstant.E, E100)]
    [InlineData(MathConstant.Apery, Apery)]
    [InlineData(MathConstant.Catalan, Catalan)]
    [InlineData(MathConstant.EulerGamma, Euler)]
    [InlineData(MathConstant.Ln2, Ln2)]
    [InlineData(MathConstant.GoldenRatio, Phi)]
    public void DigitsMatchPublishedValues(MathConstant c, string published)
    {
        Assert.Equal(published, Constants.Digits(c, SignificantDigits(published)));
    }

    [Fact]
    public void PiAndEHaveExactly100DecimalsAfterThePoint()
    {
        Assert.Equal(102, Pi100.Length); // "3." + 100 decimals
        Assert.Equal(Pi100, Constants.Digits("pi", 101));
        Assert.Equal(E100, Constants.Digits("E", 101));
    }

    [Theory]
    [InlineData("sqrt(2)", Sqrt2)]
    [InlineData("cbrt(2)", Cbrt2)]
    [InlineData("zeta(2)", Zeta2)]
    [InlineData("zeta(3)", Apery)]
    [InlineData("catalan", Catalan)]
    [InlineData("phi", Phi)]
    public void DigitsByName(string name, string published)
    {
        Assert.Equal(published, Constants.Digits(name, SignificantDigits(published)));
    }

    [Fact]
    public void UnknownNameIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Constants.Digits("tau2", 10));
        Assert.Throws<ArgumentException>(() => Constants.Digits("foo(3)", 10));
    }

    [Fact]
    public void SettersAreCorrectlyRoundedWithTernary()
    {
        using var lo = new MpfrValue(53);
        using var hi = new MpfrValue(53);
        Assert.True(Constants.Pi(lo, MpfrRounding.Down) < 0);
        Assert.True(Constants.Pi(hi, MpfrRounding.Up) > 0);
        Assert.Equal(Math.PI, lo.ToDouble(MpfrRounding.Nearest)); // Math.PI is pi rounded down
        Assert.Equal(Math.BitIncrement(Math.PI), hi.ToDouble(MpfrRounding.Nearest));

        Constants.E(lo, MpfrRounding.Nearest);
        Assert.Equal(Math.E, lo.ToDouble(MpfrRounding.Nearest));
        Constants.Sqrt(lo, 16, MpfrRounding.Nearest);
        Assert.Equal(0, Constants.Sqrt(lo, 16, MpfrRounding.Nearest)); // exact
        Assert.Equal(4.0, lo.ToDouble(MpfrRounding.Nearest));
        Assert.Equal(0, Constants.Cbrt(lo, 27, MpfrRounding.Nearest));
        Assert.Equal(3.0, lo.ToDouble(MpfrRounding.Nearest));

        // Golden ratio brackets: the Down and Up values are adjacent doubles around (1 + sqrt 5)/2.
        Constants.GoldenRatio(lo, MpfrRounding.Down);
        Constants.GoldenRatio(hi, MpfrRounding.Up);
        Assert.Equal(Math.BitIncrement(lo.ToDouble(MpfrRounding.Nearest)), hi.ToDouble(MpfrRounding.Nearest));
        Assert.InRange(lo.ToDouble(MpfrRounding.Nearest), 1.6180339887498946, 1.6180339887498950);
    }
}
