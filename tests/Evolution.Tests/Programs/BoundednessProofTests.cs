using AutoNumerics.Evolution.Programs;
using CsCheck;

namespace AutoNumerics.Evolution.Tests.Programs;

public class BoundednessProofTests
{
    private static BoundednessVerdict Check(string text, double a = 0, double b = 1) =>
        new BoundednessProof().Check(ProgramText.Parse(text), a, b);

    [Theory]
    [InlineData("t1 = x * 0.5; t2 = t1 + 1; t3 = t2 * x; t4 = t3 + 1; return t4")] // polynomial
    [InlineData("t1 = x + 2; t2 = 1 / t1; return t2")] // pole at -2, outside
    [InlineData("t1 = x - 0.3; t2 = t1 * t1; t3 = t2 + 1E-06; t4 = 1 / t3; return t4")] // near pole, denominator >= 1e-6
    [InlineData("t1 = x * x; t2 = 1 / t1; t3 = t2 + 1; t4 = 1 / t3; return t4")] // 1/(1/x^2 + 1): the limit 0 at x = 0
    // A front entry of a real run: 12.58/x is +inf at x = 0, the output is its limit there (IEEE and analytically).
    [InlineData("t1 = 12.578005546018142 / x; t2 = x + t1; t3 = t2 + -6.252305270295322; t4 = -12.587279729944015 / t3; t5 = 0.9999731534133118 - t4; return t5")]
    public void Proves_programs_without_a_pole_bounded(string text) =>
        Assert.Equal(BoundednessVerdict.Bounded, Check(text));

    [Theory]
    [InlineData("t1 = x - 0.3; t2 = 1 / t1; return t2")] // simple pole inside
    [InlineData("t1 = x - 0.3; t2 = t1 * t1; t3 = 1 / t2; return t3")] // double pole, no sign change
    [InlineData("t1 = x - 1; t2 = 1 / t1; return t2")] // pole at the end point
    [InlineData("t1 = x / x; return t1")] // 0/0 at x = 0 (IEEE NaN)
    [InlineData("t1 = x - 0.3; t2 = t1 + 1E-13; t3 = t2 / t1; return t3")] // Froissart doublet: pole 1e-13 from a zero
    [InlineData("t1 = x - 0.7182818284590452; t2 = 5 / t1; t3 = t2 * t2; t4 = 1 / t3; t5 = t4 + 1; return t5")] // 1 + (x-c)^2/25 analytically, but 5/0 * ... is inf at c: no
    public void Finds_poles(string text) => Assert.Equal(BoundednessVerdict.Singular, Check(text));

    [Fact]
    public void A_pole_outside_the_interval_does_not_count()
    {
        Assert.Equal(BoundednessVerdict.Bounded, Check("t1 = x - 1; t2 = 1 / t1; return t2", 0, 0.999));
        Assert.Equal(BoundednessVerdict.Bounded, Check("t1 = x / x; return t1", 0.5, 1));
    }

    [Fact]
    public void Bounded_is_sound_the_program_is_finite_everywhere_it_is_sampled()
    {
        // Soundness on random programs: whenever the proof says bounded, a dense grid (including both end points)
        // never meets a non-finite value. (The converse is not claimed: "singular" may be an over-estimate.)
        var proof = new BoundednessProof();
        int bounded = 0;
        Gen.Select(ProgramGens.Program(maxOps: 10), Gen.Double[-2, 2], Gen.Double[0.001, 3]).Sample((p, a, w) =>
        {
            double b = a + w;
            if (proof.Check(p, a, b) != BoundednessVerdict.Bounded) return;
            bounded++;
            for (int i = 0; i <= 2000; i++)
            {
                double x = i == 2000 ? b : a + w * i / 2000;
                double y = Interpreter.EvaluateDoubleDouble(p, x).Hi;
                Assert.True(double.IsFinite(y), $"{ProgramText.Format(p)} is {y} at {x:R} on [{a:R}, {b:R}]");
            }
        }, iter: 400, threads: 1);
        Assert.True(bounded > 100, $"only {bounded} bounded programs were checked");
    }
}
