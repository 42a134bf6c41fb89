using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetNorm.Samples.PlacementSweep;

/// <summary>A stratified, seeded subset of MR sentence polarity: training sentences from folds 1–9, validation sentences from fold 0.</summary>
internal static class MovieReviewSubset
{
    /// <summary>Loads <c>movie-review-polarity.tsv</c> (a path to the file or its folder) and draws the subsets.</summary>
    public static (IDataView Training, IDataView Validation) Load(MLContext mlContext, string path, PlacementSettings settings)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "movie-review-polarity.tsv") : path;
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"movie-review-polarity.tsv not found at '{path}' (pass the file or the folder holding it).", file);
        }

        // The sentences contain bare quote characters, so quoting stays off.
        var data = mlContext.Data.LoadFromTextFile(file,
            [new TextLoader.Column("Label", DataKind.String, 0), new TextLoader.Column("Fold", DataKind.Single, 1), new TextLoader.Column("Text", DataKind.String, 2)],
            separatorChar: '\t', hasHeader: true, allowQuoting: false);
        var rows = mlContext.Data.CreateEnumerable<Review>(data, reuseRowObject: false).ToList();
        var random = new Random(settings.Seed);
        var training = Stratified(rows.Where(r => r.Fold != 0), settings.TrainingPerClass, random);
        var validation = Stratified(rows.Where(r => r.Fold == 0), settings.ValidationPerClass, random);
        return (mlContext.Data.LoadFromEnumerable(training), mlContext.Data.LoadFromEnumerable(validation));
    }

    private static List<Review> Stratified(IEnumerable<Review> rows, int perClass, Random random) =>
        rows.GroupBy(r => r.Label).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(perClass))
            .OrderBy(_ => random.Next())
            .ToList();

    /// <summary>One MR row.</summary>
    private sealed class Review
    {
        public string Label { get; set; } = string.Empty;

        public float Fold { get; set; }

        public string Text { get; set; } = string.Empty;
    }
}
