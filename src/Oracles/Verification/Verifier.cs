using System.Diagnostics;
using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Verification;

public sealed record VerifierOptions
{
    public FloatRange Range { get; init; } = FloatRange.All;
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Decide every input with MPFR (slow; for cross-checking the fast path).</summary>
    public bool ExactOnly { get; init; }
    /// <summary>Buckets of the error curve (0: none).</summary>
    public int CurveBuckets { get; init; }
    public IProgress<SweepProgress>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Progress of a running sweep, for the stderr progress line.</summary>
public readonly record struct SweepProgress(long Done, long Total, TimeSpan Elapsed, double MaxUlpSoFar);

/// <summary>
/// The exhaustive float32 verifier: runs an implementation over every input of a range, on all cores, and judges
/// each output against the fast binary64 reference, with MPFR deciding whatever the reference cannot
/// (see <see cref="ErrorMeasure"/>). Hand-written rather than built on a library because the sweep is 2^32 inputs:
/// blocks of inputs are generated in place, evaluated by the kernel in one call, and judged without allocation.
/// </summary>
public static class Verifier
{
    const int BlockSize = 1 << 14;
    const int MaxCandidates = 256;

    public static VerificationReport Run(MathFunction f, IFloat32Kernel kernel, VerifierOptions options)
    {
        var range = options.Range;
        var stopwatch = Stopwatch.StartNew();
        long blocks = (range.Count + BlockSize - 1) / BlockSize;
        long done = 0;
        var shared = new SharedProgress();
        shared.Offer(InitialFloor(f, kernel, range, options.ExactOnly));
        var totals = new Accumulator(f, options.CurveBuckets);
        using var timer = options.Progress is null ? null : new Timer(_ =>
            options.Progress.Report(new(Interlocked.Read(ref done), range.Count, stopwatch.Elapsed, shared.Read())),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        Parallel.For(0L, blocks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = options.Cancellation },
            () => new Worker(f, kernel, range, options),
            (block, _, worker) =>
            {
                long start = block * BlockSize;
                int count = (int)Math.Min(BlockSize, range.Count - start);
                // Every thread prunes against the best lower bound any thread has proved: an input whose error
                // cannot reach it is never kept, whatever order the blocks run in.
                worker.Acc.RaiseFloor(shared.Value);
                worker.Sweep(start, count);
                Interlocked.Add(ref done, count);
                shared.Offer(worker.Acc.BestLowerBound);
                return worker;
            },
            worker => { lock (totals) totals.Merge(worker.Acc); });

        var (maxUlp, worstX, worstY) = totals.ResolveMaximum();
        var specials = SpecialCases.Check(f, kernel);
        options.Progress?.Report(new(range.Count, range.Count, stopwatch.Elapsed, maxUlp));
        return new VerificationReport
        {
            Function = f,
            Implementation = kernel.Name,
            Range = range,
            Inputs = range.Count,
            MaxUlp = maxUlp,
            WorstInput = worstX,
            WorstOutput = worstY,
            WorstExpected = Float32Oracle.RoundToFloat32(f, worstX),
            MeanUlp = totals.FiniteCount == 0 ? 0 : totals.Sum / totals.FiniteCount,
            CorrectlyRounded = totals.CorrectlyRounded,
            Histogram = totals.Histogram,
            InfiniteErrors = totals.InfiniteErrors,
            OracleFallbacks = totals.Fallbacks,
            ExactOnly = options.ExactOnly,
            Seconds = stopwatch.Elapsed.TotalSeconds,
            SpecialCases = specials,
            Curve = new ErrorCurve(range, totals.Curve),
        };
    }

    /// <summary>
    /// A lower bound on the maximum error from a quick sample of the range (up to 65,536 inputs evenly spaced in bit
    /// order). Without it, a thread that starts in a region of uniformly tiny errors (exp of tiny x) would keep every
    /// input as a candidate for the maximum, since all are within the reference's uncertainty of each other.
    /// </summary>
    static double InitialFloor(MathFunction f, IFloat32Kernel kernel, FloatRange range, bool exactOnly)
    {
        // Inputs the sweep itself visits (the floor must be a lower bound on the sweep's own maximum).
        int n = (int)Math.Min(range.Count, 1 << 16);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = FloatBits.FromOrdered(range.OrderedAt((long)((UInt128)(ulong)i * (ulong)range.Count / (ulong)n)));
        var y = new float[x.Length];
        var reference = new ReferenceValue[x.Length];
        kernel.Evaluate(x, y);
        FastReference.Evaluate(f, x, reference);
        double floor = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            var verdict = !exactOnly && ErrorMeasure.TryJudge(reference[i], y[i], out var v) ? v : ErrorVerdict.Exact(f, x[i], y[i]);
            floor = Math.Max(floor, verdict.Ulp - verdict.Uncertainty);
        }
        return floor;
    }

