using AutoNumerics.Oracles.Mpfr;
using static AutoNumerics.Oracles.Mpfr.MpfrNative;

namespace AutoNumerics.Oracles.Reference;

/// <summary>Correctly rounded evaluation of every <see cref="MathFunction"/> with MPFR.</summary>
public static class MpfrFunctions
{
    /// <summary>
    /// result = f(x) correctly rounded to result's precision in direction <paramref name="rnd"/>, within the calling
    /// thread's current exponent range (overflow/underflow as MPFR defines them; no subnormalization).
    /// Returns MPFR's ternary value. <paramref name="result"/> and <paramref name="x"/> may be the same object.
    /// </summary>
    public static int Evaluate(MathFunction f, MpfrValue result, MpfrValue x, MpfrRounding rnd)
    {
        nint r = result.Ptr, a = x.Ptr;
        int m = (int)rnd;
        int t = f switch
        {
            MathFunction.Exp => mpfr_exp(r, a, m),
            MathFunction.Exp2 => mpfr_exp2(r, a, m),
            MathFunction.Expm1 => mpfr_expm1(r, a, m),
            MathFunction.Log => mpfr_log(r, a, m),
            MathFunction.Log2 => mpfr_log2(r, a, m),
            MathFunction.Log10 => mpfr_log10(r, a, m),
            MathFunction.Log1p => mpfr_log1p(r, a, m),
            MathFunction.Sin => mpfr_sin(r, a, m),
            MathFunction.Cos => mpfr_cos(r, a, m),
            MathFunction.Tan => mpfr_tan(r, a, m),
            MathFunction.Sinh => mpfr_sinh(r, a, m),
            MathFunction.Cosh => mpfr_cosh(r, a, m),
            MathFunction.Tanh => mpfr_tanh(r, a, m),
            MathFunction.Erf => mpfr_erf(r, a, m),
            MathFunction.Erfc => mpfr_erfc(r, a, m),
            MathFunction.Sqrt => mpfr_sqrt(r, a, m),
            MathFunction.Cbrt => mpfr_cbrt(r, a, m),
            MathFunction.Sigmoid => Sigmoid(result, x, rnd),
            _ => throw new ArgumentOutOfRangeException(nameof(f), f, null),
        };
        GC.KeepAlive(result); GC.KeepAlive(x);
        return t;
    }

    [ThreadStatic] private static MpfrValue? t_u, t_d, t_s, t_a;

    /// <summary>
    /// sigmoid(x) = 1/(1+e^-x), correctly rounded by a Ziv loop. With a = -|x| and u = e^a in (0, 1):
    /// sigmoid(x) = 1/(1+u) for x &gt; 0 and u/(1+u) for x &lt; 0, so e^-x (which overflows for very negative x)
    /// is never formed. Intermediates run in the widest exponent range; the final value is re-checked against the
    /// caller's range with mpfr_check_range (overflow/underflow handled as for MPFR's own functions).
    /// </summary>
    private static int Sigmoid(MpfrValue result, MpfrValue x, MpfrRounding rnd)
    {
        if (x.IsNaN) { result.SetNaN(); return 0; }
        if (x.IsInfinity)
        {
            if (x.IsNegative) { result.SetZero(1); return 0; }
            return CheckRange(result, result.Set(1L, rnd), rnd);
        }
        // 1/2 is the only rational value (Lindemann); a Ziv loop would never terminate on an exact result.
        if (x.IsZero) return CheckRange(result, result.Set(0.5, rnd), rnd);

        long prec = result.Precision;
        bool positive = !x.IsNegative;

        // x > prec + 3 implies 0 < 1 - sigmoid(x) < e^-x < 2^-(prec+3): the value is 1 - tiny, so it rounds to 1
        // for Nearest/Up/Away and to the number just below 1 for Down/TowardZero. (Also keeps the Ziv loop from
        // chasing a value indistinguishable from 1 and e^-x from underflowing.)
        if (positive && x.ToDouble(MpfrRounding.Down) > prec + 3)
        {
            result.Set(1L, MpfrRounding.Nearest);
            if (rnd is MpfrRounding.Down or MpfrRounding.TowardZero) { result.NextBelow(); return CheckRange(result, -1, rnd); }
            return CheckRange(result, 1, rnd);
        }

        var u = t_u ??= new MpfrValue(64);
        var d = t_d ??= new MpfrValue(64);
        var s = t_s ??= new MpfrValue(64);
        var a = t_a ??= new MpfrValue(64);
        a.SetPrecision(x.Precision);
        a.Abs(x, MpfrRounding.Nearest);   // exact: same precision
        a.Neg(a, MpfrRounding.Nearest);   // a = -|x|, exact; also makes result/x aliasing harmless

        const int N = (int)MpfrRounding.Nearest;
        int ternary;
        uint savedFlags = mpfr_flags_save(); // the loop clears flags to detect underflow; the caller's are restored below
        using (ExponentRange.Widest())
        {
            long w = prec + 24;
            while (true)
            {
                if (w > MpfrValue.MaxPrecision) throw new InvalidOperationException("sigmoid: Ziv loop exceeded the maximum precision.");
                u.SetPrecision((int)w); d.SetPrecision((int)w); s.SetPrecision((int)w);
                mpfr_clear_flags();
                mpfr_exp(u.Ptr, a.Ptr, N);                   // rel. error <= 2^-w
                if (u.IsZero || mpfr_underflow_p() != 0)
                {
                    // Only for x < -2^61 or so (positive x this large took the shortcut above): 0 < sigmoid(x) < e^x
                    // is below half the smallest positive number of any exponent range.
                    ternary = int.MinValue;
                    break;
                }
                mpfr_add_ui(d.Ptr, u.Ptr, 1, N);             // rel. error <= 2^(1-w) counting u's error
                if (positive) mpfr_ui_div(s.Ptr, 1, d.Ptr, N);
                else mpfr_div(s.Ptr, u.Ptr, d.Ptr, N);        // total rel. error < 2^(3-w)
                // |error| < 2^(EXP(s) + 3 - w); one bit of slack. For Nearest ask for prec+1 bits so the ternary
                // value is right too (MPFR's own idiom, as in MPFR_CAN_ROUND).
                long p2 = prec + (rnd == MpfrRounding.Nearest ? 1 : 0);
                if (mpfr_can_round(s.Ptr, w - 4, N, (int)MpfrRounding.TowardZero, p2) != 0)
                {
                    ternary = result.Set(s, rnd);
                    break;
                }
                w += w / 2;
            }
        }
        mpfr_flags_restore(savedFlags, MpfrFlagsAll);
        if (ternary == int.MinValue)
        {
            // Underflow in the caller's range: +0 or the smallest positive number, like MPFR's own functions.
            result.SetZero(1);
            if (rnd is MpfrRounding.Up or MpfrRounding.AwayFromZero) { result.NextAbove(); return 1; }
            return -1;
        }
        return CheckRange(result, ternary, rnd);
    }

    private static int CheckRange(MpfrValue r, int t, MpfrRounding rnd)
    {
        int c = mpfr_check_range(r.Ptr, t, (int)rnd);
        GC.KeepAlive(r);
        return c;
    }
}
