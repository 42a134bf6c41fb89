using Microsoft.ML;
using MLNetNorm.Forecasting;

namespace MLNetNorm.Tests.Forecasting;

[TestClass]
public sealed class SeriesTextFileTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void LongFormat_WithDefaultNames_ReadsEverySeriesSortedByTime()
    {
        var path = Write("series_id,t,value\nA,1,10\nB,0,5\nA,0,9\nB,1,6.5\nA,2,11\n");
        var file = SeriesTextFile.Load(new MLContext(1), path);

        Assert.AreEqual("series_id", file.SeriesColumnName);
        Assert.AreEqual("t", file.TimeColumnName);
        Assert.IsFalse(file.TimeIsRowOrder);
        var series = file.ReadSeries();
        Assert.HasCount(2, series);
        CollectionAssert.AreEqual(new[] { 9f, 10f, 11f }, series[0].Values);
        CollectionAssert.AreEqual(new[] { 5f, 6.5f }, series[1].Values);
    }

    [TestMethod]
    public void SingleSeries_WithDateTimes_UsesRowOrder()
    {
        var path = Write("month,passengers\n1949-01,112\n1949-02,118\n1949-03,132\n");
        var file = SeriesTextFile.Load(new MLContext(1), path, timeColumn: "month", valueColumn: "passengers");

        Assert.IsNull(file.SeriesColumnName);
        Assert.IsNull(file.TimeColumnName);
        Assert.IsTrue(file.TimeIsRowOrder);
        var single = Assert.ContainsSingle(file.ReadSeries());
        CollectionAssert.AreEqual(new[] { 112f, 118f, 132f }, single.Values);
    }

    [TestMethod]
    public void MissingValue_FailsNamingSeriesAndTime()
    {
        var path = Write("series_id,t,value\nA,0,1\nA,1,\nA,2,3\n");
        var file = SeriesTextFile.Load(new MLContext(1), path);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => file.ReadSeries());
        StringAssert.Contains(error.Message, "Series 'A', t = 1");
    }

    [TestMethod]
    public void UnknownColumn_FailsListingTheHeader()
    {
        var path = Write("series_id,t,value\nA,0,1\n");
        var error = Assert.ThrowsExactly<ArgumentException>(() => SeriesTextFile.Load(new MLContext(1), path, valueColumn: "sales"));
        StringAssert.Contains(error.Message, "'sales'");
        StringAssert.Contains(error.Message, "series_id, t, value");
    }

    private string Write(string content)
    {
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"series-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