    /// <summary>The first input index of curve bucket b: bucket(i) = floor(i * buckets / total).</summary>
    static long FirstIndexOf(long b, long buckets, long total) =>
        b >= buckets ? long.MaxValue : (long)(((UInt128)(ulong)b * (ulong)total + (ulong)buckets - 1) / (ulong)buckets);

    /// <summary>One thread's buffers and running totals.</summary>
    sealed class Worker(MathFunction f, IFloat32Kernel kernel, FloatRange range, VerifierOptions options)
    {
        readonly float[] x = new float[BlockSize];
        readonly float[] y = new float[BlockSize];
        readonly ReferenceValue[] reference = new ReferenceValue[BlockSize];
        public readonly Accumulator Acc = new(f, options.CurveBuckets);

        public void Sweep(long start, int count)
        {
            var xs = x.AsSpan(0, count);
            if (range.IsExhaustive)
            {
                int first = range.OrderedAt(start);
                for (int i = 0; i < count; i++) xs[i] = FloatBits.FromOrdered(first + i);
            }
            else
            {
                for (int i = 0; i < count; i++) xs[i] = FloatBits.FromOrdered(range.OrderedAt(start + i));
            }
            kernel.Evaluate(xs, y.AsSpan(0, count));
            if (!options.ExactOnly) FastReference.Evaluate(f, xs, reference.AsSpan(0, count));
            // Block totals in locals (the hot loop touches no shared memory); only a possible maximum goes to Acc.
            double sum = 0, floor = Acc.BestLowerBound;
            long finite = 0, correctlyRounded = 0, fallbacks = 0;
            Span<long> bins = stackalloc long[ErrorHistogram.BinCount];
            var curve = Acc.Curve;
            long buckets = curve.Length, total = range.Count;
            // The curve's bucket of input start + i, advanced incrementally (no 128-bit division per input).
            int bucket = buckets == 0 ? 0 : (int)((UInt128)(ulong)start * (ulong)buckets / (ulong)total);
            long nextBucketStart = buckets == 0 ? long.MaxValue : FirstIndexOf(bucket + 1, buckets, total);
            for (int i = 0; i < count; i++)
            {
                float xi = xs[i], yi = y[i];
                ErrorVerdict verdict;
                if (options.ExactOnly || !ErrorMeasure.TryJudge(reference[i], yi, out verdict))
                {
                    verdict = ErrorVerdict.Exact(f, xi, yi);
                    fallbacks++;
                }
                double error = verdict.Ulp;
                if (double.IsFinite(error)) { sum += error; finite++; }
                if (verdict.CorrectlyRounded) correctlyRounded++;
                bins[ErrorHistogram.Bin(error)]++;
                if (buckets > 0)
                {
                    while (start + i >= nextBucketStart) nextBucketStart = FirstIndexOf(++bucket + 1, buckets, total);
                    if (!(curve[bucket] >= error)) curve[bucket] = error;
                }
                if (error + verdict.Uncertainty >= floor) floor = Acc.AddCandidate(xi, yi, verdict);
            }
            Acc.AddBlock(count, sum, finite, correctlyRounded, fallbacks, bins);
        }
    }

    /// <summary>Running totals; merged across threads at the end. The maximum is tracked as an interval per input
    /// (error +- uncertainty) so that every input that could be the worst is kept and re-measured by MPFR.</summary>
    sealed class Accumulator(MathFunction function, int curveBuckets)
    {
        public double Sum;
        public long FiniteCount, CorrectlyRounded, InfiniteErrors, Fallbacks;
        public readonly long[] Histogram = new long[ErrorHistogram.BinCount];
        public readonly double[] Curve = new double[curveBuckets];
        public double BestLowerBound = double.NegativeInfinity;

        public void RaiseFloor(double floor)
        {
            if (floor > BestLowerBound) BestLowerBound = floor;
        }
        // When the candidates are all exact ties at tieValue, the last one's position in value order.
        double tieValue = double.NaN;
        int tieCutoff = int.MaxValue;
        readonly List<Candidate> candidates = [];

