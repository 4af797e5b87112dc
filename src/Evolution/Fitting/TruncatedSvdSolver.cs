namespace AutoNumerics.Evolution.Fitting;

/// <summary>
/// Least-norm solution of a small square system a x = b by one-sided Jacobi SVD of the column-equilibrated matrix,
/// singular values below 1e-15 of the largest dropped: a Newton system made singular by redundant constants (two
/// constants that only act through their product) still gets the shortest step instead of none. Scratch is owned
/// per instance and grown on demand, so repeated solves allocate nothing.
/// </summary>
internal sealed class TruncatedSvdSolver
{
    private double[] _u = [], _v = [], _scale = [], _s2 = [], _y = [];
    private double _s2Max;
    private int m;
    /// <summary>Solves a x = b (a row-major size x size, not modified). False when a is zero or not finite.</summary>
    public bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x, int size)
    {
        m = size;
        if (_u.Length < m * m) { _u = new double[m * m]; _v = new double[m * m]; }
        if (_scale.Length < m) { _scale = new double[m]; _s2 = new double[m]; _y = new double[m]; }
        return Decompose(a) && Apply(b, x);
    }

    private bool Decompose(ReadOnlySpan<double> a)
    {
        var u = _u; var v = _v;
        a[..(m * m)].CopyTo(u);
        Array.Clear(v, 0, m * m);
        for (int c = 0; c < m; c++)
        {
            double nn = 0;
            for (int r = 0; r < m; r++) nn += u[r * m + c] * u[r * m + c];
            if (!double.IsFinite(nn)) return false;
            _scale[c] = nn > 0 ? 1 / Math.Sqrt(nn) : 1;
            for (int r = 0; r < m; r++) u[r * m + c] *= _scale[c];
            v[c * m + c] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < m - 1; p++)
            for (int q = p + 1; q < m; q++)
            {
                double alpha = 0, beta = 0, gamma = 0;
                for (int r = 0; r < m; r++)
                {
                    double up = u[r * m + p], uq = u[r * m + q];
                    alpha += up * up; beta += uq * uq; gamma += up * uq;
                }
                if (gamma == 0 || alpha == 0 || beta == 0) continue;
                off = Math.Max(off, Math.Abs(gamma) / Math.Sqrt(alpha * beta));
                double zeta = (beta - alpha) / (2 * gamma);
                double t = zeta == 0 ? 1 : Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                double cs = 1 / Math.Sqrt(1 + t * t), sn = cs * t;
                for (int r = 0; r < m; r++)
                {
                    double up = u[r * m + p], uq = u[r * m + q];
                    u[r * m + p] = cs * up - sn * uq; u[r * m + q] = sn * up + cs * uq;
                    double vp = v[r * m + p], vq = v[r * m + q];
                    v[r * m + p] = cs * vp - sn * vq; v[r * m + q] = sn * vp + cs * vq;
                }
            }
            if (off < 1e-15) break;
        }
        // Columns of u are now U diag(sigma).
        _s2Max = 0;
        for (int c = 0; c < m; c++)
        {
            double nn = 0;
            for (int r = 0; r < m; r++) nn += u[r * m + c] * u[r * m + c];
            _s2[c] = nn;
            _s2Max = Math.Max(_s2Max, nn);
        }
        return _s2Max > 0;
    }

    private bool Apply(ReadOnlySpan<double> b, Span<double> x)
    {
        var y = _y;
        for (int c = 0; c < m; c++)
        {
            double s2 = _s2[c];
            if (!(s2 > 1e-30 * _s2Max)) { y[c] = 0; continue; }
            double d = 0;
            for (int r = 0; r < m; r++) d += _u[r * m + c] * b[r];
            y[c] = d / s2;
        }
        for (int r = 0; r < m; r++)
        {
            double sum = 0;
            for (int c = 0; c < m; c++) sum += _v[r * m + c] * y[c];
            x[r] = sum * _scale[r];
            if (!double.IsFinite(x[r])) return false;
        }
        return true;
    }
}
