using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Evolution.Targets;
using AutoNumerics.Oracles.Mpfr;
using static AutoNumerics.Evolution.Numerics.MpLinearAlgebra;

namespace AutoNumerics.Evolution.Baselines;

/// <summary>
/// One textbook approximation at one cost: the program that evaluates it and its re-measured worst-case error.
/// </summary>
/// <param name="Method">"minimax", "taylor" or "pade".</param>
/// <param name="NumeratorDegree">degree of the polynomial, or of the Padé numerator.</param>
/// <param name="DenominatorDegree">0 for polynomials.</param>
/// <param name="Cost">operations depending on x, counted on <paramref name="Program"/> (see <see cref="CostModel"/>).</param>
/// <param name="MaxError">max |error| by <see cref="DenseVerifier"/> of the program's real-number function (its
/// double constants, exact arithmetic emulated in double-double); +infinity if the denominator vanishes.</param>
/// <param name="WorstX">where MaxError occurs.</param>
/// <param name="Numerator">constants of the numerator (or polynomial) in powers of x, ascending.</param>
/// <param name="Denominator">monic denominator in powers of x, ascending; [1] for polynomials.</param>
/// <param name="Program">straight-line program text (format of <see cref="StraightLineProgram"/>).</param>
/// <param name="TheoreticalError">for minimax: the levelled error with unrounded coefficients; otherwise NaN.</param>
public sealed record Baseline(string Method, int NumeratorDegree, int DenominatorDegree, int Cost, double MaxError, double WorstX,
    IReadOnlyList<double> Numerator, IReadOnlyList<double> Denominator, string Program, double TheoreticalError)
{
    public string Label => DenominatorDegree == 0 ? $"{Method} deg {NumeratorDegree}" : $"{Method} [{NumeratorDegree}/{DenominatorDegree}]";

    public DoubleDouble Evaluate(double x) => DenominatorDegree == 0
        ? StraightLineProgram.EvaluatePolynomial(Numerator, x)
        : StraightLineProgram.EvaluateRational(Numerator, Denominator, x);
}

/// <summary>
/// The baselines a search must beat, all measured the same way as evolved programs: minimax polynomials (Remez),
/// Taylor polynomials and every Padé split [m/n], each emitted as a straight-line program with binary64 constants
/// and re-measured by dense verification.
/// </summary>
public static class BaselineSuite
{
    public static Baseline Minimax(TargetFunction target, int degree, DenseVerifier? verifier = null)
    {
        var mm = Remez.Minimax(target, degree);
        return Polynomial("minimax", target, mm.CoefficientsDouble.ToArray(), verifier, mm.LevelledError);
    }

    public static Baseline Taylor(TargetFunction target, int degree, DenseVerifier? verifier = null)
    {
        var c = TaylorPade.TaylorPolynomial(target, degree);
        try { return Polynomial("taylor", target, c.Select(v => v.ToDouble(MpfrRounding.Nearest)).ToArray(), verifier, double.NaN); }
        finally { DisposeAll(c); }
    }

    /// <summary>Padé [m/n] (n &gt;= 1) at the midpoint; null if degenerate.</summary>
    public static Baseline? Pade(TargetFunction target, int m, int n, DenseVerifier? verifier = null)
    {
        if (n < 1) throw new ArgumentException($"Padé denominator degree must be >= 1 (got {n}); use Taylor for n = 0.");
        var pq = TaylorPade.Pade(target, m, n);
        if (pq is null) return null;
        var (p, q) = pq.Value;
        try
        {
            double[] pd = p.Select(v => v.ToDouble(MpfrRounding.Nearest)).ToArray();
            double[] qd = q.Select(v => v.ToDouble(MpfrRounding.Nearest)).ToArray();
            string program = StraightLineProgram.Rational(pd, qd);
            verifier ??= new DenseVerifier(target);
            var r = verifier.Verify(x => StraightLineProgram.EvaluateRational(pd, qd, x));
            if (DenominatorChangesSign(target, qd)) r = r with { MaxError = double.PositiveInfinity };
            return new Baseline("pade", m, n, StraightLineProgram.Cost(program), r.MaxError, r.WorstX, pd, qd, program, double.NaN);
        }
        finally { DisposeAll(p); DisposeAll(q); }
    }

    /// <summary>
    /// All baselines with cost &lt;= maxCost: minimax and Taylor of degree 0..maxCost/2 and Padé [m/n] for every
    /// m &gt;= 0, n &gt;= 1 with 2m + 2n &lt;= maxCost. One dense verifier is shared.
    /// </summary>
    public static IReadOnlyList<Baseline> All(TargetFunction target, int maxCost)
    {
        var verifier = new DenseVerifier(target);
        var list = new List<Baseline>();
        for (int d = 0; CostModel.Horner(d) <= maxCost; d++)
        {
            list.Add(Minimax(target, d, verifier));
            list.Add(Taylor(target, d, verifier));
        }
        for (int n = 1; CostModel.Rational(0, n) <= maxCost; n++)
            for (int m = 0; CostModel.Rational(m, n) <= maxCost; m++)
                if (Pade(target, m, n, verifier) is { } b) list.Add(b);
        return list;
    }

    /// <summary>For each cost present, the baseline of each method with the smallest error.</summary>
    public static IReadOnlyList<Baseline> BestPerCost(IEnumerable<Baseline> baselines)
        => baselines.GroupBy(b => (b.Method, b.Cost))
            .Select(g => g.OrderBy(b => b.MaxError).First())
            .OrderBy(b => b.Cost).ThenBy(b => b.Method, StringComparer.Ordinal).ToList();

    private static Baseline Polynomial(string method, TargetFunction target, double[] c, DenseVerifier? verifier, double theoretical)
    {
        string program = StraightLineProgram.Polynomial(c);
        verifier ??= new DenseVerifier(target);
        var r = verifier.Verify(x => StraightLineProgram.EvaluatePolynomial(c, x));
        return new Baseline(method, Math.Max(0, StraightLineProgram.Degree(c)), 0, StraightLineProgram.Cost(program),
            r.MaxError, r.WorstX, c, [1.0], program, theoretical);
    }

    /// <summary>A sign change of q on a fine grid means a pole inside the interval: the approximant is unusable.</summary>
    private static bool DenominatorChangesSign(TargetFunction target, double[] q)
    {
        var xs = TargetSamples.Points(target.A, target.B, 4097, SampleSpacing.Uniform);
        int s0 = Math.Sign(StraightLineProgram.EvaluatePolynomial(q, xs[0]).Hi);
        foreach (double x in xs) if (Math.Sign(StraightLineProgram.EvaluatePolynomial(q, x).Hi) != s0) return true;
        return false;
    }
}
