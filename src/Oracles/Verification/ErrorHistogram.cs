namespace AutoNumerics.Oracles.Verification;

/// <summary>The report's ULP histogram: &lt;= 0.5, &lt;= 1, &lt;= 2, &lt;= 4, &gt; 4 (NaN and infinite errors count as &gt; 4).</summary>
public static class ErrorHistogram
{
    public static readonly string[] Labels = ["<= 0.5", "<= 1", "<= 2", "<= 4", "> 4"];
    public static readonly string[] JsonKeys = ["le0_5", "le1", "le2", "le4", "gt4"];
    public const int BinCount = 5;

    /// <summary>The largest error each bin but the last holds.</summary>
    public static readonly double[] UpperEdges = [0.5, 1, 2, 4];

    public static int Bin(double ulpError) =>
        ulpError <= 0.5 ? 0 : ulpError <= 1 ? 1 : ulpError <= 2 ? 2 : ulpError <= 4 ? 3 : 4;
}
