using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Persistence;

/// <summary>
/// `text &lt;model.zip&gt; &lt;input.bin&gt; &lt;textColumn&gt; &lt;output.bin&gt;`: loads a text classifier in this fresh process, scores
/// the texts in input.bin (int count, then BinaryWriter strings) and writes the Score vectors (int rows, int size, floats).
/// </summary>
internal static class TextMode
{
    public static int Run(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: text <model.zip> <input.bin> <textColumn> <output.bin>");
            return 2;
        }

        var (modelPath, inputPath, textColumn, outputPath) = (args[1], args[2], args[3], args[4]);
        var mlContext = new MLContext(seed: 7);
        var model = ModelFile.Load(mlContext, modelPath, out _);

        string[] texts;
        using (var reader = new BinaryReader(File.OpenRead(inputPath)))
        {
            texts = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToArray();
        }

        var schema = SchemaDefinition.Create(typeof(TextRow));
        schema[0].ColumnName = textColumn;
        var data = mlContext.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }), schema);
        var scores = model.Transform(data).GetColumn<float[]>("Score").ToArray();

        using var writer = new BinaryWriter(File.Create(outputPath));
        writer.Write(scores.Length);
        writer.Write(scores[0].Length);
        foreach (var value in scores.SelectMany(s => s))
        {
            writer.Write(value);
        }

        return 0;
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}
