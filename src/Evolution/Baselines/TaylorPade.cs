using AutoNumerics.Evolution.Targets;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;
using static AutoNumerics.Evolution.Numerics.MpLinearAlgebra;

namespace AutoNumerics.Evolution.Baselines;

/// <summary>
/// Taylor coefficients of any oracle function, and the Taylor polynomials and Padé approximants built from them.
/// Both are expanded around the interval midpoint c (for [0,1], c = 1/2), where a local approximation is best on a
/// symmetric interval, and then re-expanded exactly (in MPFR) in powers of x so that they cost the same Horner
/// operations as the minimax polynomial (no extra x - c).
/// </summary>
public static class TaylorPade
{
    private const MpfrRounding N = MpfrRounding.Nearest;

    /// <summary>
    /// a_k = f^(k)(c)/k! for k = 0..order, at <paramref name="precision"/> bits (caller disposes).
    /// <para>
    /// Computed without symbolic derivatives: interpolate f at K = order + 41 Chebyshev nodes c + r cos(...) with a
    /// radius r = min(1, R)/256, R a lower bound on the distance from c to f's nearest complex singularity, and read
    /// the interpolant's coefficients. For f analytic in the disc of radius R the coefficient error is about
    /// (r/R)^(K-k) (1+sqrt 2)^K relative, i.e. below 2^-250 for k &lt;= order; the arithmetic runs at
    /// 256 + K (log2(1/r) + 2) bits to absorb the cancellation of the divided differences.
    /// </para>
    /// </summary>
    public static MpfrValue[] TaylorCoefficients(MathFunction f, double c, int order, int precision = 256)
    {
        if (order < 0) throw new ArgumentException($"Order must be >= 0 (got {order}).");
        double radius = SingularityDistance(f, c);
        if (!(radius > 0)) throw new ArgumentException($"{f.Name()} has no Taylor series at {c}.");
        double r = Math.Min(1.0, radius) / 256;
        int k = order + 41;
        int work = 256 + k * ((int)Math.Ceiling(Math.Log2(1 / r)) + 2);

        var u = NewVector(k, work);
        var d = NewVector(k, work);
        using var pi = new MpfrValue(work);
        using var t = new MpfrValue(work);
        using var cc = new MpfrValue(work, c);
        using var rr = new MpfrValue(work, r);
        using var twoK = new MpfrValue(64, 2.0 * k);
        try
        {
            Constants.Pi(pi, N);
            for (int i = 0; i < k; i++)
            {
                // u_i = r cos(pi (2i + 1) / 2k): Chebyshev nodes of the first kind, in MPFR so f sees exact nodes.
                t.Set((long)(2 * i + 1), N);
                t.Mul(t, pi, N);
                t.Div(t, twoK, N);
                MpfrFunctions.Evaluate(MathFunction.Cos, u[i], t, N);
                u[i].Mul(u[i], rr, N);
                t.Add(cc, u[i], N);
                MpfrFunctions.Evaluate(f, d[i], t, N);
            }
            // Newton divided differences in the variable u = x - c.
            for (int j = 1; j < k; j++)
                for (int i = k - 1; i >= j; i--)
                {
                    d[i].Sub(d[i], d[i - 1], N);
                    t.Sub(u[i], u[i - j], N);
                    d[i].Div(d[i], t, N);
                }
            // Newton form -> monomials in u: poly = d_{k-1}; poly = poly (u - u_j) + d_j.
            var poly = NewVector(k, work);
            try
            {
                poly[0].Set(d[k - 1], N);
                for (int j = k - 2, deg = 0; j >= 0; j--, deg++)
                {
                    for (int i = deg + 1; i >= 0; i--)
                    {
                        t.Mul(u[j], poly[i], N);
                        if (i > 0) poly[i].Sub(poly[i - 1], t, N); else poly[i].Neg(t, N);
                    }
                    poly[0].Add(poly[0], d[j], N);
                }
                var result = new MpfrValue[order + 1];
                for (int i = 0; i <= order; i++) { result[i] = new MpfrValue(precision); result[i].Set(poly[i], N); }
                return result;
            }
            finally { DisposeAll(poly); }
        }
        finally { DisposeAll(u); DisposeAll(d); }
    }

