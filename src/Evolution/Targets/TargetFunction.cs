using System.Globalization;
using AutoNumerics.Evolution.Numerics;
using AutoNumerics.Oracles.Mpfr;
using AutoNumerics.Oracles.Reference;

namespace AutoNumerics.Evolution.Targets;

/// <summary>
/// A real function on a closed interval [A, B] together with the error measure a search minimizes (the maximum over
/// the interval of |relative| or |absolute| error). Immutable and thread-safe; reference values come from the MPFR
/// oracle at <see cref="ReferencePrecision"/> bits (correctly rounded there), delivered as double-double.
/// </summary>
public sealed class TargetFunction
{
    /// <summary>Bits of the MPFR reference evaluations (labels are then rounded to double-double, 2^-106 relative).</summary>
    public const int ReferencePrecision = 192;

    public string Name { get; }
    public MathFunction Function { get; }
    public double A { get; }
    public double B { get; }
    public ErrorKind ErrorKind { get; }

    public double Midpoint => A + 0.5 * (B - A);

    /// <summary>Validates and builds; throws <see cref="ArgumentException"/> with a one-line message on bad input.</summary>
    public TargetFunction(MathFunction function, double a, double b, ErrorKind errorKind = ErrorKind.Relative)
    {
        if (!Enum.IsDefined(function)) throw new ArgumentException($"Unknown target function {(int)function}.");
        if (!double.IsFinite(a) || !double.IsFinite(b)) throw new ArgumentException($"Interval [{F(a)}, {F(b)}] must have finite endpoints.");
        if (a == b) throw new ArgumentException($"Interval [{F(a)}, {F(b)}] is empty.");
        if (a > b) throw new ArgumentException($"Interval [{F(a)}, {F(b)}] is reversed: the lower bound must be below the upper bound.");
        if (!Enum.IsDefined(errorKind)) throw new ArgumentException($"Unknown error kind {(int)errorKind}.");
        Function = function; A = a; B = b; ErrorKind = errorKind;
        Name = function.Name();
        CheckDomain();
    }

    /// <summary>Builds from a target name ("exp", "exp2", "log", ...; see <see cref="MathFunctionNames"/>).</summary>
    public static TargetFunction Create(string name, double a, double b, ErrorKind errorKind = ErrorKind.Relative)
    {
        if (string.IsNullOrWhiteSpace(name) || !MathFunctionNames.TryParse(name.Trim(), out var f))
            throw new ArgumentException($"Unknown target '{name}'; known targets: {string.Join(", ", MathFunctionNames.All)}.");
        return new TargetFunction(f, a, b, errorKind);
    }

    /// <summary>Parses an interval written "a:b" (invariant culture), e.g. "0:1" or "-0.5:0.5".</summary>
    public static (double A, double B) ParseInterval(string text)
    {
        var parts = (text ?? "").Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double b))
            throw new ArgumentException($"Interval '{text}' is not of the form a:b (for example 0:1).");
        return (a, b);
    }

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    public override string ToString() => $"{Name} on [{F(A)}, {F(B)}] ({ErrorKind.ToString().ToLowerInvariant()} error)";

    // ---- reference values ---------------------------------------------------------------------------------------

    [ThreadStatic] private static MpfrValue? t_x, t_y;

    /// <summary>f(x) rounded to double-double (relative error &lt;= 2^-106 on top of the 192-bit correct rounding).</summary>
    public DoubleDouble Reference(double x)
    {
        var mx = t_x ??= new MpfrValue(ReferencePrecision);
        var my = t_y ??= new MpfrValue(ReferencePrecision);
        mx.Set(x, MpfrRounding.Nearest); // exact: 53 <= 192 bits
        MpfrFunctions.Evaluate(Function, my, mx, MpfrRounding.Nearest);
        return DoubleDouble.FromMpfr(my);
    }

    /// <summary>result = f(x), correctly rounded to result's precision.</summary>
    public void Reference(MpfrValue result, MpfrValue x) => MpfrFunctions.Evaluate(Function, result, x, MpfrRounding.Nearest);

    /// <summary>Signed error of y against the reference value: (y - f)/f for relative error, y - f for absolute.</summary>
    public double Error(DoubleDouble y, DoubleDouble reference)
    {
        double d = (y - reference).ToDouble();
        return ErrorKind == ErrorKind.Relative ? d / reference.Hi : d;
    }

    /// <summary>Signed error of y at x (one MPFR evaluation).</summary>
    public double Error(double x, DoubleDouble y) => Error(y, Reference(x));

    // ---- validation -----------------------------------------------------------------------------------------------

    private void CheckDomain()
    {
        string where = $"{Name} is undefined on [{F(A)}, {F(B)}]";
        switch (Function)
        {
            case MathFunction.Log or MathFunction.Log2 or MathFunction.Log10 when A <= 0:
                throw new ArgumentException($"{where}: it needs x > 0.");
            case MathFunction.Log1p when A <= -1:
                throw new ArgumentException($"{where}: it needs x > -1.");
            case MathFunction.Sqrt when A < 0:
                throw new ArgumentException($"{where}: it needs x >= 0.");
            case MathFunction.Tan:
                // Poles at (k + 1/2) pi: the interval must lie strictly between two of them.
                double k = Math.Ceiling(A / Math.PI - 0.5);
                if ((k + 0.5) * Math.PI <= B) throw new ArgumentException($"{where}: it has a pole at {F((k + 0.5) * Math.PI)}.");
                break;
        }

        // Sample the oracle: catches overflow of binary64 and, for relative error, zeros of f (where it is undefined).
        const int n = 513;
        using var mx = new MpfrValue(64);
        using var my = new MpfrValue(64);
        int previousSign = 0;
        for (int i = 0; i < n; i++)
        {
            double x = i == n - 1 ? B : A + (B - A) * i / (n - 1);
            mx.Set(x, MpfrRounding.Nearest);
            MpfrFunctions.Evaluate(Function, my, mx, MpfrRounding.Nearest);
            double y = my.ToDouble(MpfrRounding.Nearest);
            if (double.IsNaN(y)) throw new ArgumentException($"{where}: it is not defined at x = {F(x)}.");
            if (double.IsInfinity(y)) throw new ArgumentException($"{Name} overflows binary64 on [{F(A)}, {F(B)}] (at x = {F(x)}).");
            if (ErrorKind == ErrorKind.Relative)
            {
                int s = Math.Sign(y);
                if (s == 0 || (previousSign != 0 && s != previousSign))
                    throw new ArgumentException($"Relative error is undefined for {Name} on [{F(A)}, {F(B)}]: it vanishes near x = {F(x)} (use absolute error).");
                previousSign = s;
            }
        }
    }
}
