using Microsoft.ML;

namespace MLNetNorm.Tests.TestData;

/// <summary>Small generated series for forecasting tests: noisy sines with a trend, at very different levels.</summary>
internal static class GeneratedSeries
{
    public sealed class Row
    {
        public string SeriesId { get; set; } = string.Empty;

        public double Time { get; set; }

        public float Value { get; set; }
    }

    /// <summary><paramref name="count"/> series; series s has level 10^(s mod 3 + 1), a trend, a sine of <paramref name="period"/> and noise.</summary>
    public static List<(string Id, float[] Values)> Sines(int count, int length, int period, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(s =>
        {
            var level = Math.Pow(10, s % 3 + 1);
            var phase = random.NextDouble() * 2 * Math.PI;
            var values = Enumerable.Range(0, length).Select(t =>
                (float)(level * (1 + 0.002 * t + 0.3 * Math.Sin(2 * Math.PI * t / period + phase) + 0.03 * (random.NextDouble() * 2 - 1)))).ToArray();
            return ($"s{s}", values);
        }).ToList();
    }

    public static List<Row> Rows(IEnumerable<(string Id, float[] Values)> series) =>
        series.SelectMany(s => s.Values.Select((v, t) => new Row { SeriesId = s.Id, Time = t, Value = v })).ToList();

    public static IDataView Load(MLContext mlContext, IEnumerable<(string Id, float[] Values)> series) => mlContext.Data.LoadFromEnumerable(Rows(series));
}
