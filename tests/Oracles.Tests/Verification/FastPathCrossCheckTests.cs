using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using Xunit.Abstractions;
using static AutoNumerics.Oracles.Tests.Verification.TestKernels;

namespace AutoNumerics.Oracles.Tests.Verification;

/// <summary>
/// The key proof that the fast path (binary64 reference, MPFR only where it cannot decide) gives exactly the figures
/// of MPFR alone: for every function, on sampled sweeps over all inputs, around 0 and around each threshold, the
/// reports of ExactOnly=false and ExactOnly=true must agree on the max, the worst input, the histogram and the count of
/// correctly rounded outputs, and the means within 1e-6 ULP.
/// </summary>
public class FastPathCrossCheckTests(ITestOutputHelper output)
{
    const int Samples = 20_000;

    public static TheoryData<MathFunction, string> Cases()
    {
        var data = new TheoryData<MathFunction, string>();
        foreach (var f in Enum.GetValues<MathFunction>())
        {
            data.Add(f, "libm");
            data.Add(f, "sloppy");
        }
        return data;
    }

    /// <summary>All 2^32 inputs, a neighbourhood of 0 (subnormals included), a neighbourhood of 1, and +-2^16 inputs
    /// around every threshold SpecialCases finds (overflow, underflow, saturation).</summary>
    static IEnumerable<(string Name, FloatRange Range)> Ranges(MathFunction f, bool sloppy)
    {
        // MPFR is slow exactly where a sloppy result misses a saturated value (erf(100) vs 1 + 2^-22): fewer samples.
        yield return ("all", FloatRange.All with { Samples = sloppy ? Samples / 10 : Samples });
        yield return ("around 0", FloatRange.Between(-0.25f, 0.25f, Samples));
        yield return ("around 1", FloatRange.Between(0.5f, 2f, Samples / 4));
        foreach (var c in SpecialCases.For(f).Where(c => c.Name.EndsWith("(last before)")))
        {
            int o = FloatBits.ToOrdered(c.Input);
            yield return (c.Name, new FloatRange(o - (1 << 16), o + (1 << 16), Samples / 4));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FastPathEqualsMpfrAlone(MathFunction f, string kernelKind)
    {
        var kernel = kernelKind == "libm" ? Libm(f) : Sloppy(f);
        var binsSeen = new long[ErrorHistogram.BinCount];
        foreach (var (name, range) in Ranges(f, kernelKind == "sloppy"))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var fast = Verifier.Run(f, kernel, new VerifierOptions { Range = range, Threads = 2 });
            double tFast = sw.Elapsed.TotalSeconds;
            var exact = Verifier.Run(f, kernel, new VerifierOptions { Range = range, Threads = 2, ExactOnly = true });
            double tExact = sw.Elapsed.TotalSeconds - tFast;
            string where = $"{f} {kernelKind} {name}";
            output.WriteLine($"{where}: max {fast.MaxUlp:R} at {FloatBits.HexFloat(fast.WorstInput)}, fallbacks {fast.OracleFallbacks}/{fast.Inputs}, " +
                             $"bins [{string.Join(",", fast.Histogram)}] / exact max {exact.MaxUlp:R} bins [{string.Join(",", exact.Histogram)}]; {tFast:F2} s + {tExact:F2} s");

            Assert.True(exact.ExactOnly);
            Assert.False(fast.ExactOnly);
            Assert.Equal(exact.Inputs, exact.OracleFallbacks);
            Assert.True(fast.OracleFallbacks < fast.Inputs / 2, $"{where}: the fast path decided too little ({fast.OracleFallbacks})");
            Assert.True(exact.MaxUlp == fast.MaxUlp, $"{where}: max {fast.MaxUlp:R} vs MPFR {exact.MaxUlp:R}");
            Assert.True(Bits(exact.WorstInput) == Bits(fast.WorstInput),
                $"{where}: worst input {FloatBits.HexFloat(fast.WorstInput)} vs MPFR {FloatBits.HexFloat(exact.WorstInput)}");
            Assert.True(Bits(exact.WorstOutput) == Bits(fast.WorstOutput), $"{where}: worst output");
            Assert.True(exact.Histogram.SequenceEqual(fast.Histogram),
                $"{where}: histogram [{string.Join(",", fast.Histogram)}] vs MPFR [{string.Join(",", exact.Histogram)}]");
            Assert.True(exact.CorrectlyRounded == fast.CorrectlyRounded, $"{where}: correctly rounded {fast.CorrectlyRounded} vs MPFR {exact.CorrectlyRounded}");
            Assert.True(exact.InfiniteErrors == fast.InfiniteErrors, $"{where}: infinite errors {fast.InfiniteErrors} vs MPFR {exact.InfiniteErrors}");
            Assert.True(Math.Abs(exact.MeanUlp - fast.MeanUlp) <= 1e-6, $"{where}: mean {fast.MeanUlp:R} vs MPFR {exact.MeanUlp:R}");
            for (int i = 0; i < binsSeen.Length; i++) binsSeen[i] += exact.Histogram[i];
        }
        if (kernelKind == "sloppy")
        {
            // The sloppy kernel must really exercise the bins above 0.5 ULP, or this check proves little.
            Assert.True(binsSeen[1] > 0 && binsSeen[2] > 0 && binsSeen[3] > 0 && binsSeen[4] > 0, $"{f}: bins [{string.Join(",", binsSeen)}]");
        }
        else
        {
            Assert.True(binsSeen[0] > 0);
        }
    }
}

/// <summary>Per input, the fast verdict must contain the exact figure: |fast - exact| &lt;= its stated uncertainty, and
/// within 1e-6 ULP (VerificationReport promises the mean within 1e-6 of the exact mean).</summary>
public class ErrorMeasureTests
{
    [Theory]
    [InlineData(MathFunction.Tanh, 20f, 1f, 8)]    // tanh(20) = 1 - 8.5e-18: exact value just below 1, reference 1
    [InlineData(MathFunction.Erf, 6f, 1f, 8)]
    [InlineData(MathFunction.Sigmoid, 40f, 1f, 8)]
    [InlineData(MathFunction.Expm1, -40f, -1f, 8)]
    [InlineData(MathFunction.Exp, 1e-30f, 1f, 8)]
    [InlineData(MathFunction.Exp, 3f, 20.085537f, 8)]
    public void FastVerdictIsWithinOneMillionthOfMpfr(MathFunction f, float x, float near, int maxSteps)
    {
        var failures = new List<string>();
        for (int steps = -maxSteps; steps <= maxSteps; steps++)
        {
            float y = FloatBits.FromOrdered(FloatBits.ToOrdered(near) + steps);
            var fast = ErrorMeasure.Judge(f, x, y);
            var exact = ErrorVerdict.Exact(f, x, y);
            if (fast.CorrectlyRounded != exact.CorrectlyRounded || Math.Abs(fast.Ulp - exact.Ulp) > 1e-6)
                failures.Add($"{f}({FloatBits.HexFloat(x)}), y = {FloatBits.HexFloat(y)}: fast {fast.Ulp:R} (+-{fast.Uncertainty:R}, cr {fast.CorrectlyRounded}), MPFR {exact.Ulp:R} (cr {exact.CorrectlyRounded})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(MathFunction.Tanh, 4096f)]
    [InlineData(MathFunction.Erf, 64f)]
    [InlineData(MathFunction.Erfc, 64f)]
    [InlineData(MathFunction.Sigmoid, 4096f)]
    [InlineData(MathFunction.Expm1, 4096f)]
    [InlineData(MathFunction.Exp, 4096f)]
    public void FastVerdictMatchesMpfrPerInputForASloppyKernel(MathFunction f, float limit)
    {
        // Over |x| <= limit, sampled (erf's MPFR error is slow far out in its saturation, so a smaller limit there).
        var range = FloatRange.Between(-limit, limit, 3000);
        var kernel = TestKernels.Sloppy(f);
        var xs = Enumerable.Range(0, (int)range.Count).Select(i => FloatBits.FromOrdered(range.OrderedAt(i))).ToArray();
        var ys = new float[xs.Length];
        kernel.Evaluate(xs, ys);
        var failures = new List<string>();
        for (int i = 0; i < xs.Length; i++)
        {
            var fast = ErrorMeasure.Judge(f, xs[i], ys[i]);
            var exact = ErrorVerdict.Exact(f, xs[i], ys[i]);
            if (fast.CorrectlyRounded != exact.CorrectlyRounded || !(Math.Abs(fast.Ulp - exact.Ulp) <= 1e-6) && fast.Ulp != exact.Ulp)
                failures.Add($"{f}({FloatBits.HexFloat(xs[i])}), y = {FloatBits.HexFloat(ys[i])}: fast {fast.Ulp:R} (+-{fast.Uncertainty:R}), MPFR {exact.Ulp:R}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} inputs:\n{string.Join("\n", failures.Take(10))}");
    }
}
