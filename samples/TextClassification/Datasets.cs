using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TextClassificationSample;

/// <summary>One train/test split of a text classification data set, with the label and text columns as loaded.</summary>
/// <param name="Name">The data set and split, for the table.</param>
/// <param name="Train">The training rows.</param>
/// <param name="Test">The test rows.</param>
/// <param name="LabelColumn">The text label column.</param>
/// <param name="TextColumns">The text columns, joined in order.</param>
/// <param name="MaxTokens">The transformer's token budget for this data.</param>
/// <param name="Sentences">Whether the examples are single sentences (MR) rather than multi-paragraph documents (corefx).</param>
internal sealed record Split(string Name, IDataView Train, IDataView Test, string LabelColumn, string[] TextColumns, int MaxTokens, bool Sentences);

/// <summary>Loads the two benchmark data sets from /work/shared/data/text (or any folder with the same files).</summary>
internal static class Datasets
{
    /// <summary>MR sentence polarity: the test part of fold <paramref name="fold"/> is the rows whose <c>Fold</c> equals it (Kim 2014's 10-fold CV).</summary>
    public static Split MovieReviews(MLContext mlContext, string folder, int fold)
    {
        // The sentences contain bare quote characters, so quoting must stay off.
        var data = mlContext.Data.LoadFromTextFile(Path.Combine(folder, "movie-review-polarity.tsv"),
            [new TextLoader.Column("Label", DataKind.String, 0), new TextLoader.Column("Fold", DataKind.Single, 1), new TextLoader.Column("Text", DataKind.String, 2)],
            separatorChar: '\t', hasHeader: true, allowQuoting: false);
        var test = mlContext.Data.FilterRowsByColumn(data, "Fold", fold, fold + 0.5);
        var train = mlContext.Data.FilterRowsByColumn(data, "Fold", double.NegativeInfinity, fold - 0.5);
        var trainAfter = mlContext.Data.FilterRowsByColumn(data, "Fold", fold + 0.5, double.PositiveInfinity);
        var trainRows = mlContext.Data.CreateEnumerable<MovieReview>(train, false).Concat(mlContext.Data.CreateEnumerable<MovieReview>(trainAfter, false)).ToList();
        return new Split($"MR fold {fold}", mlContext.Data.LoadFromEnumerable(trainRows), Cache(mlContext, test), "Label", ["Text"], MaxTokens: 64, Sentences: true);
    }

    /// <summary>corefx issues: an issue is in the test part when the MD5 of its <c>ID</c> string, read as an integer, is divisible by 5.</summary>
    public static Split CorefxIssues(MLContext mlContext, string folder)
    {
        // Descriptions are CSV-quoted (with "" escapes) when they contain quotes.
        var data = mlContext.Data.LoadFromTextFile(Path.Combine(folder, "corefx-issues-train.tsv"),
            [new TextLoader.Column("ID", DataKind.String, 0), new TextLoader.Column("Area", DataKind.String, 1),
             new TextLoader.Column("Title", DataKind.String, 2), new TextLoader.Column("Description", DataKind.String, 3)],
            separatorChar: '\t', hasHeader: true, allowQuoting: true);
        var rows = mlContext.Data.CreateEnumerable<Issue>(data, false).ToList();
        var test = rows.Where(IsTest).ToList();
        var train = rows.Where(r => !IsTest(r)).ToList();
        return new Split("corefx issues", mlContext.Data.LoadFromEnumerable(train), mlContext.Data.LoadFromEnumerable(test), "Area", ["Title", "Description"], MaxTokens: 128, Sentences: false);
    }

    /// <summary>A seeded random subset of a split's training and test rows (for a smoke run), cached in memory.</summary>
    public static Split Subset(MLContext mlContext, Split split, int trainRows, int testRows, int seed) => split with
    {
        Train = mlContext.Data.Cache(mlContext.Data.TakeRows(mlContext.Data.ShuffleRows(split.Train, seed), trainRows)),
        Test = mlContext.Data.Cache(mlContext.Data.TakeRows(mlContext.Data.ShuffleRows(split.Test, seed), testRows)),
    };

    private static bool IsTest(Issue issue) =>
        new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(issue.ID)), isUnsigned: true, isBigEndian: true) % 5 == 0;

    private static IDataView Cache(MLContext mlContext, IDataView data) => mlContext.Data.LoadFromEnumerable(mlContext.Data.CreateEnumerable<MovieReview>(data, false).ToList());

    private sealed class MovieReview
    {
        public string Label { get; set; } = "";

        public float Fold { get; set; }

        public string Text { get; set; } = "";
    }

    private sealed class Issue
    {
        public string ID { get; set; } = "";

        public string Area { get; set; } = "";

        public string Title { get; set; } = "";

        public string Description { get; set; } = "";
    }
}
