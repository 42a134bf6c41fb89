using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Persistence;
using MLNetNorm.TextClassification;

namespace MLNetNorm.Cli.Text;

/// <summary>A text classifier saved by <c>classify train</c>: the label mapping plus the text transformer, and the file columns it reads.</summary>
internal sealed record TextModelFile(ITransformer Model, TextTransformerModel Classifier, string LabelFileColumn)
{
    /// <summary>Loads a model zip and finds its classifier and the label column of the training file.</summary>
    public static TextModelFile Load(MLContext mlContext, string path)
    {
        var model = ModelFile.Load(mlContext, path, out var inputSchema);
        var classifier = (model as IEnumerable<ITransformer> ?? [model]).OfType<TextTransformerModel>().LastOrDefault()
            ?? throw new ArgumentException($"Model '{path}' contains no text classifier; create it with `mlnetnorm classify train`.");
        var label = inputSchema.Select(c => c.Name).FirstOrDefault(n => !classifier.TextColumnNames.Contains(n))
            ?? throw new ArgumentException($"Model '{path}' was saved without its label column; create it with `mlnetnorm classify train`.");
        return new TextModelFile(model, classifier, label);
    }

    /// <summary>Gets the class names in key order (key i + 1 is class i).</summary>
    public IReadOnlyList<string> ClassNames =>
        Classifier.ClassNames ?? Enumerable.Range(1, Classifier.ClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
