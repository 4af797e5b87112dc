namespace AutoNumerics.Evolution.Targets;

/// <summary>How the error of an approximation y of f(x) is measured.</summary>
public enum ErrorKind
{
    /// <summary>(y - f(x)) / f(x); requires f to have no zero on the interval.</summary>
    Relative,
    /// <summary>y - f(x).</summary>
    Absolute,
}
