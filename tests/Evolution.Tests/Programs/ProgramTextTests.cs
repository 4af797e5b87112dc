using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class ProgramTextTests
{
    [Fact]
    public void Format_then_Parse_round_trips_text_function_and_cost()
    {
        Gen.Select(ProgramGens.Program(), Gen.Double[-2, 2]).Sample((p, x) =>
        {
            string s = ProgramText.Format(p);
            var q = ProgramText.Parse(s);
            Assert.Equal(s, ProgramText.Format(q));
            Assert.Equal(p.Cost, q.Cost);
            Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, x), ProgramGens.Naive(q, x)));
            // The folded form evaluates identically in double too.
            var r = ProgramText.Parse(ProgramText.Format(p, foldConstants: true));
            Assert.True(ProgramGens.SameBits(ProgramGens.Naive(p, x), ProgramGens.Naive(r, x)));
            Assert.Equal(p.Cost, r.Cost);
        }, iter: 1000);
    }

    [Fact]
    public void Literals_round_trip_exactly()
    {
        Gen.Double.Sample(v =>
        {
            if (!double.IsFinite(v)) return;
            var p = ProgramText.Parse($"t1 = x * {ProgramText.Literal(v)}; return t1");
            Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(p.Constants[0]));
        }, iter: 5000);
        Assert.Equal("-0", ProgramText.Literal(-0.0));
    }

    [Fact]
    public void Parses_the_documented_form()
    {
        var p = ProgramText.Parse("t1 = x * 0.5; t2 = t1 + 1; t3 = fma(t2, x, -2.5E-05); return t3");
        Assert.Equal(Math.FusedMultiplyAdd(3 * 0.5 + 1, 3, -2.5e-5), p.Evaluate(3));
        Assert.Equal(4, p.Cost);
        Assert.Equal("t1 = x * 0.5; t2 = t1 + 1; t3 = fma(t2, x, -2.5E-05); return t3", p.ToString());
        // Newlines, extra spaces and other temporary names are accepted.
        var q = ProgramText.Parse("a = x*x\n b = a - -1e3 \n return b");
        Assert.Equal(2 * 2 + 1000.0, q.Evaluate(2));
        Assert.Equal("return x", ProgramText.Parse("return x").ToString());
        Assert.Equal(0.25, ProgramText.Parse("return 0.25").Evaluate(7));
    }

    [Theory]
    [InlineData("")]
    [InlineData("t1 = x * 0.5")]                       // no return
    [InlineData("t1 = y * 0.5; return t1")]            // unknown name
    [InlineData("t1 = x * ; return t1")]               // missing operand
    [InlineData("t1 = x % 2; return t1")]              // unknown operator
    [InlineData("t1 = x * 2; t1 = x + 1; return t1")]  // reassigned
    [InlineData("return x; t1 = x + 1")]               // statement after return
    [InlineData("t1 = fma(x, x); return t1")]          // fma arity
    [InlineData("t1 = x * 2 3; return t1")]            // trailing junk
    [InlineData("t1 = x * Infinity; return t1")]       // constants must be finite
    public void Bad_text_is_rejected_with_FormatException(string text)
        => Assert.Throws<FormatException>(() => ProgramText.Parse(text));
}
