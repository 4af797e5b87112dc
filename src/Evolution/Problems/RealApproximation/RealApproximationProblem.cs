using AutoNumerics.Evolution.Engine;
using AutoNumerics.Evolution.Fitting;
using AutoNumerics.Evolution.Programs;
using AutoNumerics.Evolution.Targets;
using DagProgram = AutoNumerics.Evolution.Programs.Program;

namespace AutoNumerics.Evolution.Problems.RealApproximation;

/// <summary>
/// The real-number search of issue 3 as an engine problem: genomes are instruction DAGs over x; a genome's fitness is
/// (max error over the samples after fitting its constants, <see cref="DagProgram.Cost"/>).
/// <list type="bullet">
/// <item>Initial genomes: random DAGs of 1 to 6 ops (<see cref="ProgramGenerator"/>), and a share
/// (<see cref="RealApproximationSpec.HornerSeedShare"/>, default 1/4) of Horner polynomials of degree 1 to 5 with
/// random coefficients. AutoNumerics-Zero starts from random programs only; set the share to 0 for that.</item>
/// <item>Mutation: <see cref="Mutator"/> (insert/remove op, rewire, change op, perturb or add a constant, retried
/// until the function changes on probe points).</item>
/// <item>Evaluation: <see cref="MinimaxFitter"/> (Levenberg-Marquardt, then Remez-style minimax refinement) fits the
/// constants to minimize the max error on <see cref="RealApproximationSpec.SampleCount"/> Chebyshev points; the
/// fitter measures the program's own rounding and switches to double-double when it is not 100x below the error
/// (<see cref="FitPrecision.Auto"/>), so errors near 1e-14 are the program's and not the evaluation's.</item>
/// <item>Poles: a fitted program must be proved bounded on [a, b] by interval arithmetic
/// (<see cref="BoundednessProof"/>), else its error is infinite.</item>
/// <item>Equivalence cache: <see cref="BehaviourHash"/> identifies the structure (constants ignored), so a child with
/// the same structure as a recently evaluated genome reuses that genome's fitted constants and error instead of being
/// refitted. This is sound for the engine: a cache hit returns a genome together with its own measured fitness.</item>
/// <item>Genomes are kept in a canonical form (<see cref="Canonical"/>) that the text codec round-trips exactly, so a
/// checkpoint written as straight-line text resumes bit for bit.</item>
/// </list>
/// </summary>
public sealed class RealApproximationProblem : IProblem<DagProgram>
{
    private readonly Mutator _mutator;
    private readonly double[] _probes;

    public RealApproximationProblem(RealApproximationSpec spec, FitBudget? fitBudget = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Spec = spec;
        Target = TargetFunction.Create(spec.Target, spec.A, spec.B, spec.ErrorKind);
        Samples = new TargetSamples(Target, spec.SampleCount, SampleSpacing.Chebyshev);
        FitData = FitData.From(Samples);
        FitBudget = fitBudget ?? DefaultFitBudget;
        _probes = FunctionFingerprint.DefaultProbes(spec.A, spec.B);
        MutatorOptions = new MutatorOptions
        {
            // Constants are refitted for every child and the equivalence cache is keyed on structure, so a child that
            // only perturbs constants is a guaranteed cache hit: a wasted evaluation slot (they were most of the
            // 65 % hit rate of the first 1-hour runs). Structural mutations and fresh constants remain.
            Weights = MutationWeights.Default with { PerturbConstantMultiplicative = 0, PerturbConstantAdditive = 0 },
            AllowFma = spec.AllowFma,
            AllowDivision = spec.AllowDivision,
            MaxCost = spec.MaxCost,
            MaxInstructions = Math.Max(16, 3 * spec.MaxCost + 8),
        };
        _mutator = new Mutator(MutatorOptions, _probes);
    }

    /// <summary>Per-candidate fitting work: enough for LM plus Remez to converge on programs of up to ~20 ops.</summary>
    public static FitBudget DefaultFitBudget { get; } = new() { MaxIterations = 30, MaxEvaluations = 400 };

    public RealApproximationSpec Spec { get; }
    public TargetFunction Target { get; }
    public TargetSamples Samples { get; }
    public FitData FitData { get; }
    public FitBudget FitBudget { get; }
    public MutatorOptions MutatorOptions { get; }

    public string Name => Spec.Name;
    public IGenomeCodec<DagProgram> Codec { get; } = new ProgramCodec();
    public IProblemWorker<DagProgram> CreateWorker(int workerIndex) => new Worker(this);

