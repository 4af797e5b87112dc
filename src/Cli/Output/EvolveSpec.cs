using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AutoNumerics.Evolution.Engine;

namespace AutoNumerics.Cli.Output;

/// <summary>
/// spec.json of an evolve run: what defines the search (a resume must match it) plus the session choices it was
/// started with (budget, workers), and the command line as given.
/// </summary>
public sealed record EvolveSpec
{
    public const string FileName = "spec.json";

    public string Mode { get; init; } = "real";
    public required string Target { get; init; }
    public required string Interval { get; init; }
    public string Error { get; init; } = "relative";
    public ulong Seed { get; init; } = 1;
    public int Population { get; init; } = 500;
    public int Tournament { get; init; } = 10;
    public string Selection { get; init; } = "per-cost";
    public int Samples { get; init; } = 512;
    public bool Fma { get; init; }
    public int MaxCost { get; init; } = 24;
    /// <summary>Constant refinement after LM: lifted (lifted-Newton Remez, what new runs use unless --fit says
    /// otherwise) or remez (linearized exchange). Runs written before the option existed have no such field and read
    /// as remez, which is what they ran with.</summary>
    public string Fit { get; init; } = "remez";

    /// <summary>The --fit of a new run when none is given.</summary>
    public const string DefaultFit = "lifted";
    /// <summary>Session choice: the budget of the run's whole life (a resume may raise it).</summary>
    public required string Budget { get; init; }
    /// <summary>Session choice.</summary>
    public int Workers { get; init; } = 1;
    /// <summary>The arguments as given, for the record.</summary>
    public string[] Arguments { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Reads a run's spec.json; throws <see cref="UserInputException"/> naming the file on any problem.</summary>
    public static EvolveSpec Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<EvolveSpec>(File.ReadAllText(path), Options)
                ?? throw new UserInputException($"{path} is empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UserInputException($"cannot read {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>
    /// A budget: a duration (90s, 30m, 2h, 1.5d) or an evaluation count (20000e, also 2e4e is not accepted: digits
    /// only). Must be positive.
    /// </summary>
    public static Budget ParseBudget(string text)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        var m = Regex.Match(t, @"^(\d+(?:\.\d+)?)(s|m|h|d)$");
        if (m.Success)
        {
            double v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            double seconds = v * m.Groups[2].Value switch { "s" => 1, "m" => 60, "h" => 3600, _ => 86400 };
            if (!(seconds > 0)) throw new UserInputException($"--budget must be positive, got '{text}'");
            if (seconds > TimeSpan.MaxValue.TotalSeconds / 2) throw new UserInputException($"--budget '{text}' is too long");
            return Evolution.Engine.Budget.Time(TimeSpan.FromSeconds(seconds));
        }
        m = Regex.Match(t, @"^(\d+)e$");
        if (m.Success)
        {
            if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                throw new UserInputException($"--budget '{text}' is too large");
            if (n <= 0) throw new UserInputException($"--budget must be positive, got '{text}'");
            return Evolution.Engine.Budget.Evaluations(n);
        }
        if (Regex.IsMatch(t, @"^-")) throw new UserInputException($"--budget must be positive, got '{text}'");
        throw new UserInputException($"--budget '{text}' is not a duration (90s, 30m, 2h, 1d) or an evaluation count (20000e)");
    }
}
