using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using static AutoNumerics.Oracles.Tests.Verification.TestKernels;

namespace AutoNumerics.Oracles.Tests.Verification;

public class VerifierTests
{
    static VerificationReport Run(MathFunction f, IFloat32Kernel k, FloatRange range, bool exact = false, int threads = 2) =>
        Verifier.Run(f, k, new VerifierOptions { Range = range, Threads = threads, ExactOnly = exact });

    static void AssertConsistent(VerificationReport r)
    {
        Assert.Equal(r.Range.Count, r.Inputs);
        Assert.Equal(r.Inputs, r.Histogram.Sum());
        Assert.Equal(ErrorHistogram.BinCount, r.Histogram.Length);
        Assert.True(r.CorrectlyRounded <= r.Histogram[0], "a correctly rounded output has error <= 0.5");
        Assert.True(r.InfiniteErrors <= r.Histogram[4], "infinite errors count as > 4");
    }

    // (a) ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(MathFunction.Exp)]
    [InlineData(MathFunction.Log)]
    [InlineData(MathFunction.Tanh)]
    [InlineData(MathFunction.Sigmoid)]
    [InlineData(MathFunction.Sin)]
    [InlineData(MathFunction.Erfc)]
    public void CorrectlyRoundedKernelPassesEverything(MathFunction f)
    {
        var r = Run(f, CorrectlyRounded(f), FloatRange.All with { Samples = 4000 });
        AssertConsistent(r);
        Assert.Equal(4000, r.Inputs);
        Assert.True(r.MaxUlp <= 0.5, $"max {r.MaxUlp}");
        Assert.Equal(r.Inputs, r.CorrectlyRounded);
        Assert.Equal(1.0, r.CorrectlyRoundedShare);
        Assert.Equal(r.Inputs, r.Histogram[0]);
        Assert.Equal(0, r.InfiniteErrors);
        Assert.True(r.MeanUlp is > 0 and < 0.5, $"mean {r.MeanUlp}");
        Assert.True(r.SpecialCasesPass, string.Join(", ", r.SpecialCases.Where(c => !c.Pass).Select(c => c.Case.Name)));
        Assert.True(r.SpecialCases.Count >= 9);
        Assert.Equal("correctly-rounded", r.Implementation);
        Assert.Equal(f, r.Function);
    }

    [Fact]
    public void CorrectlyRoundedKernelOnExhaustiveSmallRange()
    {
        var range = FloatRange.Parse("1:1.001"); // 8,390 inputs
        var r = Run(MathFunction.Exp, CorrectlyRounded(MathFunction.Exp), range);
        AssertConsistent(r);
        Assert.True(range.IsExhaustive);
        Assert.Equal(8390, r.Inputs);
        Assert.True(r.MaxUlp <= 0.5);
        Assert.True(r.MaxUlp > 0.49, $"over 8,390 inputs some exact value lies near a midpoint; max {r.MaxUlp}");
        Assert.Equal(r.Inputs, r.CorrectlyRounded);
        Assert.Equal(Float32Oracle.UlpError(MathFunction.Exp, r.WorstInput, r.WorstOutput), r.MaxUlp);
    }

    // (b) ------------------------------------------------------------------------------------------------------

    [Fact]
    public void GlibcDoubleExpRoundedToFloatIsAlmostAlwaysCorrectlyRounded()
    {
        var kernel = new FuncKernel("glibc exp (double)", x => (float)Math.Exp(x));
        var r = Run(MathFunction.Exp, kernel, FloatRange.Between(-104f, 89f, 200_000));
        AssertConsistent(r);
        Assert.True(r.MaxUlp <= 0.5 + 1e-6, $"max {r.MaxUlp:R} at {FloatBits.HexFloat(r.WorstInput)}");
        Assert.True(r.MaxUlp > 0.4, $"max {r.MaxUlp:R}");
        Assert.True(r.CorrectlyRoundedShare > 0.9999, $"share {r.CorrectlyRoundedShare:R}");
        Assert.Equal(0, r.Histogram[2] + r.Histogram[3] + r.Histogram[4]);
        Assert.Equal(0, r.InfiniteErrors);
        Assert.True(r.SpecialCasesPass);
        Assert.Equal("glibc exp (double)", r.Implementation);
    }

    // (c) deliberately wrong kernels ----------------------------------------------------------------------------

