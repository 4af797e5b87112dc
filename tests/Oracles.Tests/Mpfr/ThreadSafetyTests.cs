using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Tests.Mpfr;

public class ThreadSafetyTests
{
    [Fact]
    public void ParallelEvaluationMatchesSequential()
    {
        const int n = 30_000;
        var fns = Enum.GetValues<MathFunction>();
        var rng = new Random(5);
        var xs = new float[n];
        for (int i = 0; i < n; i++) xs[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-20, 10)));

        var seqR = new float[n]; var seqU = new double[n];
        for (int i = 0; i < n; i++)
        {
            var f = fns[i % fns.Length];
            seqR[i] = Float32Oracle.RoundToFloat32(f, xs[i]);
            seqU[i] = Float32Oracle.UlpError(f, xs[i], xs[i]);
        }
        var parR = new float[n]; var parU = new double[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var f = fns[i % fns.Length];
            parR[i] = Float32Oracle.RoundToFloat32(f, xs[i]);
            parU[i] = Float32Oracle.UlpError(f, xs[i], xs[i]);
        });
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(seqR[i]), BitConverter.SingleToInt32Bits(parR[i]));
            Assert.Equal(seqU[i], parU[i]);
        }
    }
}
