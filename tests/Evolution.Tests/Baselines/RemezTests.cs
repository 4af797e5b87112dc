using AutoNumerics.Evolution.Baselines;
using AutoNumerics.Evolution.Targets;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Baselines;

public class RemezTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("exp", "exp(x)")]
    [InlineData("exp2", "2^x")]
    public void MinimaxErrorsAgreeWithSollyaRemez(string name, string sollyaF)
    {
        var sollya = Sollya.RelativeMinimaxErrors(sollyaF, "[0;1]", 2, 10);
        var target = TargetFunction.Create(name, 0, 1);
        var verifier = new DenseVerifier(target);
        output.WriteLine($"{name} on [0,1], relative error: degree, cost, Remez levelled (unrounded), dense-verified (binary64 constants), Sollya");
        for (int n = 2; n <= 10; n++)
        {
            var mm = Remez.Minimax(target, n);
            var b = BaselineSuite.Minimax(target, n, verifier);
            output.WriteLine($"{n}\t{b.Cost}\t{mm.LevelledError:E4}\t{b.MaxError:E4}\t{sollya[n]:E4}\t(iterations {mm.Iterations}, spread {mm.Equioscillation:E1})");
            Assert.True(mm.Equioscillation < 1e-3, $"degree {n}: not equioscillating ({mm.Equioscillation})");
            Assert.Equal(2 * n, b.Cost);
            // The unrounded minimax error agrees with Sollya's to well within "a few percent".
            Assert.True(Math.Abs(mm.MaxError / sollya[n] - 1) < 0.01, $"degree {n}: ours {mm.MaxError:E6}, sollya {sollya[n]:E6}");
            // The program with binary64 constants: rounding the coefficients adds ~1e-16, visible only at high degree.
            if (n <= 8) Assert.True(Math.Abs(b.MaxError / sollya[n] - 1) < 0.02, $"degree {n}: measured {b.MaxError:E6}, sollya {sollya[n]:E6}");
        }
    }

    [Fact]
    public void ReproducesTheIssueFiguresForExp()
    {
        // Issue 3's Sollya figures for e^x on [0,1], relative error: ops -> error.
        var figures = new (int Ops, double Error)[] { (10, 6.7e-7), (12, 2.4e-8), (14, 7.5e-10), (16, 2.1e-11), (20, 1.2e-14) };
        var target = TargetFunction.Create("exp", 0, 1);
        var verifier = new DenseVerifier(target);
        foreach (var (ops, error) in figures)
        {
            var b = BaselineSuite.Minimax(target, ops / 2, verifier);
            Assert.Equal(ops, b.Cost);
            Assert.True(Math.Abs(b.MaxError / error - 1) < 0.05, $"{ops} ops: measured {b.MaxError:E4}, issue {error:E2}");
        }
    }

    [Fact]
    public void AbsoluteErrorMinimaxAgreesWithSollya()
    {
        var sollya = Sollya.AbsoluteMinimaxErrors("sin(x)", "[0;1]", 3, 6);
        var target = TargetFunction.Create("sin", 0, 1, ErrorKind.Absolute);
        for (int n = 3; n <= 6; n++)
        {
            var mm = Remez.Minimax(target, n);
            Assert.True(Math.Abs(mm.MaxError / sollya[n] - 1) < 0.01, $"degree {n}: ours {mm.MaxError:E6}, sollya {sollya[n]:E6}");
        }
    }

    [Fact]
    public void MinimaxErrorEquioscillatesAtTheReferencePoints()
    {
        var target = TargetFunction.Create("exp", 0, 1);
        var mm = Remez.Minimax(target, 4);
        Assert.Equal(6, mm.ReferencePoints.Count);
        Assert.Equal(0.0, mm.ReferencePoints[0]);
        Assert.Equal(1.0, mm.ReferencePoints[^1]);
        double? previous = null;
        foreach (double x in mm.ReferencePoints)
        {
            double e = target.Error(x, mm.Evaluate(x));
            Assert.Equal(mm.LevelledError, Math.Abs(e), mm.LevelledError * 1e-5);
            if (previous is { } p) Assert.True(Math.Sign(p) != Math.Sign(e), "errors must alternate in sign");
            previous = e;
        }
        Assert.Equal(5, mm.Coefficients.Count);
        Assert.Equal(double.Parse(mm.Coefficients[1], System.Globalization.CultureInfo.InvariantCulture), mm.CoefficientsDouble[1]);
        Assert.Throws<ArgumentException>(() => Remez.Minimax(target, -1));
    }
}
