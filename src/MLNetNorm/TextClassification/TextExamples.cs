using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Training;

namespace MLNetNorm.TextClassification;

/// <summary>Labelled texts read from a data view: the joined text columns and 0-based class indices.</summary>
internal sealed class TextExamples
{
    private TextExamples(List<string> texts, List<int> labels, int missingLabels)
    {
        Texts = texts;
        Labels = labels;
        MissingLabels = missingLabels;
    }

    /// <summary>Gets the joined texts.</summary>
    public List<string> Texts { get; }

    /// <summary>Gets the class of each text, from 0.</summary>
    public List<int> Labels { get; }

    /// <summary>Gets the number of rows skipped because their label was missing (key value 0).</summary>
    public int MissingLabels { get; }

    /// <summary>Gets the number of examples.</summary>
    public int Count => Texts.Count;

    /// <summary>Reads every row with a label; rows whose label key is missing are counted and skipped, as ML.NET trainers do.</summary>
    public static TextExamples Read(IDataView data, DataViewSchema.Column label, DataViewSchema.Column[] textColumns, TrainingHost host, CancellationToken token)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        var missing = 0;
        using var cursor = data.GetRowCursor(textColumns.Append(label));
        var getLabel = cursor.GetGetter<uint>(label);
        var getTexts = textColumns.Select(c => cursor.GetGetter<ReadOnlyMemory<char>>(c)).ToArray();
        var parts = new ReadOnlyMemory<char>[textColumns.Length];
        uint key = 0;
        while (cursor.MoveNext())
        {
            if ((cursor.Position & 1023) == 0)
            {
                host.ThrowIfCancelled(token);
            }

            getLabel(ref key);
            if (key == 0)
            {
                missing++;
                continue;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                getTexts[i](ref parts[i]);
            }

            texts.Add(Tokenization.TextEncoder.Join(parts));
            labels.Add((int)key - 1);
        }

        return new TextExamples(texts, labels, missing);
    }
}
