using System.Text.Json;

namespace AutoNumerics.Cli.Tests;

public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("autonumerics-cli-tests-").FullName;
    public string File(string name, string? content = null)
    {
        string p = System.IO.Path.Combine(Path, name);
        if (content is not null) System.IO.File.WriteAllText(p, content);
        return p;
    }
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}

public class VerifyCommandTests
{
    const string ScalarSource = """
        namespace Acme.Kernels;
        public static class MyExp
        {
            public static float Exp(float x) => (float)System.Math.Exp(x);
        }
        """;

    const string SpanSource = """
        using System;
        namespace Acme.Kernels;
        public static class SpanExp
        {
            public static void Exp(ReadOnlySpan<float> x, Span<float> y)
            {
                for (int i = 0; i < x.Length; i++) y[i] = MathF.Exp(x[i]);
            }
        }
        """;

    static JsonElement Json(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout); // exactly one document: trailing content would throw
        return doc.RootElement.Clone();
    }

    [Fact]
    public void JsonReportHasTheContractFields()
    {
        var r = CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "5000", "--json");
        var j = Json(r);
        Assert.Equal(JsonValueKind.Object, j.ValueKind);
        Assert.Equal("exp", j.GetProperty("function").GetString());
        Assert.Equal("mathf", j.GetProperty("implementation").GetString());
        Assert.Equal(5000, j.GetProperty("inputs").GetInt64());
        double maxUlp = j.GetProperty("maxUlp").GetDouble();
        Assert.InRange(maxUlp, 0.0, 1.0);
        float worst = j.GetProperty("worstInput").GetSingle();
        Assert.InRange(worst, 0f, 1f);
        Assert.True(j.GetProperty("seconds").GetDouble() >= 0);
        var histogram = j.GetProperty("histogram");
        long total = histogram.EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(5000, total);
        Assert.Equal(5, histogram.EnumerateObject().Count());
        Assert.DoesNotContain("max ULP error", r.Stdout); // no table mixed into the JSON
    }

    [Fact]
    public void TableOutputShowsTheMaxUlpError()
    {
        var r = CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "5000");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("max ULP error", r.Stdout);
        Assert.Contains("special cases", r.Stdout);
        Assert.Contains("5,000", r.Stdout);
    }

    [Theory]
    [InlineData("tensorprimitives", "tensorprimitives")]
    [InlineData("vector", "Vector")]
    public void BuiltInVectorImplementationsWork(string impl, string namePrefix)
    {
        var j = Json(CliRunner.Run("verify", "exp", "--impl", impl, "--range", "-10:10", "--samples", "5000", "--json"));
        Assert.StartsWith(namePrefix, j.GetProperty("implementation").GetString());
        Assert.Equal(5000, j.GetProperty("inputs").GetInt64());
        Assert.InRange(j.GetProperty("maxUlp").GetDouble(), 0.0, 10.0);
    }

    [Fact]
    public void ScalarSourceKernelWorks()
    {
        using var dir = new TempDir();
        string file = dir.File("MyExp.cs", ScalarSource);
        var j = Json(CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.Kernels.MyExp.Exp", "--range", "-1:1", "--samples", "5000", "--json"));
        Assert.Equal("Acme.Kernels.MyExp.Exp", j.GetProperty("implementation").GetString());
        Assert.Equal(5000, j.GetProperty("inputs").GetInt64());
        Assert.InRange(j.GetProperty("maxUlp").GetDouble(), 0.0, 0.5001); // (float)double exp: double rounding only
    }

    [Fact]
    public void SpanSourceKernelWorks()
    {
        using var dir = new TempDir();
        string file = dir.File("SpanExp.cs", SpanSource);
        var j = Json(CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.Kernels.SpanExp.Exp", "--range", "-1:1", "--samples", "5000", "--json"));
        Assert.Equal("Acme.Kernels.SpanExp.Exp", j.GetProperty("implementation").GetString());
        Assert.Equal(5000, j.GetProperty("inputs").GetInt64());
    }

    [Fact]
    public void PlotWritesAPng()
    {
        using var dir = new TempDir();
        string png = dir.File("out.png");
        var r = CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "5000", "--plot", png);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(png), r.ToString());
        byte[] head = File.ReadAllBytes(png)[..8];
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        Assert.False(File.Exists(png + ".tmp"));
    }

    [Fact]
    public void GateFailsAboveTheAllowedMaximum()
    {
        var fail = CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "5000", "--max-ulp", "0.4");
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.DoesNotContain("   at ", fail.Stderr);
        var pass = CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "5000", "--max-ulp", "1");
        Assert.True(pass.ExitCode == 0, pass.ToString());
    }

    // Bad input ---------------------------------------------------------------------------------------------------

    static void AssertOneLineError(CliResult r, params string[] mustMention)
    {
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
        var lines = r.StderrLines;
        Assert.True(lines.Length == 1, $"expected one stderr line\n{r}");
        Assert.StartsWith("error:", lines[0]);
        foreach (var m in mustMention) Assert.Contains(m, lines[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnknownFunction() =>
        AssertOneLineError(CliRunner.Run("verify", "frobnicate", "--impl", "mathf", "--range", "0:1", "--samples", "10"), "unknown function", "frobnicate");

    [Fact]
    public void UnknownImplementation() =>
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "fastmath", "--range", "0:1", "--samples", "10"), "unknown implementation", "fastmath");

    [Fact]
    public void ReversedRange() =>
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "1:0"), "range", "reversed");

    [Fact]
    public void GarbageRange() =>
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "abc:def"), "range");

    [Fact]
    public void MissingSourceFile()
    {
        using var dir = new TempDir();
        string missing = dir.File("Nope.cs");
        AssertOneLineError(CliRunner.Run("verify", "exp", "--source", missing, "--method", "A.B.C", "--range", "0:1", "--samples", "10"), "Nope.cs", "does not exist");
    }

    [Fact]
    public void SourceThatDoesNotCompile()
    {
        using var dir = new TempDir();
        string file = dir.File("Broken.cs", "namespace Acme; public static class K { public static float F(float x) => x + ; }");
        var r = CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.K.F", "--range", "0:1", "--samples", "10");
        Assert.True(r.ExitCode != 0, r.ToString());
        Assert.DoesNotContain("   at ", r.Stderr);
        var lines = r.StderrLines;
        Assert.True(lines.Length >= 2, r.ToString()); // the compiler's errors, then the one-line error
        Assert.StartsWith("error:", lines[^1]);
        Assert.Contains("compiler error", lines[^1]);
        Assert.Matches(@"CS\d{4}", lines[0]);
        Assert.Contains("Broken.cs", r.Stderr);
        Assert.Equal("", r.Stdout.Trim());
    }

    [Fact]
    public void MissingMethod()
    {
        using var dir = new TempDir();
        string file = dir.File("MyExp.cs", ScalarSource);
        AssertOneLineError(CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.Kernels.MyExp.Nope", "--range", "0:1", "--samples", "10"), "Nope");
    }

    [Fact]
    public void MissingType()
    {
        using var dir = new TempDir();
        string file = dir.File("MyExp.cs", ScalarSource);
        AssertOneLineError(CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.Kernels.Other.Exp", "--range", "0:1", "--samples", "10"), "Other");
    }

    [Fact]
    public void WrongSignature()
    {
        using var dir = new TempDir();
        string file = dir.File("D.cs", "namespace Acme; public static class K { public static double M(double x) => x; }");
        AssertOneLineError(CliRunner.Run("verify", "exp", "--source", file, "--method", "Acme.K.M", "--range", "0:1", "--samples", "10"), "Acme.K.M", "float");
    }

    [Fact]
    public void BothImplAndSource()
    {
        using var dir = new TempDir();
        string file = dir.File("MyExp.cs", ScalarSource);
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "mathf", "--source", file, "--method", "Acme.Kernels.MyExp.Exp", "--range", "0:1", "--samples", "10"), "--impl", "--source");
    }

    [Fact]
    public void SourceWithoutMethod()
    {
        using var dir = new TempDir();
        string file = dir.File("MyExp.cs", ScalarSource);
        AssertOneLineError(CliRunner.Run("verify", "exp", "--source", file, "--range", "0:1", "--samples", "10"), "--method");
    }

    [Fact]
    public void MathFHasNoErf() =>
        AssertOneLineError(CliRunner.Run("verify", "erf", "--impl", "mathf", "--range", "0:1", "--samples", "10"), "mathf", "erf");

    [Fact]
    public void NoImplementationAtAll() =>
        AssertOneLineError(CliRunner.Run("verify", "exp", "--range", "0:1", "--samples", "10"), "--impl");

    [Fact]
    public void NonPositiveSamples() =>
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "0"), "samples");

    [Fact]
    public void PlotIntoMissingDirectory()
    {
        using var dir = new TempDir();
        string png = Path.Combine(dir.Path, "no", "such", "dir", "out.png");
        AssertOneLineError(CliRunner.Run("verify", "exp", "--impl", "mathf", "--range", "0:1", "--samples", "10", "--plot", png), "directory");
    }
}
