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
    private int _m;

    /// <summary>Solves a x = b (a row-major size x size, not modified). False when a is zero or not finite.</summary>
    public bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x, int size)
    {
        _m = size;
        if (_u.Length < _m * _m) { _u = new double[_m * _m]; _v = new double[_m * _m]; }
        if (_scale.Length < _m) { _scale = new double[_m]; _s2 = new double[_m]; _y = new double[_m]; }
        return Decompose(a) && Apply(b, x);
    }

    private bool Decompose(ReadOnlySpan<double> a)
    {
        var u = _u; var v = _v;
        a[..(_m * _m)].CopyTo(u);
        Array.Clear(v, 0, _m * _m);
        for (int c = 0; c < _m; c++)
        {
            double nn = 0;
            for (int r = 0; r < _m; r++) nn += u[r * _m + c] * u[r * _m + c];
            if (!double.IsFinite(nn)) return false;
            _scale[c] = nn > 0 ? 1 / Math.Sqrt(nn) : 1;
            for (int r = 0; r < _m; r++) u[r * _m + c] *= _scale[c];
            v[c * _m + c] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < _m - 1; p++)
            for (int q = p + 1; q < _m; q++)
            {
                double alpha = 0, beta = 0, gamma = 0;
                for (int r = 0; r < _m; r++)
                {
                    double up = u[r * _m + p], uq = u[r * _m + q];
                    alpha += up * up; beta += uq * uq; gamma += up * uq;
                }
                if (gamma == 0 || alpha == 0 || beta == 0) continue;
                off = Math.Max(off, Math.Abs(gamma) / Math.Sqrt(alpha * beta));
                double zeta = (beta - alpha) / (2 * gamma);
                double t = zeta == 0 ? 1 : Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                double cs = 1 / Math.Sqrt(1 + t * t), sn = cs * t;
                for (int r = 0; r < _m; r++)
                {
                    double up = u[r * _m + p], uq = u[r * _m + q];
                    u[r * _m + p] = cs * up - sn * uq; u[r * _m + q] = sn * up + cs * uq;
                    double vp = v[r * _m + p], vq = v[r * _m + q];
                    v[r * _m + p] = cs * vp - sn * vq; v[r * _m + q] = sn * vp + cs * vq;
                }
            }
            if (off < 1e-15) break;
        }
        // Columns of u are now U diag(sigma).
        _s2Max = 0;
        for (int c = 0; c < _m; c++)
        {
            double nn = 0;
            for (int r = 0; r < _m; r++) nn += u[r * _m + c] * u[r * _m + c];
            _s2[c] = nn;
            _s2Max = Math.Max(_s2Max, nn);
        }
        return _s2Max > 0;
    }

    private bool Apply(ReadOnlySpan<double> b, Span<double> x)
    {
        var y = _y;
        for (int c = 0; c < _m; c++)
        {
            double s2 = _s2[c];
            if (!(s2 > 1e-30 * _s2Max)) { y[c] = 0; continue; }
            double d = 0;
            for (int r = 0; r < _m; r++) d += _u[r * _m + c] * b[r];
            y[c] = d / s2;
        }
        for (int r = 0; r < _m; r++)
        {
            double sum = 0;
            for (int c = 0; c < _m; c++) sum += _v[r * _m + c] * y[c];
            x[r] = sum * _scale[r];
            if (!double.IsFinite(x[r])) return false;
        }
        return true;
    }
}