    /// <summary>
    /// The form genomes are kept in: compact, each literal its own constant placed just before its first use, x first
    /// (exactly what parsing the straight-line text gives, compacted). Same function as <paramref name="p"/>, and
    /// <c>Canonical(Canonical(p))</c> is structurally equal to <c>Canonical(p)</c>.
    /// </summary>
    public static DagProgram Canonical(DagProgram p) => ProgramText.Parse(ProgramText.Format(p.Compact())).Compact();

    /// <summary>Fits and measures one program (as a worker does).</summary>
    /// <remarks>A fitted program whose output cannot be proved bounded on [a, b] (<see cref="BoundednessProof"/>:
    /// a pole between the samples) gets an infinite error: its sample error says nothing about its true error, and
    /// without this check such programs take over the cheap end of the front.</remarks>
    public Evaluated<DagProgram> Evaluate(DagProgram program, IConstantFitter fitter, BoundednessProof? proof = null)
    {
        var fit = fitter.Fit(program, FitData, FitBudget);
        double error = double.IsFinite(fit.MaxError) ? fit.MaxError : double.PositiveInfinity;
        if (double.IsFinite(error) && !(proof ?? new BoundednessProof()).IsBounded(fit.Program, Spec.A, Spec.B))
            error = double.PositiveInfinity;
        return new Evaluated<DagProgram>(fit.Program, new Fitness(error, fit.Program.Cost));
    }

    /// <summary>Straight-line text (pareto.csv's program column); parsing gives back the canonical genome exactly.</summary>
    private sealed class ProgramCodec : IGenomeCodec<DagProgram>
    {
        public string Format(DagProgram genome) => ProgramText.Format(genome);
        public DagProgram Parse(string text) => ProgramText.Parse(text).Compact();
    }

    private sealed class Worker(RealApproximationProblem owner) : IProblemWorker<DagProgram>
    {
        private readonly MinimaxFitter _fitter = new(owner.Spec.Fit);
        private readonly BoundednessProof _proof = new();
        private readonly double[] _hashScratch = new double[owner._probes.Length];

        public DagProgram CreateRandom(ref Xoshiro256 rng)
        {
            var spec = owner.Spec;
            if (rng.NextDouble() < spec.HornerSeedShare)
            {
                int maxDegree = Math.Clamp(spec.MaxCost / 2, 1, 5);
                var c = new double[2 + rng.NextInt(maxDegree)];
                for (int k = 0; k < c.Length; k++) c[k] = Math.Round(rng.NextGaussian(), 3) is var v && v != 0 ? v : 1;
                return Canonical(ProgramBuilder.Horner(c));
            }
            int ops = 1 + rng.NextInt(Math.Min(6, spec.MaxCost));
            var p = ProgramGenerator.Random(ref rng, ops, spec.AllowFma, spec.AllowDivision);
            return Canonical(p.Cost <= spec.MaxCost ? p : ProgramBuilder.Horner([1.0, 1.0]));
        }

        public DagProgram Mutate(DagProgram parent, ref Xoshiro256 rng) => Canonical(owner._mutator.Mutate(parent, ref rng).Program);

        public Evaluated<DagProgram> Evaluate(DagProgram genome, ref Xoshiro256 rng) => owner.Evaluate(genome, _fitter, _proof);

        /// <summary>
        /// Structure (instructions and output) mixed with the outputs at the probe points when every constant slot
        /// holds a fixed pseudo-random value: equal for two genomes of the same structure whatever their constants,
        /// so the cache maps a structure to its fitted genome (see the class remarks).
        /// </summary>
        public ulong BehaviourHash(DagProgram genome)
        {
            var code = genome.Instructions;
            ulong h = 0xCBF29CE484222325UL ^ (ulong)genome.Output;
            foreach (var ins in code)
            {
                h = Mix(h ^ ((ulong)ins.Op | (ulong)(uint)(ins.In1 + 1) << 8 | (ulong)(uint)(ins.In2 + 1) << 24 | (ulong)(uint)(ins.In3 + 1) << 40));
            }
            Span<double> consts = genome.Constants.Length <= 64 ? stackalloc double[genome.Constants.Length] : new double[genome.Constants.Length];
            for (int s = 0; s < consts.Length; s++) consts[s] = 0.75 + ((s + 1) * 0.6180339887498949) % 1.0;
            Span<double> values = code.Length <= 256 ? stackalloc double[code.Length] : new double[code.Length];
            var probes = owner._probes;
            for (int k = 0; k < probes.Length; k++)
            {
                Interpreter.Evaluate(code, consts, probes[k], values);
                _hashScratch[k] = values[genome.Output];
            }
            h = Mix(h ^ FunctionFingerprint.Hash(_hashScratch));
            return h == 0 ? 1 : h;
        }

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
