using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Targets;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Evolution.Tests.Targets;

public class TargetTests
{
    private const MpfrRounding N = MpfrRounding.Nearest;

    [Theory]
    [InlineData("exp", 0.0, 1.0)]
    [InlineData("exp2", 0.0, 1.0)]
    [InlineData("log", 1.5, 4.0)]
    [InlineData("erf", 0.25, 3.0)]
    public void LabelsMatchMpfrFarBelowDoublePrecision(string name, double a, double b)
    {
        var t = TargetFunction.Create(name, a, b);
        var s = new TargetSamples(t, 257);
        using var x = new MpfrValue(600);
        using var y = new MpfrValue(600);
        using var d = new MpfrValue(600);
        for (int i = 0; i < s.Count; i++)
        {
            x.Set(s.X[i], N);
            MpfrFunctions.Evaluate(t.Function, y, x, N);
            using var label = s.Label(i).ToMpfr(600);
            d.Sub(label, y, N);
            d.Div(d, y, N);
            Assert.True(Math.Abs(d.ToDouble(N)) <= Math.ScaleB(1, -105), $"{name}({s.X[i]:R}): label error {d.ToDouble(N)}");
            Assert.Equal(1.0 / s.LabelHi[i], s.ErrorScale[i]);
        }
    }

    [Fact]
    public void ChebyshevPointsIncludeExactEndpointsAndAreSorted()
    {
        var t = TargetFunction.Create("exp", -0.3, 0.7);
        foreach (var spacing in new[] { SampleSpacing.Chebyshev, SampleSpacing.Uniform })
        {
            var s = new TargetSamples(t, 101, spacing);
            Assert.Equal(101, s.Count);
            Assert.Equal(-0.3, s.X[0]);
            Assert.Equal(0.7, s.X[^1]);
            for (int i = 1; i < s.Count; i++) Assert.True(s.X[i] > s.X[i - 1]);
        }
        // Chebyshev points crowd the ends: the first gap is much smaller than the middle one.
        var c = TargetSamples.Points(0, 1, 101, SampleSpacing.Chebyshev);
        Assert.True(c[1] - c[0] < 0.05 * (c[51] - c[50]));
        Assert.Equal(0.5, c[50], 15);
    }

    [Theory]
    [InlineData("exp", 1.0, 1.0, "empty")]
    [InlineData("exp", 1.0, 0.0, "reversed")]
    [InlineData("exp", double.NaN, 1.0, "finite")]
    [InlineData("log", -1.0, 1.0, "undefined")]
    [InlineData("log2", 0.0, 1.0, "undefined")]
    [InlineData("log1p", -2.0, 0.0, "undefined")]
    [InlineData("sqrt", -1.0, 1.0, "undefined")]
    [InlineData("tan", 1.0, 2.0, "pole")]
    [InlineData("sin", -1.0, 1.0, "vanishes")]
    [InlineData("log", 0.5, 2.0, "vanishes")]
    [InlineData("exp", 0.0, 1000.0, "overflows")]
    [InlineData("foo", 0.0, 1.0, "Unknown target 'foo'")]
    [InlineData("", 0.0, 1.0, "Unknown target")]
    public void BadInputIsAOneLineArgumentException(string name, double a, double b, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => TargetFunction.Create(name, a, b));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AbsoluteErrorAcceptsZerosAndIntervalsParse()
    {
        var t = TargetFunction.Create("sin", -1, 1, ErrorKind.Absolute);
        Assert.Equal(0.0, t.Midpoint);
        Assert.Equal((0.0, 1.0), TargetFunction.ParseInterval("0:1"));
        Assert.Equal((-0.5, 2.5), TargetFunction.ParseInterval("-0.5:2.5"));
        Assert.Throws<ArgumentException>(() => TargetFunction.ParseInterval("0..1"));
        Assert.Equal("exp2 on [0, 1] (relative error)", TargetFunction.Create("EXP2", 0, 1).ToString());
    }

    [Fact]
    public void DenseVerificationFindsATrueMaximumBetweenGridPoints()
    {
        // y = f(x) (1 + eps g(x)): the relative error is exactly eps g(x). g has a narrow peak of height 1 at an
        // irrational point between grid nodes (width 3e-6, grid step 1e-5, so the grid sees at most a fraction of
        // it) and a broad peak of height 0.9 that the grid does see: only the local maximization finds the true 1.
        var t = TargetFunction.Create("exp", 0, 1);
        var v = new DenseVerifier(t);
        const double eps = 1e-9, x0 = 0.31415926535897931, w = 3e-6;
        double G(double x) => Math.Exp(-Math.Pow((x - x0) / w, 2)) + 0.9 * Math.Exp(-Math.Pow((x - 0.7) / 0.05, 2));
        var r = v.Verify(x => t.Reference(x) * (1 + eps * G(x)));
        Assert.Equal(100_001, r.GridPoints);
        Assert.InRange(r.MaxError, eps * (1 - 1e-6), eps * (1 + 1e-6));
        Assert.InRange(r.WorstX, x0 - 1e-8, x0 + 1e-8);
        Assert.True(r.SignedError > 0);
    }

    [Fact]
    public void DenseVerificationOfDoubleEvaluatorsAndNonFiniteOutputs()
    {
        var t = TargetFunction.Create("exp", 0, 1);
        var v = new DenseVerifier(t, 20_001);
        var libm = v.Verify(Math.Exp);
        Assert.InRange(libm.MaxError, 1e-17, 2.3e-16); // the C runtime's exp is within 1 ulp, and not exact
        // The batch form (what a tape evaluator supplies) measures the same thing.
        var batch = v.Verify((xs, hi, lo) => { for (int i = 0; i < xs.Length; i++) hi[i] = Math.Exp(xs[i]); }, x => Math.Exp(x));
        Assert.Equal(libm, batch);
        Assert.Equal(20_001, v.GridX.Length);
        Assert.Equal(double.PositiveInfinity, v.Verify(x => x > 0.5 ? double.NaN : Math.Exp(x)).MaxError);
        // Absolute error: y = f + 1e-12 everywhere has error exactly 1e-12.
        var abs = TargetFunction.Create("sin", -1, 1, ErrorKind.Absolute);
        var r = new DenseVerifier(abs, 1001).Verify(x => abs.Reference(x) + 1e-12);
        Assert.Equal(1e-12, r.MaxError, 1e-25);
    }
}
