using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Oracles.Verification;

public enum SpecialCaseKind
{
    /// <summary>IEEE special inputs and exact results: the output must be exactly the correctly rounded value
    /// (sign of zero included; any NaN for NaN).</summary>
    Exact,
    /// <summary>Overflow, underflow and saturation thresholds, and hard arguments: within 1 ULP, and infinite exactly
    /// when the correctly rounded result is.</summary>
    Boundary,
}

public sealed record SpecialCase(string Name, float Input, SpecialCaseKind Kind);

public sealed record SpecialCaseResult(SpecialCase Case, float Expected, float Actual, double UlpError, bool Pass);

/// <summary>
/// The special inputs every verification checks, per function: NaN, signed zeros, infinities, the smallest
/// subnormal, FLT_MAX, exact points (exp(0) = 1, log2(2^k) = k, ...) and thresholds (the last input before overflow,
/// underflow to zero, saturation), which are located with the oracle itself.
/// </summary>
public static class SpecialCases
{
    const float Tiny = 1.4e-45f; // 2^-149

    public static IReadOnlyList<SpecialCase> For(MathFunction f)
    {
        var cases = new List<SpecialCase>
        {
            new("NaN", float.NaN, SpecialCaseKind.Exact),
            new("+0", 0f, SpecialCaseKind.Exact),
            new("-0", -0f, SpecialCaseKind.Exact),
            new("+Inf", float.PositiveInfinity, SpecialCaseKind.Exact),
            new("-Inf", float.NegativeInfinity, SpecialCaseKind.Exact),
            new("+smallest subnormal", Tiny, SpecialCaseKind.Boundary),
            new("-smallest subnormal", -Tiny, SpecialCaseKind.Boundary),
            new("+FLT_MAX", float.MaxValue, SpecialCaseKind.Boundary),
            new("-FLT_MAX", -float.MaxValue, SpecialCaseKind.Boundary),
        };
        foreach (var (name, x) in ExactPoints(f)) cases.Add(new(name, x, SpecialCaseKind.Exact));
        foreach (var (name, from, to, predicate) in Thresholds(f))
            AddTransition(cases, f, name, from, to, predicate);
        return cases;
    }

    static IEnumerable<(string, float)> ExactPoints(MathFunction f)
    {
        switch (f)
        {
            case MathFunction.Exp or MathFunction.Cosh or MathFunction.Erfc or MathFunction.Sigmoid:
                break; // f(0) is covered by +-0
            case MathFunction.Exp2:
                foreach (int k in new[] { -149, -126, -1, 1, 10, 127 }) yield return ($"2^{k}", k);
                break;
            case MathFunction.Log or MathFunction.Log1p:
                yield return ("-1", -1f);
                yield return (f == MathFunction.Log ? "1" : "0 (via -0)", f == MathFunction.Log ? 1f : -0f);
                break;
            case MathFunction.Log2:
                foreach (int k in new[] { -149, -126, -1, 1, 64, 127 }) yield return ($"2^{k}", MathF.ScaleB(1f, k));
                yield return ("-1", -1f);
                break;
            case MathFunction.Log10:
                for (int k = 0; k <= 10; k += 2) yield return ($"10^{k}", MathF.Pow(10f, k)); // exact floats up to 10^10
                yield return ("-1", -1f);
                break;
            case MathFunction.Sqrt:
                yield return ("4", 4f); yield return ("2^-148", MathF.ScaleB(1f, -148)); yield return ("-1", -1f);
                yield return ("2^24", 16777216f);
                break;
            case MathFunction.Cbrt:
                yield return ("8", 8f); yield return ("-27", -27f); yield return ("2^-147", MathF.ScaleB(1f, -147));
                break;
            case MathFunction.Sin or MathFunction.Cos or MathFunction.Tan:
                yield return ("FLT_MAX (range reduction)", float.MaxValue);
                yield return ("1e22f (range reduction)", 1e22f);
                break;
        }
    }

    static IEnumerable<(string, float, float, Func<float, bool>)> Thresholds(MathFunction f)
    {
        Func<float, bool> isInf = r => float.IsInfinity(r);
        Func<float, bool> isZero = r => r == 0;
        Func<float, bool> isMinusOne = r => r == -1f;
        switch (f)
        {
            case MathFunction.Exp or MathFunction.Exp2 or MathFunction.Expm1 or MathFunction.Sinh or MathFunction.Cosh:
                yield return ("overflow", 1f, float.MaxValue, isInf);
                break;
        }
        switch (f)
        {
            case MathFunction.Exp or MathFunction.Exp2 or MathFunction.Sigmoid:
                yield return ("underflow to 0", -float.MaxValue, -1f, isZero);
                break;
            case MathFunction.Erfc:
                yield return ("underflow to 0", 1f, float.MaxValue, r => r != 0);
                break;
            case MathFunction.Expm1:
                yield return ("saturation at -1", -float.MaxValue, -1f, isMinusOne);
                break;
            case MathFunction.Tanh or MathFunction.Erf or MathFunction.Sigmoid:
                yield return ("saturation at 1", 0.5f, float.MaxValue, r => r != 1f);
                break;
        }
        if (f is MathFunction.Tanh or MathFunction.Erf)
            yield return ("saturation at -1", -float.MaxValue, -0.5f, isMinusOne);
    }

    /// <summary>Adds both sides of the point where predicate(correctly rounded f(x)) changes, found by bisection in
    /// bit order between from and to (the predicate must differ at the two ends).</summary>
    static void AddTransition(List<SpecialCase> cases, MathFunction f, string name, float from, float to, Func<float, bool> predicate)
    {
        int lo = FloatBits.ToOrdered(from), hi = FloatBits.ToOrdered(to);
        bool atLo = predicate(Float32Oracle.RoundToFloat32(f, from));
        if (atLo == predicate(Float32Oracle.RoundToFloat32(f, to))) return;
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (predicate(Float32Oracle.RoundToFloat32(f, FloatBits.FromOrdered(mid))) == atLo) lo = mid; else hi = mid;
        }
        cases.Add(new($"{name} (last before)", FloatBits.FromOrdered(lo), SpecialCaseKind.Boundary));
        cases.Add(new($"{name} (first after)", FloatBits.FromOrdered(hi), SpecialCaseKind.Boundary));
    }

    public static IReadOnlyList<SpecialCaseResult> Check(MathFunction f, IFloat32Kernel kernel)
    {
        var cases = For(f);
        var x = cases.Select(c => c.Input).ToArray();
        var y = new float[x.Length];
        kernel.Evaluate(x, y);
        var results = new List<SpecialCaseResult>(cases.Count);
        for (int i = 0; i < cases.Count; i++)
        {
            float expected = Float32Oracle.RoundToFloat32(f, x[i]);
            double error = Float32Oracle.UlpError(f, x[i], y[i]);
            bool pass = cases[i].Kind == SpecialCaseKind.Exact
                ? Float32Oracle.IsCorrectlyRounded(f, x[i], y[i])
                : error <= 1 && float.IsInfinity(y[i]) == float.IsInfinity(expected);
            results.Add(new(cases[i], expected, y[i], error, pass));
        }
        return results;
    }
}
