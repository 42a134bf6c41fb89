using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.TextClassification;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// The text transformer through its public ML.NET API: training on a fixed synthetic corpus (one epoch of
/// <see cref="TrainingRows"/> sentences of about 50 tokens, batch 32), and single-row prediction latency through an ML.NET
/// prediction engine.
/// </summary>
/// <remarks>
/// The corpus is drawn from a fixed word list with a fixed seed, so every training run sees the same tokens; the token
/// count of a run comes from the trained model's own summary (<see cref="TextTransformerTrainingSummary.TrainingTokens"/>).
/// A run is a whole <c>Fit</c>: tokenization and vocabulary building included, as a user pays them.
/// </remarks>
internal sealed class TextTransformerWorkload : IDisposable
{
    private static readonly string[] Words =
    [
        "the", "movie", "film", "story", "actor", "scene", "plot", "music", "camera", "script", "ending", "director", "cast",
        "was", "is", "felt", "seemed", "looked", "played", "moved", "kept", "made", "turned", "came", "went", "stayed",
        "slow", "quiet", "long", "short", "bright", "dark", "simple", "clever", "strange", "warm", "cold", "loud", "odd",
        "and", "but", "then", "because", "while", "after", "before", "with", "without", "about", "through", "into", "over",
    ];

    private static readonly string[] Positive = ["wonderful", "brilliant", "moving", "delightful", "superb"];
    private static readonly string[] Negative = ["boring", "awful", "tedious", "clumsy", "dreadful"];

    private readonly MLContext _mlContext = new(seed: 1);
    private readonly IDataView _corpus;
    private readonly TextTransformerOptions _options;
    private readonly PredictionEngine<Review, Prediction> _engine;
    private readonly Review _review;

    /// <summary>Builds the corpus, trains once (which also fixes the token count) and opens a prediction engine.</summary>
    public TextTransformerWorkload(int trainingRows = 512)
    {
        var random = new Random(7);
        var reviews = Enumerable.Range(0, trainingRows).Select(i => Sentence(random, i % 2 == 0)).ToList();
        TrainingRows = trainingRows;
        _corpus = _mlContext.Data.LoadFromEnumerable(reviews);
        _options = new TextTransformerOptions
        {
            LabelColumnName = nameof(Review.Label),
            TextColumnNames = [nameof(Review.Text)],
            Epochs = 1,
            BatchSize = 32,
            ValidationFraction = 0,
            Seed = 1,
        };
        var model = Train();
        TrainingTokens = model.Training?.TrainingTokens ?? throw new InvalidOperationException("The trained model has no training summary.");
        var pipeline = _mlContext.Transforms.Conversion.MapValueToKey(nameof(Review.Label)).Fit(_corpus);
        _engine = _mlContext.Model.CreatePredictionEngine<Review, Prediction>(pipeline.Append(model));
        _review = Sentence(new Random(8), positive: true);
    }

    /// <summary>Gets the number of training sentences.</summary>
    public int TrainingRows { get; }

    /// <summary>Gets the tokens one training run processes (the same for every run).</summary>
    public long TrainingTokens { get; }

    /// <summary>Trains the classifier for one epoch over the corpus.</summary>
    public TextTransformerModel Train()
    {
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey(nameof(Review.Label)).Fit(_corpus).Transform(_corpus);
        return _mlContext.MulticlassClassification.Trainers.TextTransformer(_options).Fit(keyed);
    }

    /// <summary>Classifies one sentence through the prediction engine.</summary>
    public float[] PredictOne() => _engine.Predict(_review).Score;

    /// <inheritdoc/>
    public void Dispose() => _engine.Dispose();

    private static Review Sentence(Random random, bool positive)
    {
        var words = Enumerable.Range(0, 48).Select(_ => Words[random.Next(Words.Length)]).ToList();
        var cues = positive ? Positive : Negative;
        words.Insert(random.Next(words.Count), cues[random.Next(cues.Length)]);
        return new Review { Text = string.Join(' ', words), Label = positive ? "positive" : "negative" };
    }

    /// <summary>One input row.</summary>
    private sealed class Review
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    /// <summary>One output row.</summary>
    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
