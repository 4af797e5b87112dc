namespace AutoNumerics.Evolution.Programs;

/// <summary>How a boundedness proof ended.</summary>
public enum BoundednessVerdict
{
    /// <summary>Every piece of the interval has a finite output enclosure: the program has no pole on [a, b].</summary>
    Bounded,
    /// <summary>Some piece as narrow as the depth limit allows still has an unbounded or undefined enclosure: a pole
    /// (a denominator that changes sign or vanishes without the numerator cancelling it), or a 0 * inf / inf - inf at
    /// a point, or a spike so narrow that treating it as a pole is the honest call.</summary>
    Singular,
}

/// <summary>
/// Proves with interval arithmetic that a program's output stays finite on a closed interval [a, b], so that a
/// fitted program cannot hide a pole between the samples it was fitted on (a rational approximation whose
/// denominator changes sign between two sample points has a tiny sample error and an infinite true error).
/// <para>Method: evaluate every node over a piece of [a, b] in extended interval arithmetic (outward rounded, with
/// c / [0, d] = [c/d, +inf] for c &gt; 0, so x + 12.6/x is [12.6, +inf] on [0, 1] and 5 - 3/(x + 12.6/x) is a
/// bounded enclosure: IEEE evaluation of such a program at x = 0 gives the limit, and so does this proof). A piece
/// whose output enclosure is unbounded is bisected; a piece narrower than 2^-<see cref="MaxDepth"/> of the interval
/// that is still unbounded, or running out of the piece budget, is a verdict of <see cref="BoundednessVerdict.Singular"/>.
/// Over-estimation (the dependency problem) only costs bisections, never a wrong "bounded".</para>
/// Not thread-safe per instance; allocation-free after construction for programs up to its capacity.
/// </summary>
public sealed class BoundednessProof
{
    public const int MaxDepth = 48;
    public const int MaxPieces = 4096;

    private double[] _lo = new double[64], _hi = new double[64];
    private readonly Stack<(double A, double B, int Depth)> _pending = new();

    /// <summary>Pieces evaluated by the last call (a measure of how hard the proof was).</summary>
    public int PiecesEvaluated { get; private set; }

