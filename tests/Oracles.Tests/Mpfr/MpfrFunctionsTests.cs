using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class MpfrFunctionsTests
{
    [Fact]
    public void DirectedRoundingsBracketEveryFunctionWithConsistentTernaries()
    {
        var rng = new Random(9);
        using var x = new MpfrValue(24);
        using var lo = new MpfrValue(53);
        using var hi = new MpfrValue(53);
        using var near = new MpfrValue(53);
        using var big = new MpfrValue(300);
        foreach (var f in Enum.GetValues<MathFunction>())
        {
            for (int i = 0; i < 200; i++)
            {
                x.Set((float)(rng.NextDouble() * 3 + 0.05), MpfrRounding.Nearest);
                using (ExponentRange.Widest())
                {
                    int td = MpfrFunctions.Evaluate(f, lo, x, MpfrRounding.Down);
                    int tu = MpfrFunctions.Evaluate(f, hi, x, MpfrRounding.Up);
                    int tn = MpfrFunctions.Evaluate(f, near, x, MpfrRounding.Nearest);
                    MpfrFunctions.Evaluate(f, big, x, MpfrRounding.Nearest);
                    if (td == 0) { Assert.Equal(0, tu); Assert.Equal(0, MpfrValue.Compare(lo, hi)); continue; }
                    Assert.True(td < 0 && tu > 0, $"{f}: ternaries {td} {tu}");
                    Assert.Equal(Math.BitIncrement(lo.ToDouble(MpfrRounding.Nearest)), hi.ToDouble(MpfrRounding.Nearest));
                    // Nearest is one of the two and its ternary says which; the 300-bit value lies between them.
                    Assert.Equal(0, MpfrValue.Compare(near, tn < 0 ? lo : hi));
                    Assert.True(MpfrValue.Compare(lo, big) < 0 && MpfrValue.Compare(big, hi) < 0);
                }
            }
        }
    }

    [Fact]
    public void ResultMayAliasArgument()
    {
        using var a = new MpfrValue(64, -2.5);
        using var b = new MpfrValue(64, -2.5);
        using var r = new MpfrValue(64);
        foreach (var f in Enum.GetValues<MathFunction>())
        {
            a.Set(-2.5, MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(f, r, b, MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(f, a, a, MpfrRounding.Nearest);
            Assert.True(r.IsNaN ? a.IsNaN : MpfrValue.Compare(a, r) == 0, f.ToString());
        }
    }

    [Fact]
    public void OracleCallsDoNotAllocateAfterWarmUp()
    {
        var fns = Enum.GetValues<MathFunction>();
        foreach (var f in fns) { Float32Oracle.RoundToFloat32(f, 0.7f); Float32Oracle.UlpError(f, -0.7f, 0.1f); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        float acc = 0;
        for (int i = 0; i < 2000; i++)
        {
            var f = fns[i % fns.Length];
            acc += Float32Oracle.RoundToFloat32(f, i * 0.01f - 7f);
            acc += (float)Float32Oracle.UlpError(f, i * 0.013f - 9f, 0.5f);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(acc == 12345f);
    }
}
