using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AutoNumerics.Evolution.Fitting;

/// <summary>The few dense kernels the fitters need, on K x K systems (K = number of constants, ~2-12).</summary>
internal static class SmallLinearAlgebra
{
    /// <summary>Sum a_i b_i w_i (w may be empty for 1), four lanes at a time.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w = default)
    {
        int n = a.Length, i = 0;
        var acc = Vector256<double>.Zero;
        var va = MemoryMarshal.Cast<double, Vector256<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector256<double>>(b);
        // Two accumulators hide the FMA latency.
        var acc2 = Vector256<double>.Zero;
        int half = va.Length & ~1;
        if (w.IsEmpty)
        {
            for (int v = 0; v < half; v += 2)
            {
                acc = Vector256.FusedMultiplyAdd(va[v], vb[v], acc);
                acc2 = Vector256.FusedMultiplyAdd(va[v + 1], vb[v + 1], acc2);
            }
            if (half < va.Length) acc = Vector256.FusedMultiplyAdd(va[half], vb[half], acc);
        }
        else
        {
            var vw = MemoryMarshal.Cast<double, Vector256<double>>(w);
            for (int v = 0; v < half; v += 2)
            {
                acc = Vector256.FusedMultiplyAdd(va[v] * vw[v], vb[v], acc);
                acc2 = Vector256.FusedMultiplyAdd(va[v + 1] * vw[v + 1], vb[v + 1], acc2);
            }
            if (half < va.Length) acc = Vector256.FusedMultiplyAdd(va[half] * vw[half], vb[half], acc);
        }
        acc += acc2;
        i = va.Length * 4;
        double s = Vector256.Sum(acc);
        for (; i < n; i++) s += a[i] * b[i] * (w.IsEmpty ? 1.0 : w[i]);
        return s;
    }

    /// <summary>
    /// Normal equations of the (weighted) least-squares problem min sum w_i (r_i + J_i delta)^2:
    /// a = J^T W J (k x k, row-major), g = J^T W r. J is column-major (k columns of n).
    /// </summary>
    public static void Normal(ReadOnlySpan<double> jac, ReadOnlySpan<double> r, ReadOnlySpan<double> w, int k, int n, Span<double> a, Span<double> g)
    {
        for (int p = 0; p < k; p++)
        {
            var cp = jac.Slice(p * n, n);
            g[p] = Dot(cp, r, w);
            for (int q = 0; q <= p; q++) a[p * k + q] = a[q * k + p] = Dot(cp, jac.Slice(q * n, n), w);
        }
    }

    /// <summary>Solves (A + lambda diag(D)) x = b by Cholesky; false if not positive definite.</summary>
    public static bool CholeskySolve(ReadOnlySpan<double> a, ReadOnlySpan<double> d, double lambda, ReadOnlySpan<double> b, Span<double> x, int k)
    {
        Span<double> l = stackalloc double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i * k + j] + (i == j ? lambda * d[i] : 0);
                for (int t = 0; t < j; t++) s -= l[i * k + t] * l[j * k + t];
                if (i == j)
                {
                    if (!(s > 0)) return false;
                    l[i * k + i] = Math.Sqrt(s);
                }
                else l[i * k + j] = s / l[j * k + j];
            }
        }
        for (int i = 0; i < k; i++)
        {
            double s = b[i];
            for (int t = 0; t < i; t++) s -= l[i * k + t] * x[t];
            x[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int t = i + 1; t < k; t++) s -= l[t * k + i] * x[t];
            x[i] = s / l[i * k + i];
        }
        return true;
    }

    /// <summary>Gaussian elimination with partial pivoting on an m x m row-major system (a and b are destroyed).
    /// False when a pivot is below 1e-13 of the column scale (numerically singular).</summary>
    public static bool Solve(Span<double> a, Span<double> b, Span<double> x, int m)
    {
        Span<double> colMax = stackalloc double[m];
        for (int c = 0; c < m; c++)
        {
            double mx = 0;
            for (int r = 0; r < m; r++) mx = Math.Max(mx, Math.Abs(a[r * m + c]));
            colMax[c] = mx;
        }
        for (int c = 0; c < m; c++)
        {
            int piv = c;
            for (int r = c + 1; r < m; r++) if (Math.Abs(a[r * m + c]) > Math.Abs(a[piv * m + c])) piv = r;
            if (!(Math.Abs(a[piv * m + c]) > 1e-13 * colMax[c])) return false;
            if (piv != c)
            {
                for (int t = 0; t < m; t++) (a[piv * m + t], a[c * m + t]) = (a[c * m + t], a[piv * m + t]);
                (b[piv], b[c]) = (b[c], b[piv]);
            }
            for (int r = c + 1; r < m; r++)
            {
                double f = a[r * m + c] / a[c * m + c];
                if (f == 0) continue;
                for (int t = c; t < m; t++) a[r * m + t] -= f * a[c * m + t];
                b[r] -= f * b[c];
            }
        }
        for (int r = m - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int t = r + 1; t < m; t++) s -= a[r * m + t] * x[t];
            x[r] = s / a[r * m + r];
        }
        for (int r = 0; r < m; r++) if (!double.IsFinite(x[r])) return false;
        return true;
    }

    /// <summary>
    /// Cyclic Jacobi eigen-decomposition of a symmetric k x k matrix: a = V diag(e) V^T, V's columns in row-major
    /// v[i * k + j] (column j). Accurate and simple; k is tiny.
    /// </summary>
    public static void SymmetricEigen(ReadOnlySpan<double> a, Span<double> v, Span<double> e, int k)
    {
        Span<double> m = stackalloc double[k * k];
        a[..(k * k)].CopyTo(m);
        v[..(k * k)].Clear();
        for (int i = 0; i < k; i++) v[i * k + i] = 1;
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < k; i++)
            {
                diag += m[i * k + i] * m[i * k + i];
                for (int j = i + 1; j < k; j++) off += m[i * k + j] * m[i * k + j];
            }
            if (off <= 1e-30 * diag || off == 0) break;
            for (int p = 0; p < k; p++)
            for (int q = p + 1; q < k; q++)
            {
                double apq = m[p * k + q];
                if (apq == 0) continue;
                double theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
                double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                if (theta == 0) t = 1;
                double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                for (int r = 0; r < k; r++)
                {
                    double mrp = m[r * k + p], mrq = m[r * k + q];
                    m[r * k + p] = c * mrp - s * mrq;
                    m[r * k + q] = s * mrp + c * mrq;
                }
                for (int r = 0; r < k; r++)
                {
                    double mpr = m[p * k + r], mqr = m[q * k + r];
                    m[p * k + r] = c * mpr - s * mqr;
                    m[q * k + r] = s * mpr + c * mqr;
                }
                for (int r = 0; r < k; r++)
                {
                    double vrp = v[r * k + p], vrq = v[r * k + q];
                    v[r * k + p] = c * vrp - s * vrq;
                    v[r * k + q] = s * vrp + c * vrq;
                }
            }
        }
        for (int i = 0; i < k; i++) e[i] = m[i * k + i];
    }
}
