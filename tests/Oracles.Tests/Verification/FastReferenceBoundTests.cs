using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Verification;

/// <summary>
/// The fast path is only as good as FastReference's assumed error bound. Check |reference - exact| &lt;= bound against
/// MPFR on random inputs of every function: over all bit patterns, over |x| &lt; 128, and near 0 (the Taylor splits).
/// The exact value is MPFR's at 200 bits; where the reference is split as Base + Delta with Base != 0, at enough
/// bits that exact - Base is still known to 200 bits (up to 1,400 bits: below the absolute bound 2^-1060).
/// </summary>
public class FastReferenceBoundTests
{
    public static TheoryData<MathFunction> AllFunctions()
    {
        var data = new TheoryData<MathFunction>();
        foreach (var f in Enum.GetValues<MathFunction>()) data.Add(f);
        return data;
    }

    static IEnumerable<float> Inputs(int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < 1200; i++) yield return BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
        int lo = FloatBits.ToOrdered(-128f), hi = FloatBits.ToOrdered(128f);
        for (int i = 0; i < 1200; i++) yield return FloatBits.FromOrdered(rng.Next(lo, hi));
        int sLo = FloatBits.ToOrdered(-MathF.ScaleB(1f, -12)), sHi = FloatBits.ToOrdered(MathF.ScaleB(1f, -12));
        for (int i = 0; i < 400; i++) yield return FloatBits.FromOrdered(rng.Next(sLo, sHi));
        foreach (float x in new[] { 0f, -0f, 1f, -1f, 0.5f, 2f, 1e-20f, -1e-20f, MathF.ScaleB(1f, -16), MathF.ScaleB(1.9999999f, -17), 10f, 20f, 27f, 88.7f, -103.9f, float.MaxValue, -float.MaxValue, 1.4e-45f })
            yield return x;
    }

    [Theory]
    [MemberData(nameof(AllFunctions))]
    public void ReferenceIsWithinItsBound(MathFunction f)
    {
        var failures = new List<string>();
        using var xv = new MpfrValue(24);
        using var exact = new MpfrValue(200);
        using var diff = new MpfrValue(64);
        using var baseValue = new MpfrValue(64);
        int checkedCount = 0;
        // Both the scalar reference and the block form (vectorized for exp and exp2) must respect the bound.
        var inputs = Inputs((int)f * 7919 + 1).Where(x => !float.IsNaN(x)).ToArray();
        var block = new ReferenceValue[inputs.Length];
        FastReference.Evaluate(f, inputs, block);
        foreach (var (x, r) in inputs.Select(x => (x, FastReference.Evaluate(f, x))).Concat(inputs.Zip(block)))
        {
            using var _ = ExponentRange.Widest();
            xv.Set(x, MpfrRounding.Nearest);
            int precision = 200;
            if (r.Base != 0 && r.Delta != 0 && double.IsFinite(r.Delta))
                precision = Math.Min(1400, 200 + Math.Max(0, -Math.ILogB(r.Delta)));
            else if (r.Base != 0)
                precision = 1400;
            exact.SetPrecision(precision);
            MpfrFunctions.Evaluate(f, exact, xv, MpfrRounding.Nearest);

            string where = $"{f}({FloatBits.HexFloat(x)}): reference {r.Base} + {r.Delta:R}";
            if (exact.IsNaN)
            {
                if (!double.IsNaN(r.Value)) failures.Add($"{where}, exact NaN");
                continue;
            }
            if (double.IsNaN(r.Value)) { failures.Add($"{where} is NaN, exact {exact}"); continue; }
            // (MPFR itself underflows to 0 below 2^(-2^62): exact.IsZero there says nothing.)
            if (r.SideCertain)
            {
                // The exact value must lie strictly on Delta's side of Base (where MPFR can tell them apart at all).
                using var b = new MpfrValue(64, r.Base);
                int side = MpfrValue.Compare(exact, b);
                if (side != 0 && (side < 0) != double.IsNegative(r.Delta)) failures.Add($"{where} claims the wrong side of {r.Base}, exact {exact}");
            }
            if (double.IsInfinity(r.Delta))
            {
                // Allowed only where the exact value is beyond binary64 (or a pole), with the same sign.
                double e = exact.ToDouble(MpfrRounding.TowardZero);
                if (!(exact.IsInfinity || Math.Abs(e) == double.MaxValue) || (exact.IsNegative != r.Delta < 0))
                    failures.Add($"{where}, exact {exact}");
                continue;
            }
            // diff = (exact - Base) - Delta, rounded up in magnitude to 64 bits: compared with the bound.
            diff.SetPrecision(precision + 2);
            baseValue.Set(r.Base, MpfrRounding.Nearest);
            diff.Sub(exact, baseValue, MpfrRounding.Nearest); // exact at precision + 2 (Base is a small float)
            using var delta = new MpfrValue(64, r.Delta);
            using var d2 = new MpfrValue(64);
            d2.Sub(diff, delta, MpfrRounding.AwayFromZero);
            double error = Math.Abs(d2.ToDouble(MpfrRounding.AwayFromZero));
            if (!(error <= r.ErrorBound)) failures.Add($"{where}: |ref - exact| = {error:R} > bound {r.ErrorBound:R}");
            checkedCount++;
        }
        Assert.True(checkedCount > 1000, $"only {checkedCount} inputs checked");
        Assert.True(failures.Count == 0, $"{failures.Count} violations:\n{string.Join("\n", failures.Take(20))}");
    }

    [Fact]
    public void BoundIsMeaningful()
    {
        // The bound must be far tighter than a float32 ULP (2^-24 relative) or the fast path could decide nothing,
        // and looser than glibc's documented worst cases (a few double ULPs, 2^-50 relative).
        Assert.True(FastReference.RelativeBound < Math.ScaleB(1, -40));
        Assert.True(FastReference.RelativeBound > Math.ScaleB(1, -50));
        Assert.True(FastReference.AbsoluteBound < Math.ScaleB(1, -1000));
    }
}
