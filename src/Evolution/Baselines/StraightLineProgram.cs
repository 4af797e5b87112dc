using System.Globalization;
using System.Text;
using AutoNumerics.Evolution.Numerics;

namespace AutoNumerics.Evolution.Baselines;

/// <summary>
/// Emits baselines as straight-line programs in the text format of pareto.csv (issue 3):
/// <c>t1 = x * 0.5; t2 = t1 + 1; ...; return t2</c>. Assignments are separated by "; ", each is
/// <c>tK = operand op operand</c> with op one of + - * /, operands being x, an earlier temporary or a float literal
/// written with .NET's shortest round-trip format ("R", e.g. 0.16666666666666666 or 1.3888888888888889E-05) so that
/// parsing it as binary64 gives back the exact constant. Negative addends are written as subtraction of the
/// magnitude (exact). <see cref="Cost"/> is the number of assignments: every one depends on x.
/// </summary>
public static class StraightLineProgram
{
    public static string Literal(double c) => c.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Horner form of sum c[k] x^k (coefficients ascending).</summary>
    public static string Polynomial(IReadOnlyList<double> coeffs)
    {
        var w = new Writer();
        string r = w.Horner(coeffs);
        return w.Finish(r);
    }

    /// <summary>p(x)/q(x), both in Horner form (q normally monic), then one division.</summary>
    public static string Rational(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        var w = new Writer();
        string p = w.Horner(numerator);
        string q = w.Horner(denominator);
        return w.Finish(w.Emit(p, '/', q));
    }

    /// <summary>Number of operations in a program text (the number of assignments).</summary>
    public static int Cost(string program) => program.Split("; ").Count(s => !s.StartsWith("return ", StringComparison.Ordinal));

    /// <summary>
    /// Value of the Horner program for <paramref name="coeffs"/> in double-double arithmetic: the same real-number
    /// function as the emitted text (skipped operations are exact identities), to about 1e-30 relative.
    /// </summary>
    public static DoubleDouble EvaluatePolynomial(IReadOnlyList<double> coeffs, double x)
    {
        int n = Degree(coeffs);
        DoubleDouble v = n >= 0 ? coeffs[n] : 0.0;
        for (int k = n - 1; k >= 0; k--) v = v * x + coeffs[k];
        return v;
    }

    public static DoubleDouble EvaluateRational(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator, double x)
        => EvaluatePolynomial(numerator, x) / EvaluatePolynomial(denominator, x);

    /// <summary>Index of the last non-zero coefficient (-1 for the zero polynomial).</summary>
    public static int Degree(IReadOnlyList<double> coeffs)
    {
        int n = coeffs.Count - 1;
        while (n >= 0 && coeffs[n] == 0) n--;
        return n;
    }

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private int _t;

        public string Emit(string a, char op, string b)
        {
            _t++;
            _sb.Append('t').Append(_t).Append(" = ").Append(a).Append(' ').Append(op).Append(' ').Append(b).Append("; ");
            return "t" + _t;
        }

        public string Finish(string result) => _sb.Append("return ").Append(result).ToString();

        public string Horner(IReadOnlyList<double> c)
        {
            int n = Degree(c);
            if (n <= 0) return Literal(n < 0 ? 0.0 : c[0]);
            string? cur = null;
            for (int k = n - 1; k >= 0; k--)
            {
                // v = v * x + c_k, starting from v = c_n: a leading 1 needs no multiplication, a zero c_k no addition.
                cur = cur is null ? (c[n] == 1 ? "x" : Emit("x", '*', Literal(c[n]))) : Emit(cur, '*', "x");
                if (c[k] > 0) cur = Emit(cur, '+', Literal(c[k]));
                else if (c[k] < 0) cur = Emit(cur, '-', Literal(-c[k]));
            }
            return cur!;
        }
    }
}
