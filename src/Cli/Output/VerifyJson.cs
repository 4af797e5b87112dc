using System.Text.Json;
using System.Text.Json.Nodes;
using AutoNumerics.Oracles.Float32;
using AutoNumerics.Oracles.Reference;
using AutoNumerics.Oracles.Verification;

namespace AutoNumerics.Cli.Output;

/// <summary>The --json document. Floats are written as round-trip numbers plus their bit pattern; a non-finite
/// figure (an infinite error, a NaN input) is written as the string "Infinity" / "NaN".</summary>
public static class VerifyJson
{
    public static string Write(VerificationReport r)
    {
        var histogram = new JsonObject();
        for (int i = 0; i < ErrorHistogram.BinCount; i++) histogram[ErrorHistogram.JsonKeys[i]] = r.Histogram[i];
        var specials = new JsonArray();
        foreach (var c in r.SpecialCases)
        {
            specials.Add(new JsonObject
            {
                ["name"] = c.Case.Name,
                ["kind"] = c.Case.Kind.ToString().ToLowerInvariant(),
                ["input"] = Number(c.Case.Input),
                ["expected"] = Number(c.Expected),
                ["actual"] = Number(c.Actual),
                ["ulp"] = Number(c.UlpError),
                ["pass"] = c.Pass,
            });
        }
        var doc = new JsonObject
        {
            ["function"] = r.Function.Name(),
            ["implementation"] = r.Implementation,
            ["range"] = new JsonObject
            {
                ["lo"] = Number(r.Range.First), ["hi"] = Number(r.Range.Last),
                ["exhaustive"] = r.Range.IsExhaustive, ["length"] = r.Range.Length,
            },
            ["inputs"] = r.Inputs,
            ["maxUlp"] = Number(r.MaxUlp),
            ["worstInput"] = Number(r.WorstInput),
            ["worstInputBits"] = FloatBits.Hex(r.WorstInput),
            ["worstOutput"] = Number(r.WorstOutput),
            ["worstExpected"] = Number(r.WorstExpected),
            ["meanUlp"] = Number(r.MeanUlp),
            ["correctlyRounded"] = r.CorrectlyRounded,
            ["correctlyRoundedShare"] = r.CorrectlyRoundedShare,
            ["histogram"] = histogram,
            ["infiniteErrors"] = r.InfiniteErrors,
            ["oracleFallbacks"] = r.OracleFallbacks,
            ["exactOnly"] = r.ExactOnly,
            ["specialCasesPass"] = r.SpecialCasesPass,
            ["specialCases"] = specials,
            ["seconds"] = Math.Round(r.Seconds, 3),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static JsonNode Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    static JsonNode Number(float v) => float.IsFinite(v) ? JsonValue.Create(v) : Number((double)v);
}
