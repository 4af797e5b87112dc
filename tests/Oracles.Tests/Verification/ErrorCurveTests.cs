using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Oracles.Tests.Verification;

/// <summary>The plot's error curve: each bucket holds the largest error of exactly its inputs.</summary>
public class ErrorCurveTests
{
    [Theory]
    [InlineData(64, 100_000L)]
    [InlineData(2048, 50_001L)]
    [InlineData(7, 1000L)]
    public void BucketsHoldTheMaximumOfTheirInputs(int buckets, long samples)
    {
        var f = MathFunction.Exp;
        var kernel = TestKernels.Sloppy(f);
        var range = FloatRange.Between(-20f, 20f, samples);
        var report = Verifier.Run(f, kernel, new VerifierOptions { Range = range, CurveBuckets = buckets, Threads = 2 });

        var expected = new double[buckets];
        var x = new float[1];
        var y = new float[1];
        for (long i = 0; i < range.Count; i++)
        {
            x[0] = FloatBits.FromOrdered(range.OrderedAt(i));
            kernel.Evaluate(x, y);
            int b = (int)(i * buckets / range.Count);
            expected[b] = Math.Max(expected[b], ErrorMeasure.Judge(f, x[0], y[0]).Ulp);
        }
        // Within the reference's uncertainty (the sweep's block reference for exp is the vectorized one).
        for (int b = 0; b < buckets; b++)
            Assert.True(Math.Abs(expected[b] - report.Curve.MaxUlp[b]) <= 1e-6, $"bucket {b}: {report.Curve.MaxUlp[b]} vs {expected[b]}");
        Assert.Equal(report.MaxUlp, report.Curve.MaxUlp.Max(), 5);
    }
}