    /// <summary>A lower bound on the distance from c to the nearest complex singularity of f (infinity if entire).</summary>
    private static double SingularityDistance(MathFunction f, double c) => f switch
    {
        MathFunction.Log or MathFunction.Log2 or MathFunction.Log10 or MathFunction.Sqrt or MathFunction.Cbrt => Math.Abs(c),
        MathFunction.Log1p => Math.Abs(c + 1),
        MathFunction.Tan => Math.Abs(c - (Math.Round(c / Math.PI - 0.5) + 0.5) * Math.PI) * 0.999,
        MathFunction.Tanh => Math.PI / 2 * 0.999,
        MathFunction.Sigmoid => Math.PI * 0.999,
        _ => double.PositiveInfinity,
    };

    /// <summary>Taylor polynomial of the given degree at the midpoint, coefficients in powers of x (ascending, MPFR 256 bits; caller disposes).</summary>
    public static MpfrValue[] TaylorPolynomial(TargetFunction target, int degree)
    {
        var a = TaylorCoefficients(target.Function, target.Midpoint, degree);
        try { return ShiftToMonomial(a, target.Midpoint, 256); }
        finally { DisposeAll(a); }
    }

    /// <summary>
    /// Padé approximant [m/n] at the midpoint c: p/q with deg p &lt;= m, deg q &lt;= n, q(c) = 1, matching f's Taylor
    /// series through order m + n. Returned in powers of x with q made monic (so its Horner form saves a
    /// multiplication); null when the Padé system is singular (the approximant is degenerate) or q's leading
    /// coefficient vanishes. Caller disposes.
    /// </summary>
    public static (MpfrValue[] P, MpfrValue[] Q)? Pade(TargetFunction target, int m, int n)
    {
        if (m < 0 || n < 0) throw new ArgumentException($"Padé degrees must be >= 0 (got [{m}/{n}]).");
        const int prec = 256;
        double c = target.Midpoint;
        var a = TaylorCoefficients(target.Function, c, m + n, prec);
        var q = NewVector(n + 1, prec);
        var p = NewVector(m + 1, prec);
        using var t = new MpfrValue(prec);
        try
        {
            q[0].Set(1L, N);
            if (n > 0)
            {
                // sum_{j=1..n} q_j a_{m+i-j} = -a_{m+i}, i = 1..n (a_k = 0 for k < 0).
                var sys = new MpfrValue[n, n];
                var rhs = NewVector(n, prec);
                var sol = NewVector(n, prec);
                try
                {
                    for (int i = 1; i <= n; i++)
                    {
                        rhs[i - 1].Neg(a[m + i], N);
                        for (int j = 1; j <= n; j++)
                        {
                            sys[i - 1, j - 1] = new MpfrValue(prec);
                            int idx = m + i - j;
                            if (idx >= 0) sys[i - 1, j - 1].Set(a[idx], N); else sys[i - 1, j - 1].SetZero(1);
                        }
                    }
                    if (!Solve(sys, rhs, sol, prec)) return null;
                    for (int j = 1; j <= n; j++) q[j].Set(sol[j - 1], N);
                }
                finally { DisposeAll(sys); DisposeAll(rhs); DisposeAll(sol); }
            }
            for (int k = 0; k <= m; k++)
                for (int j = 0; j <= Math.Min(k, n); j++) { t.Mul(q[j], a[k - j], N); p[k].Add(p[k], t, N); }

            var px = ShiftToMonomial(p, c, prec);
            var qx = ShiftToMonomial(q, c, prec);
            var lead = qx[n];
            if (lead.IsZero || !lead.IsFinite) { DisposeAll(px); DisposeAll(qx); return null; }
            using var l = new MpfrValue(prec);
            l.Set(lead, N);
            foreach (var v in px) v.Div(v, l, N);
            foreach (var v in qx) v.Div(v, l, N);
            return (px, qx);
        }
        finally { DisposeAll(a); DisposeAll(q); DisposeAll(p); }
    }
}