    [Theory]
    [InlineData(MathFunction.Exp, "-10:10")]
    [InlineData(MathFunction.Log, "0x1p-130:1e30")]
    [InlineData(MathFunction.Tanh, "-5:5")]
    public void OffByOneUlpEverywhereIsCaught(MathFunction f, string range)
    {
        var kernel = new FuncKernel("off-by-one", x => MathF.BitIncrement(Float32Oracle.RoundToFloat32(f, x)));
        var r = Run(f, kernel, FloatRange.Parse(range, 20_000));
        AssertConsistent(r);
        Assert.Equal(0, r.Histogram[0]);
        Assert.Equal(0, r.CorrectlyRounded);
        Assert.True(r.Histogram[1] > 0 && r.Histogram[2] > 0, $"bins {string.Join(",", r.Histogram)}");
        Assert.Equal(0, r.Histogram[4]); // at most 2.5 ULPs (just below a power of two), so never in "> 4"
        Assert.True(r.MaxUlp > 0.5 && r.MaxUlp <= 2.5, $"max {r.MaxUlp}");
        Assert.True(r.MaxUlp > 1.0, $"somewhere the exact value is just under half an ULP the other way; max {r.MaxUlp}");
        Assert.True(r.MeanUlp is > 0.5 and < 1.5, $"mean {r.MeanUlp}");
        Assert.False(r.SpecialCasesPass);
        Assert.Equal(Float32Oracle.UlpError(f, r.WorstInput, r.WorstOutput), r.MaxUlp);
        Assert.Equal(BitConverter.SingleToInt32Bits(Float32Oracle.RoundToFloat32(f, r.WorstInput)), BitConverter.SingleToInt32Bits(r.WorstExpected));
    }

    [Fact]
    public void ThreeUlpsOffOnOneInputIsFoundAsTheWorst()
    {
        var range = FloatRange.Parse("1:1.001");
        float bad = FloatBits.FromOrdered(range.FirstOrdered + 4321);
        uint badBits = Bits(bad);
        var kernel = CorrectlyRoundedExcept(MathFunction.Exp, badBits, r => MathF.BitIncrement(MathF.BitIncrement(MathF.BitIncrement(r))));
        var report = Run(MathFunction.Exp, kernel, range);
        AssertConsistent(report);
        Assert.True(range.IsExhaustive);
        Assert.Equal(badBits, Bits(report.WorstInput));
        Assert.InRange(report.MaxUlp, 2.5, 3.5);
        Assert.Equal(Float32Oracle.UlpError(MathFunction.Exp, bad, report.WorstOutput), report.MaxUlp);
        Assert.Equal(report.Inputs - 1, report.CorrectlyRounded);
        Assert.Equal(1, report.Histogram[3]);
        Assert.Equal(report.Inputs - 1, report.Histogram[0]);
        Assert.Equal(0, report.InfiniteErrors);
        Assert.True(report.SpecialCasesPass); // the bad input is none of the special cases
    }

    [Fact]
    public void NaNForOneInputIsAnInfiniteError()
    {
        var range = FloatRange.Parse("1:1.001");
        float bad = FloatBits.FromOrdered(range.FirstOrdered + 777);
        var kernel = CorrectlyRoundedExcept(MathFunction.Exp, Bits(bad), _ => float.NaN);
        var r = Run(MathFunction.Exp, kernel, range);
        AssertConsistent(r);
        Assert.Equal(1, r.InfiniteErrors);
        Assert.Equal(double.PositiveInfinity, r.MaxUlp);
        Assert.Equal(Bits(bad), Bits(r.WorstInput));
        Assert.True(float.IsNaN(r.WorstOutput));
        Assert.Equal(1, r.Histogram[4]);
        Assert.Equal(r.Inputs - 1, r.CorrectlyRounded);
        Assert.True(double.IsFinite(r.MeanUlp) && r.MeanUlp < 0.5, $"mean excludes infinite errors: {r.MeanUlp}");
    }

    [Fact]
    public void InfinityForAFiniteResultIsAnInfiniteError()
    {
        // exp(88.5) is finite (just below FLT_MAX); returning +Inf is wrong and counts as 2^128 (a finite error).
        float x = 88.5f;
        var range = FloatRange.Between(88.4f, 88.6f);
        var kernel = CorrectlyRoundedExcept(MathFunction.Exp, Bits(x), _ => float.PositiveInfinity);
        var r = Run(MathFunction.Exp, kernel, range);
        AssertConsistent(r);
        Assert.Equal(Bits(x), Bits(r.WorstInput));
        Assert.Equal(Float32Oracle.UlpError(MathFunction.Exp, x, float.PositiveInfinity), r.MaxUlp);
        Assert.True(r.MaxUlp > 4, $"max {r.MaxUlp}");
        Assert.Equal(1, r.Histogram[4]);
    }