    public BoundednessVerdict Check(Program program, double a, double b)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (!(a <= b) || !double.IsFinite(a) || !double.IsFinite(b)) throw new ArgumentException($"bad interval [{a}, {b}]");
        if (_lo.Length < program.Length) { _lo = new double[program.Length * 2]; _hi = new double[program.Length * 2]; }
        double minWidth = (b - a) * Math.ScaleB(1.0, -MaxDepth);
        _pending.Clear();
        _pending.Push((a, b, 0));
        PiecesEvaluated = 0;
        while (_pending.Count > 0)
        {
            var (pa, pb, depth) = _pending.Pop();
            if (++PiecesEvaluated > MaxPieces) return BoundednessVerdict.Singular;
            if (Enclose(program, pa, pb)) continue;
            double mid = pa + 0.5 * (pb - pa);
            if (depth >= MaxDepth || pb - pa <= minWidth || mid <= pa || mid >= pb) return BoundednessVerdict.Singular;
            _pending.Push((mid, pb, depth + 1));
            _pending.Push((pa, mid, depth + 1));
        }
        return BoundednessVerdict.Bounded;
    }

    public bool IsBounded(Program program, double a, double b) => Check(program, a, b) == BoundednessVerdict.Bounded;

    /// <summary>Interval evaluation of all nodes over [xa, xb]; true when the output enclosure is finite.</summary>
    private bool Enclose(Program program, double xa, double xb)
    {
        var code = program.Instructions;
        var constants = program.Constants;
        var lo = _lo;
        var hi = _hi;
        for (int i = 0; i < code.Length; i++)
        {
            var ins = code[i];
            double l, h;
            switch (ins.Op)
            {
                case OpCode.Const: l = h = constants[ins.In1]; break;
                case OpCode.Input: l = xa; h = xb; break;
                case OpCode.Add: l = Down(lo[ins.In1] + lo[ins.In2]); h = Up(hi[ins.In1] + hi[ins.In2]); break;
                case OpCode.Sub: l = Down(lo[ins.In1] - hi[ins.In2]); h = Up(hi[ins.In1] - lo[ins.In2]); break;
                case OpCode.Mul: Mul(lo[ins.In1], hi[ins.In1], lo[ins.In2], hi[ins.In2], out l, out h); break;
                case OpCode.Div: Div(lo[ins.In1], hi[ins.In1], lo[ins.In2], hi[ins.In2], out l, out h); break;
                case OpCode.Fma:
                    Mul(lo[ins.In1], hi[ins.In1], lo[ins.In2], hi[ins.In2], out double ml, out double mh);
                    l = Down(ml + lo[ins.In3]);
                    h = Up(mh + hi[ins.In3]);
                    break;
                default: throw new InvalidProgramException($"unknown op {ins.Op}");
            }
            // NaN (inf - inf, 0 * inf) means "undefined somewhere here": make it the whole line so it propagates.
            if (double.IsNaN(l) || double.IsNaN(h)) { l = double.NegativeInfinity; h = double.PositiveInfinity; }
            lo[i] = l;
            hi[i] = h;
        }
        return double.IsFinite(lo[program.Output]) && double.IsFinite(hi[program.Output]);
    }

    // Outward rounding: one ulp each way covers the round-to-nearest error of every primitive (infinities stay
    // put). A zero sum is exact (x + y rounds to 0 only when y = -x), so zero stays zero and x * x on [0, w] keeps
    // its lower end 0 instead of straddling it.
    private static double Down(double v) => v != 0 && double.IsFinite(v) ? Math.BitDecrement(v) : v;
    private static double Up(double v) => v != 0 && double.IsFinite(v) ? Math.BitIncrement(v) : v;

    /// <summary>A product or quotient of nonzero operands that rounded to zero underflowed: widen it both ways.</summary>
    private static double Underflow(double r, double a, double b) => r == 0 && a != 0 && b != 0 && !double.IsInfinity(b) ? double.NaN : r;

    private static void Mul(double al, double ah, double bl, double bh, out double l, out double h)
    {
        // 0 * inf is NaN in IEEE evaluation (x * (3 / x) at x = 0): undefined, so the whole line.
        if (ZeroTimesInfinity(al, bl) || ZeroTimesInfinity(al, bh) || ZeroTimesInfinity(ah, bl) || ZeroTimesInfinity(ah, bh))
        {
            l = double.NegativeInfinity; h = double.PositiveInfinity; return;
        }
        Hull(Product(al, bl), Product(al, bh), Product(ah, bl), Product(ah, bh), out l, out h);
    }

    /// <summary>Outward-rounded hull of four endpoint results; NaN marks an underflow to zero, whose true value is
    /// within a subnormal of zero on either side, so the hull then reaches past zero both ways.</summary>
    private static void Hull(double r1, double r2, double r3, double r4, out double l, out double h)
    {
        if (double.IsNaN(r1) || double.IsNaN(r2) || double.IsNaN(r3) || double.IsNaN(r4))
        {
            l = Math.Min(Down(MinIgnoringNaN(r1, r2, r3, r4)), -double.Epsilon);
            h = Math.Max(Up(MaxIgnoringNaN(r1, r2, r3, r4)), double.Epsilon);
            return;
        }
        l = Down(Math.Min(Math.Min(r1, r2), Math.Min(r3, r4)));
        h = Up(Math.Max(Math.Max(r1, r2), Math.Max(r3, r4)));
    }

    private static bool ZeroTimesInfinity(double a, double b) => a == 0 && double.IsInfinity(b) || b == 0 && double.IsInfinity(a);

    /// <summary>An endpoint product; an underflow is NaN for the caller to widen.</summary>
    private static double Product(double a, double b) => a == 0 || b == 0 ? 0 : Underflow(a * b, a, b);

    private static double MinIgnoringNaN(double a, double b, double c, double d)
    {
        double m = double.PositiveInfinity;
        foreach (double v in (ReadOnlySpan<double>)[a, b, c, d]) if (v < m) m = v;
        return m == double.PositiveInfinity ? 0 : m;
    }

    private static double MaxIgnoringNaN(double a, double b, double c, double d)
    {
        double m = double.NegativeInfinity;
        foreach (double v in (ReadOnlySpan<double>)[a, b, c, d]) if (v > m) m = v;
        return m == double.NegativeInfinity ? 0 : m;
    }

    private static void Div(double al, double ah, double bl, double bh, out double l, out double h)
    {
        if (bl > 0 || bh < 0)
        {
            double q1 = al / bl, q2 = al / bh, q3 = ah / bl, q4 = ah / bh;
            if (double.IsInfinity(al) && double.IsInfinity(bl) || double.IsInfinity(al) && double.IsInfinity(bh)
                || double.IsInfinity(ah) && double.IsInfinity(bl) || double.IsInfinity(ah) && double.IsInfinity(bh))
            {
                l = double.NegativeInfinity; h = double.PositiveInfinity; return; // inf / inf
            }
            Hull(Underflow(q1, al, bl), Underflow(q2, al, bh), Underflow(q3, ah, bl), Underflow(q4, ah, bh), out l, out h);
            return;
        }
        // The divisor touches 0 from one side only: the quotient is a half line when the dividend keeps its sign.
        if (bl == 0 && bh > 0)
        {
            if (al >= 0 && ah > 0) { l = Down(al / bh); h = double.PositiveInfinity; return; }
            if (ah <= 0 && al < 0) { l = double.NegativeInfinity; h = Up(ah / bh); return; }
        }
        else if (bh == 0 && bl < 0)
        {
            if (al >= 0 && ah > 0) { l = double.NegativeInfinity; h = Up(al / bl); return; }
            if (ah <= 0 && al < 0) { l = Down(ah / bl); h = double.PositiveInfinity; return; }
        }
        l = double.NegativeInfinity;
        h = double.PositiveInfinity;
    }
}