        readonly record struct Candidate(float X, float Y, double Error, double Upper);

        public void AddBlock(int count, double sum, long finite, long correctlyRounded, long fallbacks, ReadOnlySpan<long> bins)
        {
            Sum += sum; FiniteCount += finite; InfiniteErrors += count - finite;
            CorrectlyRounded += correctlyRounded; Fallbacks += fallbacks;
            for (int k = 0; k < bins.Length; k++) Histogram[k] += bins[k];
        }

        /// <summary>Considers an input for the maximum; returns the (possibly raised) lower bound.</summary>
        public double AddCandidate(float x, float y, in ErrorVerdict verdict)
        {
            double error = verdict.Ulp, upper = error + verdict.Uncertainty;
            if (upper < BestLowerBound) return BestLowerBound;
            // Already holding the first MaxCandidates exact ties at this value: a later one cannot be reported.
            if (upper == tieValue && verdict.Uncertainty == 0 && FloatBits.ToOrdered(x) > tieCutoff) return BestLowerBound;
            double lower = error - verdict.Uncertainty;
            if (lower > BestLowerBound) BestLowerBound = lower;
            candidates.Add(new(x, y, error, upper));
            if (candidates.Count > 2 * MaxCandidates) Prune();
            return BestLowerBound;
        }

        // Drop what can no longer be the maximum. If too many remain (inputs within the uncertainty of each other),
        // settle them with MPFR: then only exact ties remain, of which the first in value order are kept, so the
        // reported worst input does not depend on thread timing.
        void Prune()
        {
            double floor = BestLowerBound;
            candidates.RemoveAll(c => c.Upper < floor);
            if (candidates.Count <= MaxCandidates) return;
            for (int i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                if (c.Upper != c.Error) { double exact = Float32Oracle.UlpError(function, c.X, c.Y); candidates[i] = c with { Error = exact, Upper = exact }; }
            }
            BestLowerBound = Math.Max(BestLowerBound, candidates.Max(c => c.Error));
            floor = BestLowerBound;
            candidates.RemoveAll(c => c.Upper < floor);
            if (candidates.Count > MaxCandidates)
            {
                candidates.Sort((a, b) => FloatBits.ToOrdered(a.X).CompareTo(FloatBits.ToOrdered(b.X)));
                candidates.RemoveRange(MaxCandidates, candidates.Count - MaxCandidates);
                if (candidates.All(c => c.Error == floor))
                {
                    tieValue = floor;
                    tieCutoff = FloatBits.ToOrdered(candidates[^1].X);
                }
            }
        }

        public void Merge(Accumulator other)
        {
            Sum += other.Sum; FiniteCount += other.FiniteCount; CorrectlyRounded += other.CorrectlyRounded;
            InfiniteErrors += other.InfiniteErrors; Fallbacks += other.Fallbacks;
            for (int i = 0; i < Histogram.Length; i++) Histogram[i] += other.Histogram[i];
            for (int i = 0; i < Curve.Length; i++) Curve[i] = Math.Max(Curve[i], other.Curve[i]);
            BestLowerBound = Math.Max(BestLowerBound, other.BestLowerBound);
            candidates.AddRange(other.candidates);
            Prune();
        }

        /// <summary>The exact maximum (MPFR) and its input: the first in value order among equal maxima.</summary>
        public (double Max, float X, float Y) ResolveMaximum()
        {
            Prune();
            (double Max, float X, float Y) best = (double.NegativeInfinity, float.NaN, float.NaN);
            foreach (var c in candidates.OrderBy(c => FloatBits.ToOrdered(c.X)))
            {
                double exact = c.Upper == c.Error ? c.Error : Float32Oracle.UlpError(function, c.X, c.Y);
                if (exact > best.Max) best = (exact, c.X, c.Y);
            }
            return best.Max == double.NegativeInfinity ? (0, float.NaN, float.NaN) : best;
        }
    }

    /// <summary>The best lower bound on the maximum seen by any thread, for the progress line.</summary>
    sealed class SharedProgress
    {
        double value = double.NegativeInfinity;
        public void Offer(double v)
        {
            double seen;
            while (v > (seen = Volatile.Read(ref value)) && Interlocked.CompareExchange(ref value, v, seen) != seen) { }
        }
        public double Value => Volatile.Read(ref value);
        public double Read() => Math.Max(0, Value);
    }
}
