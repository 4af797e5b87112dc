namespace AutoNumerics.Oracles.Reference;

/// <summary>The unary real functions the oracle can evaluate. Names on the command line are the lower-case member names.</summary>
public enum MathFunction
{
    Exp, Exp2, Expm1, Log, Log2, Log10, Log1p,
    Sin, Cos, Tan, Sinh, Cosh, Tanh,
    Sigmoid, Erf, Erfc, Sqrt, Cbrt,
}

public static class MathFunctionNames
{
    public static string Name(this MathFunction f) => f.ToString().ToLowerInvariant();

    public static IEnumerable<string> All => Enum.GetValues<MathFunction>().Select(Name);

    public static bool TryParse(string name, out MathFunction function)
    {
        foreach (var f in Enum.GetValues<MathFunction>())
        {
            if (string.Equals(f.Name(), name, StringComparison.OrdinalIgnoreCase)) { function = f; return true; }
        }
        function = default;
        return false;
    }
}