    [Fact]
    public void ExpOfZeroReturning1Point0000001FailsThePlusZeroCase()
    {
        var kernel = CorrectlyRoundedExcept(MathFunction.Exp, 0x00000000, _ => 1.0000001f);
        var r = Run(MathFunction.Exp, kernel, FloatRange.Parse("-1:1", 2000));
        var plusZero = Assert.Single(r.SpecialCases, c => c.Case.Name == "+0");
        Assert.False(plusZero.Pass);
        Assert.Equal(1f, plusZero.Expected);
        Assert.Equal(1.0000001f, plusZero.Actual);
        Assert.Equal(1.0, plusZero.UlpError, 6);
        Assert.True(Assert.Single(r.SpecialCases, c => c.Case.Name == "-0").Pass);
        Assert.False(r.SpecialCasesPass);
        Assert.Single(r.SpecialCases, c => !c.Pass);
    }

    [Fact]
    public void TanhOfMinusZeroReturningPlusZeroFailsTheMinusZeroCase()
    {
        var kernel = CorrectlyRoundedExcept(MathFunction.Tanh, 0x80000000, _ => 0f);
        var r = Run(MathFunction.Tanh, kernel, FloatRange.Parse("-0:1", 2000)); // -0 is the first sample
        var minusZero = Assert.Single(r.SpecialCases, c => c.Case.Name == "-0");
        Assert.False(minusZero.Pass);
        Assert.Equal(0x80000000u, Bits(minusZero.Expected));
        Assert.Equal(0u, Bits(minusZero.Actual));
        Assert.True(Assert.Single(r.SpecialCases, c => c.Case.Name == "+0").Pass);
        Assert.False(r.SpecialCasesPass);
        Assert.Single(r.SpecialCases, c => !c.Pass);
        // The sign of zero is invisible to the ULP figure but not to correct rounding.
        Assert.Equal(r.Inputs - 1, r.CorrectlyRounded);
    }

    [Fact]
    public void TiesAtTheMaximumReportTheFirstInputInValueOrder()
    {
        // A kernel that returns NaN everywhere: every input ties at an infinite error. VerificationReport documents
        // the worst input as "the first in value order among equal maxima"; with more ties than the verifier keeps as
        // candidates, it must still be the first input of the range, whatever the threads did.
        var range = FloatRange.Parse("1:1.01"); // 83,887 inputs, several blocks
        var kernel = new FuncKernel("nan", _ => float.NaN);
        foreach (int threads in new[] { 1, 2 })
        {
            var r = Run(MathFunction.Exp, kernel, range, threads: threads);
            Assert.Equal(r.Inputs, r.InfiniteErrors);
            Assert.Equal(double.PositiveInfinity, r.MaxUlp);
            Assert.True(Bits(1f) == Bits(r.WorstInput), $"threads {threads}: worst input {FloatBits.HexFloat(r.WorstInput)}, expected the first tie, 1");
        }
    }

    [Fact]
    public void TiesAtAFiniteMaximumReportTheFirstInputInValueOrder()
    {
        // sqrt is exact at the squares of 12-bit floats: 849 of them in [1, 2). One ULP up there is an error of
        // exactly 1; everywhere else the kernel is MathF.Sqrt (correctly rounded, error <= 0.5). So 849 inputs tie
        // at the maximum, more than the verifier keeps as candidates; the first of them in value order is 1.
        var kernel = new FuncKernel("off-at-squares", x =>
        {
            float y = MathF.Sqrt(x);
            return (double)y * y == x ? MathF.BitIncrement(y) : y;
        });
        // Every square a^2 / 2^22 of a 12-bit y = a / 2048 is an even step from 1 in bit order: sampling every other
        // input of [1, 2 - 2^-22] visits them all (offsets are exactly 2i).
        var range = new FloatRange(FloatBits.ToOrdered(1f), FloatBits.ToOrdered(1f) + 0x7FFFFE, 0x400000);
        Assert.Equal(2, range.OrderedAt(1) - range.OrderedAt(0));
        var r = Run(MathFunction.Sqrt, kernel, range, threads: 2);
        AssertConsistent(r);
        Assert.Equal(1.0, r.MaxUlp);
        Assert.Equal(849, r.Histogram[1]);
        Assert.Equal(r.Inputs - 849, r.CorrectlyRounded);
        Assert.True(Bits(1f) == Bits(r.WorstInput), $"worst input {FloatBits.HexFloat(r.WorstInput)}, expected the first tie, 1");
    }

