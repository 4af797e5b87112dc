using AutoNumerics.Oracles.Mpfr;

namespace AutoNumerics.Evolution.Numerics;

/// <summary>Small dense linear algebra and polynomial helpers in MPFR, for the baselines (Remez, Taylor, Padé).</summary>
internal static class MpLinearAlgebra
{
    private const MpfrRounding N = MpfrRounding.Nearest;

    public static MpfrValue[] NewVector(int n, int precision)
    {
        var v = new MpfrValue[n];
        for (int i = 0; i < n; i++) { v[i] = new MpfrValue(precision); v[i].SetZero(1); }
        return v;
    }

    public static void DisposeAll(IEnumerable<MpfrValue> values) { foreach (var v in values) v.Dispose(); }

    public static void DisposeAll(MpfrValue[,] m) { foreach (var v in m) v.Dispose(); }

    /// <summary>
    /// Solves A x = b in place by Gaussian elimination with partial pivoting (A and b are overwritten).
    /// Returns false if a pivot is exactly zero (singular system).
    /// </summary>
    public static bool Solve(MpfrValue[,] a, MpfrValue[] b, MpfrValue[] x, int precision)
    {
        int n = b.Length;
        using var t = new MpfrValue(precision);
        using var f = new MpfrValue(precision);
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (MpfrValue.CompareAbs(a[r, col], a[piv, col]) > 0) piv = r;
            if (a[piv, col].IsZero) return false;
            if (piv != col)
            {
                for (int c = 0; c < n; c++) (a[piv, c], a[col, c]) = (a[col, c], a[piv, c]);
                (b[piv], b[col]) = (b[col], b[piv]);
            }
            for (int r = col + 1; r < n; r++)
            {
                if (a[r, col].IsZero) continue;
                f.Div(a[r, col], a[col, col], N);
                for (int c = col; c < n; c++) { t.Mul(f, a[col, c], N); a[r, c].Sub(a[r, c], t, N); }
                t.Mul(f, b[col], N); b[r].Sub(b[r], t, N);
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            x[r].Set(b[r], N);
            for (int c = r + 1; c < n; c++) { t.Mul(a[r, c], x[c], N); x[r].Sub(x[r], t, N); }
            x[r].Div(x[r], a[r, r], N);
        }
        return true;
    }

    /// <summary>
    /// Given coefficients a_k of p(t) = sum a_k t^k with t = x - c, returns the coefficients of p in powers of x
    /// (Horner-style repeated multiplication by (x - c), in MPFR at <paramref name="precision"/>).
    /// </summary>
    public static MpfrValue[] ShiftToMonomial(MpfrValue[] a, double c, int precision)
    {
        int n = a.Length;
        var r = NewVector(n, precision);
        if (n == 0) return r;
        using var cc = new MpfrValue(precision, c);
        using var t = new MpfrValue(precision);
        // r holds the polynomial built so far (degree d), starting from the leading coefficient.
        r[0].Set(a[n - 1], N);
        for (int k = n - 2, d = 0; k >= 0; k--, d++)
        {
            // r := r * (x - c) + a_k
            for (int j = d + 1; j >= 0; j--)
            {
                // new r_j = r_{j-1} - c r_j
                t.Mul(cc, r[j], N);
                if (j > 0) r[j].Sub(r[j - 1], t, N); else r[j].Neg(t, N);
            }
            r[0].Add(r[0], a[k], N);
        }
        return r;
    }

    /// <summary>p(x) in MPFR (Horner), coefficients ascending.</summary>
    public static void EvaluatePolynomial(MpfrValue[] coeffs, MpfrValue x, MpfrValue result)
    {
        result.SetZero(1);
        for (int k = coeffs.Length - 1; k >= 0; k--) { result.Mul(result, x, N); result.Add(result, coeffs[k], N); }
    }
}
