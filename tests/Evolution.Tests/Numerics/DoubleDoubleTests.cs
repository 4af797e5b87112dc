using System.Runtime.Intrinsics;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Numerics;

public class DoubleDoubleTests
{
    private const MpfrRounding N = MpfrRounding.Nearest;
    private const double U2 = 1.2325951644078310e-32; // u^2 = 2^-106

    /// <summary>A random normalized double-double with |value| in [2^-30, 2^30] and a full-width low part.</summary>
    private static DoubleDouble RandomDD(Random r)
    {
        double hi = Math.ScaleB(1 + r.NextDouble(), r.Next(-30, 31)) * (r.Next(2) == 0 ? 1 : -1);
        double lo = hi * (r.NextDouble() - 0.5) * Math.ScaleB(1, -52);
        return DoubleDouble.FromSum(hi, lo);
    }

    /// <summary>|computed - exact| / |exact| in units of u^2, with the exact value from MPFR at 600 bits.</summary>
    private static double ErrorInU2(DoubleDouble computed, Func<MpfrValue, MpfrValue, MpfrValue, int> op, DoubleDouble a, DoubleDouble b)
    {
        using var ma = a.ToMpfr(600);
        using var mb = b.ToMpfr(600);
        using var exact = new MpfrValue(600);
        op(exact, ma, mb);
        using var c = computed.ToMpfr(600);
        using var d = new MpfrValue(600);
        d.Sub(c, exact, N);
        d.Div(d, exact, N);
        return Math.Abs(d.ToDouble(N)) / U2;
    }

    [Fact]
    public void ArithmeticMeetsTheDocumentedBoundsAgainstMpfr()
    {
        var r = new Random(20240501);
        double add = 0, addF = 0, mul = 0, mulF = 0, div = 0, divF = 0, sub = 0;
        for (int i = 0; i < 3000; i++)
        {
            var a = RandomDD(r);
            var b = RandomDD(r);
            // Every fourth case makes a + b cancel heavily, the hard case for the "sloppy" addition.
            if (i % 4 == 0) b = DoubleDouble.FromSum(-a.Hi * (1 + Math.ScaleB(r.NextDouble(), -40)), b.Lo * 1e-3);
            DoubleDouble bf = b.Hi;
            add = Math.Max(add, ErrorInU2(a + b, (z, x, y) => z.Add(x, y, N), a, b));
            sub = Math.Max(sub, ErrorInU2(a - b, (z, x, y) => z.Sub(x, y, N), a, b));
            addF = Math.Max(addF, ErrorInU2(a + b.Hi, (z, x, y) => z.Add(x, y, N), a, bf));
            mul = Math.Max(mul, ErrorInU2(a * b, (z, x, y) => z.Mul(x, y, N), a, b));
            mulF = Math.Max(mulF, ErrorInU2(a * b.Hi, (z, x, y) => z.Mul(x, y, N), a, bf));
            div = Math.Max(div, ErrorInU2(a / b, (z, x, y) => z.Div(x, y, N), a, b));
            divF = Math.Max(divF, ErrorInU2(a / b.Hi, (z, x, y) => z.Div(x, y, N), a, bf));
        }
        // Bounds of DoubleDouble's doc comment (JMP 2017), in units of u^2 (the u^3 terms are far below 0.01).
        Assert.True(add <= 3.01, $"dd+dd {add} u^2");
        Assert.True(sub <= 3.01, $"dd-dd {sub} u^2");
        Assert.True(addF <= 2.01, $"dd+double {addF} u^2");
        Assert.True(mul <= 5.0, $"dd*dd {mul} u^2");
        Assert.True(mulF <= 2.0, $"dd*double {mulF} u^2");
        Assert.True(div <= 15.01, $"dd/dd {div} u^2");
        Assert.True(divF <= 3.0, $"dd/double {divF} u^2");
        // And the results are genuinely double-double accurate (not accidentally exact-looking zeros).
        Assert.True(mul > 0 && div > 0);
    }

    [Fact]
    public void ErrorFreeTransformationsAreExact()
    {
        var r = new Random(7);
        using var s = new MpfrValue(2200);
        using var t = new MpfrValue(2200);
        for (int i = 0; i < 500; i++)
        {
            double a = Math.ScaleB(r.NextDouble() - 0.5, r.Next(-60, 60)), b = Math.ScaleB(r.NextDouble() - 0.5, r.Next(-60, 60));
            double hi = DoubleDouble.TwoSum(a, b, out double lo);
            s.Set(a, N); t.Set(b, N); s.Add(s, t, N);
            using (var v = new DoubleDouble(hi, lo).ToMpfr(2200)) Assert.Equal(0, MpfrValue.Compare(v, s));
            hi = DoubleDouble.TwoProd(a, b, out lo);
            s.Set(a, N); t.Set(b, N); s.Mul(s, t, N);
            using (var v = new DoubleDouble(hi, lo).ToMpfr(2200)) Assert.Equal(0, MpfrValue.Compare(v, s));
            double big = Math.Abs(a) >= Math.Abs(b) ? a : b, small = Math.Abs(a) >= Math.Abs(b) ? b : a;
            hi = DoubleDouble.FastTwoSum(big, small, out lo);
            s.Set(a, N); t.Set(b, N); s.Add(s, t, N);
            using (var v = new DoubleDouble(hi, lo).ToMpfr(2200)) Assert.Equal(0, MpfrValue.Compare(v, s));
        }
    }

