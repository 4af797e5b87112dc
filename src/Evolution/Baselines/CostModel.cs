namespace AutoNumerics.Evolution.Baselines;

/// <summary>
/// Cost model of the real-number mode (the AutoNumerics-Zero convention): the cost of a program is the number of
/// operations whose value depends on x. + - * / cost 1 each, fma costs 2; operations among constants alone are free
/// (they fold to a constant). For the baselines the cost is counted from the straight-line program actually emitted
/// (<see cref="StraightLineProgram.Cost"/>), so it is exactly what is evaluated:
/// <list type="bullet">
/// <item>Horner polynomial of degree n &gt;= 1: n multiplications and n additions, 2n ops. A leading coefficient of
/// exactly 1 saves the first multiplication, and a zero coefficient (other than the leading one) saves its addition;
/// neither happens for the minimax, Taylor or Padé numerators of exp in practice.</item>
/// <item>Rational p/q with deg p = m, deg q = n &gt;= 1: both in Horner form with q made monic (divided by its leading
/// coefficient, free because it is a constant operation), then one division: 2m + (2n - 1) + 1 = 2m + 2n ops.</item>
/// <item>A constant (degree 0) costs 0 and x alone costs 0.</item>
/// </list>
/// </summary>
public static class CostModel
{
    public const int AddCost = 1, SubCost = 1, MulCost = 1, DivCost = 1, FmaCost = 2;

    /// <summary>Horner cost of a polynomial of degree n with generic coefficients: 2n.</summary>
    public static int Horner(int degree) => 2 * Math.Max(0, degree);

    /// <summary>Cost of p/q (deg m over deg n, n &gt;= 1) with generic coefficients and monic q: 2m + 2n.</summary>
    public static int Rational(int numeratorDegree, int denominatorDegree)
        => denominatorDegree == 0 ? Horner(numeratorDegree) : 2 * numeratorDegree + 2 * denominatorDegree;
}
