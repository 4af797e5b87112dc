using AutoNumerics.Evolution.Fitting;
using Xunit.Abstractions;

namespace AutoNumerics.Evolution.Tests.Fitting;

/// <summary>Prints the fitter comparison table (timings are only meaningful in Release; the report table used
/// minMillis 60 and 30,000 CMA-ES evaluations: FitterComparison.Run(cases, fitters, budget, 60, 30_000)).</summary>
public class FitterComparisonTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Comparison")]
    public void Comparison_table()
    {
        var cases = FitterComparison.ExpCases(512, [3, 4, 5, 6, 8, 10]);
        IConstantFitter[] fitters = [new LevenbergMarquardtFitter(), new MinimaxFitter(MinimaxRefinement.Lawson), new MinimaxFitter(), new MinimaxFitter(MinimaxRefinement.LiftedRemez), new CmaEsFitter()];
        var rows = FitterComparison.Run(cases, fitters, new FitBudget { MaxEvaluations = 5000 }, minMillis: 20, cmaEvaluationsForEqualQuality: 8_000);
        output.WriteLine(FitterComparison.Format(cases, rows));
        foreach (var r in rows) Assert.False(double.IsNaN(r.MaxError), $"{r.Case} {r.Fitter}");
        // The lifted Remez reaches every case's known optimum (Remez minimax polynomials, the independent optimum of
        // the symmetric form) within 5%: the samples are a subset of [0, 1], so it cannot go below it either.
        foreach (var c in cases.Where(c => !double.IsNaN(c.KnownOptimum)))
        {
            var lifted = rows.Single(r => r.Case == c.Name && r.Fitter == "LM+LiftedRemez");
            Assert.InRange(lifted.MaxError / c.KnownOptimum, 0.9, 1.05);
        }
    }
}
