using System.CommandLine;
using AutoNumerics.Cli.Implementations;
using AutoNumerics.Cli.Output;
using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;
using Spectre.Console;

namespace AutoNumerics.Cli.Commands;

/// <summary>`autonumerics verify FUNCTION --impl NAME | --source FILE --method NAME`: the exhaustive ULP check.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function")
        {
            Description = $"The function to check: {string.Join(", ", MathFunctionNames.All)}.",
        };
        var impl = new Option<string?>("--impl") { Description = $"A built-in implementation: {string.Join(", ", ImplementationCatalog.Names)}." };
        var source = new Option<string?>("--source") { Description = "A C# file holding the implementation (compiled in memory with Roslyn)." };
        var method = new Option<string?>("--method") { Description = "With --source: Namespace.Type.Method, either float M(float) or void M(ReadOnlySpan<float>, Span<float>)." };
        var form = new Option<string?>("--form") { Description = "With --source, when the method has both overloads: scalar (float M(float)) or span." };
        var range = new Option<string?>("--range") { Description = "Check only lo:hi (inclusive; decimal, hex floats such as 0x1p-126, or inf). Default: all 2^32 inputs." };
        var samples = new Option<long?>("--samples") { Description = "Check only this many inputs, evenly spaced in bit order over the range." };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var exact = new Option<bool>("--exact") { Description = "Decide every input with MPFR instead of the binary64 reference (slow; a cross-check)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout instead of tables." };
        var plot = new Option<string?>("--plot") { Description = "Write the ULP error against x to this PNG file." };
        var maxUlp = new Option<double?>("--max-ulp") { Description = "Gate: exit 1 if the max ULP error exceeds this or a special case fails." };

        var command = new Command("verify", "Check a float32 unary implementation against the MPFR oracle, exhaustively or over a range.")
        {
            function, impl, source, method, form, range, samples, threads, exact, json, plot, maxUlp,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var f = ParseFunction(parse.GetValue(function)!);
            var options = new VerifierOptions
            {
                Range = ParseRange(parse.GetValue(range), parse.GetValue(samples)),
                Threads = parse.GetValue(threads) is var t and > 0 ? t : throw new UserInputException("--threads must be positive"),
                ExactOnly = parse.GetValue(exact),
                CurveBuckets = parse.GetValue(plot) is null ? 0 : 2048,
            };
            string? plotPath = parse.GetValue(plot);
            if (plotPath is not null && Path.GetDirectoryName(Path.GetFullPath(plotPath)) is { } dir && !Directory.Exists(dir))
                throw new UserInputException($"cannot write the plot: directory '{dir}' does not exist");

            using var kernel = KernelSource.Resolve(f, parse.GetValue(impl), parse.GetValue(source), parse.GetValue(method), parse.GetValue(form));
            using var cancel = CommandRunner.CancelOnCtrlC();
            var report = Verifier.Run(f, kernel.Kernel, options with
            {
                Progress = new ProgressLine($"verify {f.Name()}/{kernel.Kernel.Name}"),
                Cancellation = cancel.Token,
            });

            if (parse.GetValue(json)) Console.Out.WriteLine(VerifyJson.Write(report));
            else VerifyTable.Write(report, AnsiConsole.Console);
            if (plotPath is not null)
            {
                ErrorPlot.Save(report, plotPath);
                Console.Error.WriteLine($"plot written to {plotPath}");
            }
            if (parse.GetValue(maxUlp) is double gate && (!(report.MaxUlp <= gate) || !report.SpecialCasesPass))
            {
                Console.Error.WriteLine($"gate failed: max ULP {report.MaxUlp:F4} (allowed {gate}), special cases {(report.SpecialCasesPass ? "pass" : "fail")}");
                return Program.ExitGateFailed;
            }
            return Program.ExitOk;
        }));
        return command;
    }

    static MathFunction ParseFunction(string name) =>
        MathFunctionNames.TryParse(name, out var f) ? f
            : throw new UserInputException($"unknown function '{name}'; known: {string.Join(", ", MathFunctionNames.All)}");

    static FloatRange ParseRange(string? text, long? samples)
    {
        if (samples is <= 0) throw new UserInputException("--samples must be positive");
        try
        {
            return text is null ? FloatRange.All with { Samples = samples } : FloatRange.Parse(text, samples);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UserInputException($"bad --range: {e.Message}");
        }
    }
}
