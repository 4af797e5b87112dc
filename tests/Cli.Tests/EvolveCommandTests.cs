using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AutoNumerics.Evolution.Programs;

namespace AutoNumerics.Cli.Tests;

/// <summary>One tiny finished run, shared by the tests that need an existing run directory (they copy it first).</summary>
public sealed class EvolveRunFixture : IDisposable
{
    public TempDir Dir { get; } = new();
    public string Run => Path.Combine(Dir.Path, "base");
    public CliResult Result { get; }

    public EvolveRunFixture()
    {
        Result = CliRunner.Run("evolve", "--target", "exp", "--interval", "0:1", "--mode", "real", "--budget", "300e", "--seed", "1",
            "--run", Run, "--population", "30", "--samples", "128", "--json");
    }

    /// <summary>A private copy of the finished run.</summary>
    public string Copy(string name)
    {
        string dest = Path.Combine(Dir.Path, name);
        Directory.CreateDirectory(dest);
        foreach (var f in Directory.GetFiles(Run)) File.Copy(f, Path.Combine(dest, Path.GetFileName(f)));
        return dest;
    }

    public void Dispose() => Dir.Dispose();
}

public class EvolveCommandTests(EvolveRunFixture fixture) : IClassFixture<EvolveRunFixture>
{
    static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    static void AssertOneLineError(CliResult r, string fragment)
    {
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Single(r.StderrLines);
        Assert.StartsWith("error: ", r.StderrLines[0]);
        Assert.Contains(fragment, r.StderrLines[0]);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void A_run_writes_the_run_directory()
    {
        var r = fixture.Result;
        Assert.True(r.ExitCode == 0, r.ToString());
        string run = fixture.Run;
        foreach (var f in new[] { "spec.json", "checkpoint.json", "pareto.csv", "events.jsonl", "report.md", "pareto.png" })
            Assert.True(File.Exists(Path.Combine(run, f)), $"{f} missing");
        Assert.False(File.Exists(Path.Combine(run, "run.lock")), "the lock is released");

        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(300, doc.RootElement.GetProperty("evaluations").GetInt64());
        Assert.Equal("evaluation-budget", doc.RootElement.GetProperty("stopReason").GetString());

        var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "spec.json"))).RootElement;
        Assert.Equal("exp", spec.GetProperty("target").GetString());
        Assert.Equal("300e", spec.GetProperty("budget").GetString());
        Assert.Equal("lifted", spec.GetProperty("fit").GetString()); // the default for new runs
        var started = File.ReadAllLines(Path.Combine(run, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("kind").GetString() == "started");
        Assert.Contains("fit=lm+lifted-remez", started.GetProperty("detail").GetString());

        // pareto.csv: header, then rows of cost, error, program text that parses, in increasing cost and decreasing error.
        var lines = File.ReadAllLines(Path.Combine(run, "pareto.csv"));
        Assert.Equal("cost,error,program", lines[0]);
        Assert.True(lines.Length >= 4, string.Join('\n', lines));
        int lastCost = -1;
        double lastError = double.PositiveInfinity;
        foreach (var line in lines.Skip(1))
        {
            int c1 = line.IndexOf(','), c2 = line.IndexOf(',', c1 + 1);
            int cost = int.Parse(line[..c1], CultureInfo.InvariantCulture);
            double error = double.Parse(line[(c1 + 1)..c2], CultureInfo.InvariantCulture);
            string quoted = line[(c2 + 1)..];
            Assert.True(quoted.StartsWith('"') && quoted.EndsWith('"'), line);
            var program = ProgramText.Parse(quoted[1..^1].Replace("\"\"", "\""));
            Assert.Equal(cost, program.Cost);
            Assert.True(cost > lastCost && error < lastError, line);
            Assert.InRange(error, 0, 1);
            (lastCost, lastError) = (cost, error);
        }

        var kinds = File.ReadAllLines(Path.Combine(run, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Contains("started", kinds);
        Assert.Contains("archive", kinds);
        Assert.Contains("checkpoint", kinds);
        Assert.Equal("finished", kinds[^1]);

        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("Cost model", report);
        Assert.Contains("minimax", report);
        Assert.Contains("Error at 10 ops over time", report);
        var png = File.ReadAllBytes(Path.Combine(run, "pareto.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public void Resume_continues_the_run()
    {
        string run = fixture.Copy("resume");
        var r = CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "500e", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(500, doc.RootElement.GetProperty("evaluations").GetInt64());
        Assert.Equal(200, doc.RootElement.GetProperty("sessionEvaluations").GetInt64());
        var kinds = File.ReadAllLines(Path.Combine(run, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Contains("resumed", kinds);
        // The spec is the one given at the start.
        Assert.Equal("300e", JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "spec.json"))).RootElement.GetProperty("budget").GetString());
    }

    [Theory]
    [InlineData("unknown target 'nope'", "--target", "nope", "--interval", "0:1", "--budget", "10e")]
    [InlineData("is empty", "--target", "exp", "--interval", "1:1", "--budget", "10e")]
    [InlineData("is reversed", "--target", "exp", "--interval", "1:0", "--budget", "10e")]
    [InlineData("log is undefined", "--target", "log", "--interval", "-1:1", "--budget", "10e")]
    [InlineData("--budget must be positive", "--target", "exp", "--interval", "0:1", "--budget", "0e")]
    [InlineData("--budget must be positive", "--target", "exp", "--interval", "0:1", "--budget", "0s")]
    [InlineData("--budget must be positive", "--target", "exp", "--interval", "0:1", "--budget", "-5m")]
    [InlineData("--budget 'soon' is not", "--target", "exp", "--interval", "0:1", "--budget", "soon")]
    [InlineData("unknown --selection 'best'", "--target", "exp", "--interval", "0:1", "--budget", "10e", "--selection", "best")]
    [InlineData("--mode 'kernel' is not supported", "--target", "exp", "--interval", "0:1", "--budget", "10e", "--mode", "kernel")]
    [InlineData("unknown --fit 'newton'", "--target", "exp", "--interval", "0:1", "--budget", "10e", "--fit", "newton")]
    public void Bad_input_is_one_line_and_creates_nothing(string fragment, params string[] args)
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "new");
        var r = CliRunner.Run(["evolve", "--run", run, .. args]);
        AssertOneLineError(r, fragment);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void An_existing_run_is_left_untouched_by_rejected_commands()
    {
        string run = fixture.Copy("untouched");
        var before = Snapshot(run);
        AssertOneLineError(CliRunner.Run("evolve", "--target", "exp", "--interval", "0:1", "--budget", "10e", "--run", run), "already exists");
        AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume", "--seed", "2"), "conflicts with the run's spec.json");
        AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "0e"), "--budget must be positive");
        Assert.Equal(before, Snapshot(run));

        // Another process holds the run: refused.
        using (new FileStream(Path.Combine(run, "run.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "400e"), "in use by another");
        File.Delete(Path.Combine(run, "run.lock"));
        Assert.Equal(before, Snapshot(run));

        // A truncated checkpoint: the checkpoint's own one-line message, and nothing changes.
        string checkpoint = Path.Combine(run, "checkpoint.json");
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..500]);
        var truncated = Snapshot(run);
        AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "400e"), "truncated or corrupted");
        Assert.Equal(truncated, Snapshot(run));
    }

    [Fact]
    public void Runs_made_before_the_fit_option_resume_with_the_linearized_Remez_they_ran_with()
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "old");
        var first = CliRunner.Run("evolve", "--target", "exp", "--interval", "0:1", "--budget", "100e", "--run", run,
            "--population", "20", "--samples", "64", "--fit", "remez", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        // An old spec.json has no "fit" field at all.
        string specPath = Path.Combine(run, "spec.json");
        var lines = File.ReadAllLines(specPath).Where(l => !l.TrimStart().StartsWith("\"fit\"")).ToArray();
        Assert.NotEqual(File.ReadAllLines(specPath).Length, lines.Length);
        File.WriteAllLines(specPath, lines);
        var resumed = CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "150e", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(150, JsonDocument.Parse(resumed.Stdout).RootElement.GetProperty("evaluations").GetInt64());
        // Asking for the other fitter on resume is a conflict with the spec, not a silent change of problem.
        var before = Snapshot(run);
        AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume", "--budget", "200e", "--fit", "lifted"), "conflicts with the run's spec.json");
        Assert.Equal(before, Snapshot(run));
    }

    [Fact]
    public void Resume_needs_a_checkpoint()
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "nocheckpoint");
        Directory.CreateDirectory(run);
        File.Copy(Path.Combine(fixture.Run, "spec.json"), Path.Combine(run, "spec.json"));
        var before = Snapshot(run);
        AssertOneLineError(CliRunner.Run("evolve", "--run", run, "--resume"), "has no checkpoint");
        Assert.Equal(before, Snapshot(run));
        AssertOneLineError(CliRunner.Run("evolve", "--run", Path.Combine(dir.Path, "missing"), "--resume"), "does not exist");
    }
    [Fact]
    public async Task Ctrl_C_checkpoints_writes_the_outputs_and_exits_130()
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "interrupted");
        using var p = StartEvolve(run, "60s");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var wait = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(run, "events.jsonl")) || !File.ReadAllText(Path.Combine(run, "events.jsonl")).Contains("\"archive\""))
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(30), "the run did not start");
            await Task.Delay(50);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", p.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "no exit after SIGINT");
        p.WaitForExit();
        string so = await stdout, se = await stderr;
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}\n{so}\n{se}");
        foreach (var f in new[] { "checkpoint.json", "pareto.csv", "report.md", "pareto.png" })
            Assert.True(File.Exists(Path.Combine(run, f)), $"{f} missing");
        var last = File.ReadAllLines(Path.Combine(run, "events.jsonl"))[^1];
        Assert.Contains("cancelled", last);
        Assert.False(File.Exists(Path.Combine(run, "run.lock")));
    }

    [Fact]
    public async Task Kill_9_then_resume_continues_from_the_last_checkpoint()
    {
        using var dir = new TempDir();
        string run = Path.Combine(dir.Path, "killed");
        using var p = StartEvolve(run, "10m");
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        string events = Path.Combine(run, "events.jsonl");
        var wait = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(events) || !File.ReadAllText(events).Contains("\"checkpoint\""))
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "no checkpoint within 60 s");
            await Task.Delay(100);
        }
        p.Kill(); // SIGKILL: no handler runs, nothing is flushed
        p.WaitForExit();

        // What the kill left: a checkpoint that loads (atomic writes), a stale lock file that does not block.
        var checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "checkpoint.json"))).RootElement;
        long saved = checkpoint.GetProperty("payload").GetProperty("evaluations").GetInt64();
        Assert.True(saved > 0);
        long budget = saved + 300;
        var r = CliRunner.Run("evolve", "--run", run, "--resume", "--budget", $"{budget}e", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(budget, doc.RootElement.GetProperty("evaluations").GetInt64());
        Assert.Equal(300, doc.RootElement.GetProperty("sessionEvaluations").GetInt64());
        Assert.Contains("resumed", File.ReadAllText(events));
        Assert.True(File.Exists(Path.Combine(run, "pareto.csv")));
    }

    /// <summary>A small evolve run as a background process (for the signal tests).</summary>
    static System.Diagnostics.Process StartEvolve(string run, string budget)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet")
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "autonumerics.dll"), "evolve", "--target", "exp", "--interval", "0:1",
                     "--budget", budget, "--run", run, "--population", "30", "--samples", "128" })
            psi.ArgumentList.Add(a);
        return System.Diagnostics.Process.Start(psi)!;
    }
}
