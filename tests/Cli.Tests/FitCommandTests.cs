using System.Text.Json;

namespace AutoNumerics.Cli.Tests;

public class FitCommandTests
{
    [Fact]
    public void Fits_a_Taylor_polynomial_to_the_minimax_error_and_measures_it_densely()
    {
        // Degree-5 Taylor coefficients of e^x in Horner form: the fit must reach the degree-5 minimax, 6.7e-7.
        var r = CliRunner.Run("fit", "--target", "exp", "--interval", "0:1", "--json", "--program",
            "t1 = x * 0.008333333333333333; t2 = t1 + 0.041666666666666664; t3 = t2 * x; t4 = t3 + 0.16666666666666666; t5 = t4 * x; " +
            "t6 = t5 + 0.5; t7 = t6 * x; t8 = t7 + 1; t9 = t8 * x; t10 = t9 + 1; return t10");
        Assert.True(r.ExitCode == 0, r.ToString());
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(10, doc.GetProperty("cost").GetInt32());
        Assert.True(doc.GetProperty("bounded").GetBoolean());
        Assert.InRange(doc.GetProperty("denseError").GetDouble(), 6.6e-7, 6.9e-7);
        Assert.InRange(doc.GetProperty("binary64Error").GetDouble(), 6.6e-7, 6.9e-7);
    }

    [Fact]
    public void A_program_with_a_pole_is_reported_unbounded()
    {
        var r = CliRunner.Run("fit", "--target", "exp", "--interval", "0:1", "--json", "--program", "t1 = x - 0.5; t2 = 1 / t1; return t2");
        Assert.True(r.ExitCode == 0, r.ToString());
        var doc = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.False(doc.GetProperty("bounded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("denseError").ValueKind);
    }

    [Theory]
    [InlineData("expected an operand", "--target", "exp", "--interval", "0:1", "--program", "t1 = x +* 0.5")]
    [InlineData("missing 'return'", "--target", "exp", "--interval", "0:1", "--program", "t1 = x * 2")]
    [InlineData("Unknown target 'nope'", "--target", "nope", "--interval", "0:1", "--program", "return x")]
    [InlineData("log is undefined", "--target", "log", "--interval", "-1:1", "--program", "return x")]
    [InlineData("exactly one of --program", "--target", "exp", "--interval", "0:1")]
    [InlineData("does not exist", "--target", "exp", "--interval", "0:1", "--program-file", "/nonexistent/p.txt")]
    [InlineData("unknown --fit 'newton'", "--target", "exp", "--interval", "0:1", "--program", "return x", "--fit", "newton")]
    public void Bad_input_is_one_line(string fragment, params string[] args)
    {
        var r = CliRunner.Run(["fit", .. args]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Single(r.StderrLines);
        Assert.StartsWith("error: ", r.StderrLines[0]);
        Assert.Contains(fragment, r.StderrLines[0]);
    }
}
