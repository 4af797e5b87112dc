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
    static IEnumerable<(string Name, FloatRange Range)> Ranges(MathFunction f)
    {
        yield return ("all", FloatRange.All with { Samples = Samples });
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
        foreach (var (name, range) in Ranges(f))
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
