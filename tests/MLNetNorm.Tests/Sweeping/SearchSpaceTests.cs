using MLNetNorm.Normalization;
using MLNetNorm.Sweeping.Space;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class SearchSpaceTests
{
    private static SearchSpace Space() => new SearchSpace()
        .AddChoice<NormKind>("NormKind", NormKind.LayerNorm, NormKind.RmsNorm)
        .AddFloat("Dropout", 0, 0.5)
        .AddFloat("LearningRate", 1e-4, 1e-1, logScale: true)
        .AddInteger("Layers", 1, 6)
        .AddInteger("WarmupSteps", 1, 1000, logScale: true)
        .AddBoolean("UseBias");

    [TestMethod]
    public void Samples_StayInsideEveryDomain_AndHitTheIntegerEnds()
    {
        var space = Space();
        var random = new Random(1);
        var samples = Enumerable.Range(0, 2000).Select(_ => space.Sample(random)).ToList();
        foreach (var sample in samples)
        {
            space.Validate(sample);
        }

        CollectionAssert.AreEquivalent(new long[] { 1, 2, 3, 4, 5, 6 }, samples.Select(s => s.GetInt64("Layers")).Distinct().ToArray());
        CollectionAssert.AreEquivalent(new[] { "LayerNorm", "RmsNorm" }, samples.Select(s => s.GetString("NormKind")).Distinct().ToArray());
        CollectionAssert.AreEquivalent(new[] { false, true }, samples.Select(s => s.GetBoolean("UseBias")).Distinct().ToArray());
    }

    [TestMethod]
    public void LogRange_IsUniformInLogSpace()
    {
        // Log-uniform on [1e-4, 1e-1]: each decade holds a third of the samples; a linear draw would put 99% in the last decade.
        var space = new SearchSpace().AddFloat("LearningRate", 1e-4, 1e-1, logScale: true);
        var random = new Random(2);
        var values = Enumerable.Range(0, 6000).Select(_ => space.Sample(random).GetDouble("LearningRate")).ToList();
        foreach (var (low, high) in new[] { (1e-4, 1e-3), (1e-3, 1e-2), (1e-2, 1e-1) })
        {
            var fraction = values.Count(v => v >= low && v < high) / (double)values.Count;
            Assert.AreEqual(1 / 3.0, fraction, 0.03, $"decade [{low}, {high})");
        }
    }

    [TestMethod]
    public void LogIntegerRange_FavoursSmallValuesLogarithmically()
    {
        var space = new SearchSpace().AddInteger("Width", 1, 1000, logScale: true);
        var random = new Random(3);
        var values = Enumerable.Range(0, 6000).Select(_ => space.Sample(random).GetInt64("Width")).ToList();
        Assert.IsTrue(values.All(v => v is >= 1 and <= 1000));
        // P(width <= 31) = log(31.5 / 0.5) / log(1000.5 / 0.5) ≈ 0.545 under a log-uniform draw on [0.5, 1000.5].
        Assert.AreEqual(Math.Log(31.5 / 0.5) / Math.Log(1000.5 / 0.5), values.Count(v => v <= 31) / (double)values.Count, 0.03);
    }

    [TestMethod]
    public void Grid_EnumeratesTheCartesianProductOnce_WithEndsAndGeometricLogPoints()
    {
        var space = new SearchSpace().AddChoice("Placement", "PreNorm", "PostNorm").AddFloat("LearningRate", 1e-4, 1e-2, logScale: true).AddInteger("Layers", 2, 4).AddBoolean("UseBias");
        var grid = space.Grid(steps: 3).ToList();

        Assert.HasCount(2 * 3 * 3 * 2, grid);
        Assert.AreEqual(grid.Count, space.GridSize(3));
        Assert.HasCount(grid.Count, grid.Distinct().ToList());
        CollectionAssert.AreEqual(new[] { 1e-4, 1e-3, 1e-2 }, grid.Select(p => p.GetDouble("LearningRate")).Distinct().Order().ToArray(), new ToleranceComparer(1e-15));
        CollectionAssert.AreEquivalent(new long[] { 2, 3, 4 }, grid.Select(p => p.GetInt64("Layers")).Distinct().ToArray());
        Assert.AreEqual("Placement=PreNorm, LearningRate=0.0001, Layers=2, UseBias=false", grid[0].ToString());
        Assert.AreEqual("Placement=PostNorm, LearningRate=0.01, Layers=4, UseBias=true", grid[^1].ToString());
    }

    [TestMethod]
    public void Grid_OfALargeIntegerRange_TakesDistinctRoundedPoints()
    {
        var values = new IntegerRangeParameter("Width", 16, 256).GridValues(5);
        CollectionAssert.AreEqual(new object[] { 16L, 76L, 136L, 196L, 256L }, values.ToArray());
        CollectionAssert.AreEqual(new object[] { 1L, 2L, 3L }, new IntegerRangeParameter("Layers", 1, 3).GridValues(5).ToArray());
    }

    [TestMethod]
    public void BadDefinitions_AreRejectedWithTheirName()
    {
        Assert.Contains("'Rate'", Assert.ThrowsExactly<ArgumentException>(() => new FloatRangeParameter("Rate", 1, 1)).Message);
        Assert.Contains("'Rate'", Assert.ThrowsExactly<ArgumentException>(() => new FloatRangeParameter("Rate", 2, 1)).Message);
        Assert.Contains("'Rate'", Assert.ThrowsExactly<ArgumentException>(() => new FloatRangeParameter("Rate", double.NaN, 1)).Message);
        Assert.Contains("positive", Assert.ThrowsExactly<ArgumentException>(() => new FloatRangeParameter("Rate", 0, 1, logScale: true)).Message);
        Assert.Contains("positive", Assert.ThrowsExactly<ArgumentException>(() => new IntegerRangeParameter("Warmup", 0, 100, logScale: true)).Message);
        Assert.Contains("at least one", Assert.ThrowsExactly<ArgumentException>(() => new ChoiceParameter("Kind", [])).Message);
        Assert.Contains("more than once", Assert.ThrowsExactly<ArgumentException>(() => new ChoiceParameter("Kind", ["a", "a"])).Message);
        Assert.Contains("mixes", Assert.ThrowsExactly<ArgumentException>(() => new ChoiceParameter("Kind", ["a", 1])).Message);
        Assert.Contains("not a finite", Assert.ThrowsExactly<ArgumentException>(() => new ChoiceParameter("Eps", [1.0, double.NaN])).Message);
        Assert.Contains("letter", Assert.ThrowsExactly<ArgumentException>(() => new BooleanParameter("1bad name")).Message);
        Assert.Contains("already has", Assert.ThrowsExactly<ArgumentException>(() => new SearchSpace().AddBoolean("A").AddBoolean("A")).Message);
        Assert.ThrowsExactly<InvalidOperationException>(() => new SearchSpace().Sample(new Random(1)));
    }

    [TestMethod]
    public void Validate_NamesMissingUnknownAndOutOfDomainParameters()
    {
        var space = new SearchSpace().AddFloat("Rate", 0, 1).AddChoice("Kind", "a", "b");
        Assert.Contains("lacks 'Kind'", Assert.ThrowsExactly<ArgumentException>(() => space.Validate(Set(("Rate", 0.5)))).Message);
        Assert.Contains("Other", Assert.ThrowsExactly<ArgumentException>(() => space.Validate(Set(("Rate", 0.5), ("Kind", "a"), ("Other", true)))).Message);
        Assert.Contains("'Rate' = 1.5", Assert.ThrowsExactly<ArgumentException>(() => space.Validate(Set(("Rate", 1.5), ("Kind", "a")))).Message);
        Assert.Contains("'Kind' = c", Assert.ThrowsExactly<ArgumentException>(() => space.Validate(Set(("Rate", 0.5), ("Kind", "c")))).Message);
        Assert.Contains("'Rate' = 1", Assert.ThrowsExactly<ArgumentException>(() => space.Validate(Set(("Rate", 1), ("Kind", "a")))).Message, "an integer is not a float value");
    }

    [TestMethod]
    public void Describe_ChangesWhenTheSpaceChanges()
    {
        Assert.AreEqual("NormKind: choice string {LayerNorm, RmsNorm}\nDropout: float [0.0, 0.5]\nLearningRate: float [0.0001, 0.1] log\nLayers: integer [1, 6]\nWarmupSteps: integer [1, 1000] log\nUseBias: boolean", Space().Describe());
        Assert.AreNotEqual(Space().Describe(), Space().AddBoolean("Extra").Describe());
    }

    internal static ParameterSet Set(params (string Name, object Value)[] values) => new(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value)));

    private sealed class ToleranceComparer(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance * Math.Max(1, Math.Abs((double)x!)) ? 0 : 1;
    }
}
