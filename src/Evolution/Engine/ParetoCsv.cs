using System.Globalization;
using System.Text;

namespace AutoNumerics.Evolution.Engine;

/// <summary>
/// pareto.csv of the run directory: header <c>cost,error,program</c>, one row per archive entry in increasing cost;
/// errors in round-trip form; the program field quoted (RFC 4180) since program text may contain commas or quotes.
/// </summary>
public static class ParetoCsv
{
    public const string Header = "cost,error,program";

    public static string Format<TGenome>(IEnumerable<ArchiveEntry<TGenome>> entries, Func<TGenome, string> programText)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var e in entries)
        {
            sb.Append(e.Fitness.Cost.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(e.Fitness.Error.ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .Append('"').Append(programText(e.Genome).Replace("\"", "\"\"")).Append('"').Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes the file atomically (a reader never sees half a front).</summary>
    public static void Write<TGenome>(string path, IEnumerable<ArchiveEntry<TGenome>> entries, Func<TGenome, string> programText) =>
        AtomicFile.WriteAllText(path, Format(entries, programText));
}