    [Fact]
    public void ConversionsParseAndCompare()
    {
        using var e = new MpfrValue(300);
        Constants.E(e, N);
        var dd = DoubleDouble.FromMpfr(e);
        Assert.Equal(Math.E, dd.Hi);
        Assert.Equal(dd, DoubleDouble.Parse("2.71828182845904523536028747135266249775724709369995"));
        // ToMpfr is exact even when lo is far below hi's last bit.
        var wide = new DoubleDouble(1.0, Math.ScaleB(1, -200));
        Assert.True(wide.ExactPrecision >= 201);
        using (var m = wide.ToMpfr()) Assert.Equal(wide, DoubleDouble.FromMpfr(m));
        Assert.Equal(33, dd.ToString().Replace(".", "").Length);
        Assert.Throws<FormatException>(() => DoubleDouble.Parse("2.7x"));

        var one = DoubleDouble.One;
        var above = new DoubleDouble(1, Math.ScaleB(1, -60));
        var below = new DoubleDouble(1, -Math.ScaleB(1, -60));
        var one2 = new DoubleDouble(1, 0);
        Assert.True(below < one && one < above && above > below && one <= one2 && one >= one2 && !(above <= one));
        Assert.True(above != one);
        Assert.Equal(1.0, (double)above);
        Assert.Equal(new[] { below, one, above }, new[] { above, below, one }.Order());
    }

    private static readonly Gen<double[]> Values =
        Gen.Int[1, 40].SelectMany(n => Gen.Double[-1e6, 1e6].Where(v => Math.Abs(v) > 1e-6).Array[n]);

    [Fact]
    public void EvaluatorLaneArithmeticEqualsTheScalarTypeBitForBit()
    {
        // The tape evaluator's double-double (DoubleDoubleLanes, any width) and the DoubleDouble type that the
        // verifiers use are one algorithm: identical results, so the bounds proved for one hold for the other.
        Gen.Select(Values, Gen.Int[0, int.MaxValue]).Sample((xs, seed) =>
        {
            var r = new Random(seed);
            for (int i = 0; i < xs.Length; i++)
            {
                var a = DoubleDouble.FromSum(xs[i], xs[i] * (r.NextDouble() - 0.5) * 1e-16);
                var b = DoubleDouble.FromSum(xs[(i + 1) % xs.Length] + r.NextDouble(), r.NextDouble() * 1e-17);
                var c = i % 3 == 0 ? -(a * b) : RandomDD(r); // forces cancellation in the fused form sometimes
                Same(a + b, Lane(DoubleDoubleLanes.Add, a, b), "Add");
                Same(a - b, Lane(DoubleDoubleLanes.Sub, a, b), "Sub");
                Same(a * b, Lane(DoubleDoubleLanes.Mul, a, b), "Mul");
                Same(a / b, Lane(DoubleDoubleLanes.Div, a, b), "Div");
                DoubleDoubleLanes.Fma(new Lanes256(Vector256.Create(a.Hi)), new Lanes256(Vector256.Create(a.Lo)),
                    new Lanes256(Vector256.Create(b.Hi)), new Lanes256(Vector256.Create(b.Lo)),
                    new Lanes256(Vector256.Create(c.Hi)), new Lanes256(Vector256.Create(c.Lo)), out var fh, out var fl);
                Same(a * b + c, new DoubleDouble(fh.V[3], fl.V[3]), "Fma");
            }
        }, iter: 300);

        static DoubleDouble Lane(LaneOp op, DoubleDouble a, DoubleDouble b)
        {
            op(new Lanes256(Vector256.Create(a.Hi)), new Lanes256(Vector256.Create(a.Lo)),
                new Lanes256(Vector256.Create(b.Hi)), new Lanes256(Vector256.Create(b.Lo)), out var zh, out var zl);
            return new DoubleDouble(zh.V[2], zl.V[2]);
        }

        static void Same(DoubleDouble expected, DoubleDouble actual, string op)
        {
            if (BitConverter.DoubleToInt64Bits(expected.Hi) != BitConverter.DoubleToInt64Bits(actual.Hi)
                || BitConverter.DoubleToInt64Bits(expected.Lo) != BitConverter.DoubleToInt64Bits(actual.Lo))
                throw new Exception($"{op}: DoubleDouble ({expected.Hi:R}, {expected.Lo:R}) lanes ({actual.Hi:R}, {actual.Lo:R})");
        }
    }

    private delegate void LaneOp(Lanes256 ah, Lanes256 al, Lanes256 bh, Lanes256 bl, out Lanes256 zh, out Lanes256 zl);
}
