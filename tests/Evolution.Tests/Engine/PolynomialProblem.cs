using System.Globalization;
using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Evolution.Tests.Engine;

/// <summary>
/// Toy problem: approximate e^x on [0, 1] by a polynomial whose genome is its coefficient vector in the Chebyshev
/// basis T_k(2x-1) (well conditioned, so coefficients can be improved one at a time); cost = number of coefficients,
/// error = maximum relative error on 33 Chebyshev points. Mutations perturb one coefficient on a random
/// scale, append a zero coefficient (same function, one more cost) or drop the top one. No constant fitting, so the
/// search alone must drive each cost level down: a fair test of how selection treats the front.
/// </summary>
internal sealed class PolynomialProblem(bool cacheable = false, int maxLength = 8, int failAfter = -1) : IProblem<double[]>, IGenomeCodec<double[]>
{
    private static readonly double[] Xs = [.. Enumerable.Range(0, 33).Select(k => 0.5 - 0.5 * Math.Cos(Math.PI * (k + 0.5) / 33))];
    private static readonly double[] Ys = [.. Xs.Select(Math.Exp)];
    private int _evaluations;

    public bool Cacheable { get; } = cacheable;
    public int MaxLength { get; } = maxLength;
    public int FailAfter { get; } = failAfter;

    public string Name => $"toy exp polynomial max={MaxLength}";
    public IGenomeCodec<double[]> Codec => this;
    public IProblemWorker<double[]> CreateWorker(int workerIndex) => new Worker(this);

    public string Format(double[] genome) => string.Join(' ', genome.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));

    public double[] Parse(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))];

    public static double Error(double[] c)
    {
        double worst = 0;
        for (int i = 0; i < Xs.Length; i++)
        {
            // Clenshaw's recurrence for sum c_k T_k(t), t = 2x - 1.
            double t = 2 * Xs[i] - 1, b1 = 0, b2 = 0;
            for (int k = c.Length - 1; k >= 1; k--) (b1, b2) = (2 * t * b1 - b2 + c[k], b1);
            double p = t * b1 - b2 + c[0];
            worst = Math.Max(worst, Math.Abs(p - Ys[i]) / Ys[i]);
        }
        return worst;
    }

    private sealed class Worker(PolynomialProblem owner) : IProblemWorker<double[]>
    {
        public double[] CreateRandom(ref Xoshiro256 rng)
        {
            var c = new double[1 + rng.NextInt(3)];
            for (int i = 0; i < c.Length; i++) c[i] = rng.NextGaussian();
            return c;
        }

        public double[] Mutate(double[] parent, ref Xoshiro256 rng)
        {
            double u = rng.NextDouble();
            if (u < 0.1 && parent.Length < owner.MaxLength) return [.. parent, 0.0];
            if (u < 0.2 && parent.Length > 1) return parent[..^1];
            var c = (double[])parent.Clone();
            c[rng.NextInt(c.Length)] += rng.NextGaussian() * Math.Pow(10, -9 * rng.NextDouble());
            return c;
        }

        public Evaluated<double[]> Evaluate(double[] genome, ref Xoshiro256 rng)
        {
            if (owner.FailAfter >= 0 && Interlocked.Increment(ref owner._evaluations) > owner.FailAfter)
                throw new InvalidOperationException("toy evaluator failure");
            // A NaN coefficient would be an invalid genome; here the 0th coefficient of exactly 42 stands for one.
            double e = genome[0] == 42 ? double.NaN : Error(genome);
            return new(genome, new Fitness(e, genome.Length));
        }

        public ulong BehaviourHash(double[] genome)
        {
            if (!owner.Cacheable) return 0;
            ulong h = 0x9E3779B97F4A7C15UL;
            foreach (double c in genome) h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(c)) * 0xBF58476D1CE4E5B9UL;
            return h == 0 ? 1 : h;
        }
    }
}