    // (e) determinism ------------------------------------------------------------------------------------------

    [Fact]
    public void ReportsAreIdenticalForOneAndTwoThreads()
    {
        var range = FloatRange.All with { Samples = 100_000 }; // several blocks
        var k = Sloppy(MathFunction.Exp);
        var one = Run(MathFunction.Exp, k, range, threads: 1);
        var two = Run(MathFunction.Exp, k, range, threads: 2);
        var twoAgain = Run(MathFunction.Exp, k, range, threads: 2);
        foreach (var other in new[] { two, twoAgain })
        {
            Assert.Equal(one.MaxUlp, other.MaxUlp);
            Assert.Equal(Bits(one.WorstInput), Bits(other.WorstInput));
            Assert.Equal(Bits(one.WorstOutput), Bits(other.WorstOutput));
            Assert.Equal(one.Histogram, other.Histogram);
            Assert.Equal(one.CorrectlyRounded, other.CorrectlyRounded);
            Assert.Equal(one.InfiniteErrors, other.InfiniteErrors);
            Assert.Equal(one.OracleFallbacks, other.OracleFallbacks);
            Assert.Equal(one.Inputs, other.Inputs);
            Assert.Equal(one.SpecialCases.Select(c => (c.Case.Name, c.Pass)), other.SpecialCases.Select(c => (c.Case.Name, c.Pass)));
            Assert.Equal(one.MeanUlp, other.MeanUlp, 12);
        }
    }

    [Fact]
    public void MeanIsBitIdenticalForOneAndTwoThreads()
    {
        var range = FloatRange.All with { Samples = 100_000 };
        var k = Sloppy(MathFunction.Log);
        var one = Run(MathFunction.Log, k, range, threads: 1);
        var two = Run(MathFunction.Log, k, range, threads: 2);
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.MeanUlp), BitConverter.DoubleToInt64Bits(two.MeanUlp));
    }

    [Fact]
    public void ErrorCurveCoversTheRangeAndHoldsTheMaximum()
    {
        var range = FloatRange.Parse("1:1.001");
        float bad = FloatBits.FromOrdered(range.FirstOrdered + 4321);
        var kernel = CorrectlyRoundedExcept(MathFunction.Exp, Bits(bad), r => MathF.BitIncrement(MathF.BitIncrement(MathF.BitIncrement(r))));
        var r = Verifier.Run(MathFunction.Exp, kernel, new VerifierOptions { Range = range, Threads = 2, CurveBuckets = 64 });
        Assert.Equal(64, r.Curve.Buckets);
        Assert.Equal(r.MaxUlp, r.Curve.MaxUlp.Max(), 1e-6); // the curve holds fast-path figures
        int worstBucket = Array.IndexOf(r.Curve.MaxUlp, r.Curve.MaxUlp.Max());
        Assert.True(FloatBits.ToOrdered(r.Curve.BucketStart(worstBucket)) <= FloatBits.ToOrdered(bad));
        Assert.True(worstBucket == 63 || FloatBits.ToOrdered(r.Curve.BucketStart(worstBucket + 1)) > FloatBits.ToOrdered(bad));
        Assert.All(r.Curve.MaxUlp.Where((_, b) => b != worstBucket), u => Assert.True(u <= 0.5));
        Assert.Equal(1f, r.Curve.BucketStart(0));
    }

    [Fact]
    public void ProgressReportsTheFinalCount()
    {
        var seen = new List<SweepProgress>();
        var progress = new SyncProgress(p => { lock (seen) seen.Add(p); });
        var range = FloatRange.Parse("-1:1", 30_000);
        Verifier.Run(MathFunction.Exp, Libm(MathFunction.Exp), new VerifierOptions { Range = range, Threads = 2, Progress = progress });
        Assert.NotEmpty(seen);
        Assert.Equal(30_000, seen[^1].Done);
        Assert.Equal(30_000, seen[^1].Total);
    }

    [Fact]
    public void CancellationStopsTheSweep()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Record.Exception(() => Verifier.Run(MathFunction.Exp, Libm(MathFunction.Exp),
            new VerifierOptions { Range = FloatRange.All with { Samples = 1_000_000 }, Threads = 2, Cancellation = cts.Token }));
        Assert.True(e is OperationCanceledException || (e is AggregateException a && a.InnerExceptions.All(x => x is OperationCanceledException)),
            $"got {e?.GetType().Name ?? "nothing"}");
    }

    sealed class SyncProgress(Action<SweepProgress> action) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => action(value);
    }
}
