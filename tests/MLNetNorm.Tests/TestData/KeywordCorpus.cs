using Microsoft.ML;

namespace MLNetNorm.Tests.TestData;

/// <summary>Generated sentences whose class is decided by one keyword among random filler words.</summary>
internal static class KeywordCorpus
{
    public static readonly string[] Classes = ["sports", "weather", "finance"];

    private static readonly string[][] Keywords =
    [
        ["football", "tennis", "goalkeeper", "stadium"],
        ["rain", "thunderstorm", "sunshine", "forecast"],
        ["stocks", "dividend", "inflation", "bank"],
    ];

    private static readonly string[] Filler =
        ["the", "a", "today", "people", "said", "about", "news", "very", "new", "city", "report", "again", "after", "we", "they", "morning", "local", "big"];

    public sealed class Row
    {
        public string Label { get; set; } = "";

        public string Text { get; set; } = "";

        public string Title { get; set; } = "";
    }

    /// <summary>Rows of <paramref name="classes"/> classes; the keyword sits in <c>Text</c>, <c>Title</c> holds filler only.</summary>
    public static Row[] Rows(int count, int seed, int classes = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var label = i % classes;
            var words = Enumerable.Range(0, random.Next(4, 12)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            words.Insert(random.Next(words.Count + 1), Keywords[label][random.Next(Keywords[label].Length)]);
            return new Row { Label = Classes[label], Text = string.Join(' ', words), Title = Filler[random.Next(Filler.Length)] };
        }).ToArray();
    }

    public static IDataView Load(MLContext mlContext, IEnumerable<Row> rows) => mlContext.Data.LoadFromEnumerable(rows);
}
