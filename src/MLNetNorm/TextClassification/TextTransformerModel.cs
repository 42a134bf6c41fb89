using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetNorm.DataView;
using MLNetNorm.Persistence;
using MLNetNorm.Runtime;
using MLNetNorm.TextClassification;
using MLNetNorm.TextClassification.Model;
using MLNetNorm.TextClassification.Tokenization;
using MLNetNorm.Training;
using static TorchSharp.torch;

[assembly: LoadableClass(typeof(TextTransformerModel), null, typeof(SignatureLoadModel),
    "MLNetNorm text transformer classifier", TextTransformerModel.LoaderSignature)]

namespace MLNetNorm.TextClassification;

/// <summary>
/// A trained text transformer classifier: adds <c>PredictedLabel</c> (a key of the training label's type, carrying its
/// key values so that <c>MapKeyToValue</c> works) and <c>Score</c> (class probabilities) to each row, like ML.NET's
/// multiclass trainers, so <c>mlContext.MulticlassClassification.Evaluate</c> and prediction engines work unchanged.
/// </summary>
/// <remarks>
/// Rows are scored one at a time on the CPU in evaluation mode; a row's scores do not depend on the other rows.
/// The label column is not read, so data without labels can be scored.
/// </remarks>
public sealed class TextTransformerModel : ITransformer
{
    /// <summary>The name of the predicted class column (a key).</summary>
    public const string PredictedLabelColumnName = "PredictedLabel";

    /// <summary>The name of the class probability column (a float vector, one per class).</summary>
    public const string ScoreColumnName = "Score";

    internal const string LoaderSignature = "MLNetNormTextXformer";
    private static readonly VersionInfo Version = ModelPersistence.CreateVersion("TEXTXFMR", LoaderSignature, 0x00010002);

    private readonly TextTransformerNetwork[] _members;
    private readonly TextEncoder _encoder;
    private readonly LabelKeyValues? _labelValues;
    private readonly string[] _textColumnNames;

    internal TextTransformerModel(IReadOnlyList<TextTransformerNetwork> members, TextEncoder encoder, string labelColumnName, IReadOnlyList<string> textColumnNames,
        LabelKeyValues? labelValues, TextTransformerTrainingSummary? training)
    {
        _members = [.. members];
        foreach (var member in _members)
        {
            member.eval();
        }

        _encoder = encoder;
        LabelColumnName = labelColumnName;
        _textColumnNames = [.. textColumnNames];
        _labelValues = labelValues;
        Training = training;
    }

    /// <summary>Gets the key-typed label column the model was trained on (not read when scoring).</summary>
    public string LabelColumnName { get; }

    /// <summary>Gets the text columns, joined in this order.</summary>
    public IReadOnlyList<string> TextColumnNames => _textColumnNames;

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount => _members[0].Architecture.Classes;

    /// <summary>Gets the class names (the label's key values as text), or null when the label had none.</summary>
    public IReadOnlyList<string>? ClassNames => _labelValues?.Names;

    /// <summary>Gets the normalization in the network's residual connections.</summary>
    public Normalization.NormKind Norm => _members[0].Architecture.Norm;

    /// <summary>Gets the placement of the norms.</summary>
    public Normalization.NormPlacement Placement => _members[0].Architecture.Placement;

    /// <summary>Gets the vocabulary size, special tokens included.</summary>
    public int VocabularySize => _members[0].Architecture.VocabularySize;

    /// <summary>Gets the number of networks whose class probabilities are averaged (1 for a single network).</summary>
    public int EnsembleSize => _members.Length;

    /// <summary>Gets the most tokens per example, the classification token included.</summary>
    public int MaxTokens => _encoder.MaxTokens;

    /// <summary>Gets the encoder that turns text into the model's token ids.</summary>
    internal TextEncoder Encoder => _encoder;

    /// <summary>Gets the training summary, or null for a model loaded from a file.</summary>
    public TextTransformerTrainingSummary? Training { get; }

    /// <summary>Gets a value indicating that this transformer maps each row independently (it can serve prediction engines).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>Returns the schema produced by <see cref="Transform"/> for data of <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The input columns plus <c>PredictedLabel</c> and <c>Score</c>.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).BuildOutputSchema();

    /// <summary>Returns a row-to-row mapper for prediction engines.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The mapper.</returns>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ColumnMapperRowToRowMapper(CreateMapper(inputSchema));

    /// <summary>Lazily adds the prediction columns to <paramref name="input"/>.</summary>
    /// <param name="input">The data to score; it needs the text columns only.</param>
    /// <returns>A data view computed row by row as it is read.</returns>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, CreateMapper(input.Schema));
    }

    /// <summary>Returns the class probabilities of one text (the text columns already joined), for callers outside ML.NET pipelines.</summary>
    /// <param name="text">The text.</param>
    /// <returns>One probability per class, summing to 1.</returns>
    public float[] PredictProbabilities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Score(text);
    }

    /// <summary>Saves this model into an ML.NET model; called by <c>mlContext.Model.Save</c>.</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save(ctx, Version, WriteState);

    private float[] Score(string text)
    {
        var sequence = _encoder.Encode(text);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(sequence.Select(i => (long)i).ToArray(), [1, sequence.Length]);
        var probabilities = nn.functional.softmax(_members[0].call(ids), 1);
        for (var k = 1; k < _members.Length; k++)
        {
            probabilities = probabilities + nn.functional.softmax(_members[k].call(ids), 1);
        }

        return (_members.Length == 1 ? probabilities : probabilities / _members.Length).data<float>().ToArray();
    }

    private static TextTransformerModel Create(IHostEnvironment env, ModelLoadContext ctx) =>
        ModelPersistence.Load(ctx, Version, nameof(TextTransformerModel), reader =>
        {
            var labelColumnName = reader.ReadString();
            var textColumns = Enumerable.Range(0, ReadCount(reader, 10_000, "text columns")).Select(_ => reader.ReadString()).ToArray();
            var labelValues = reader.ReadBoolean() ? LabelKeyValues.Read(reader) : null;
            var sourceIds = Enumerable.Range(0, ReadCount(reader, 10_000_000, "vocabulary entries")).Select(_ => reader.ReadInt32()).ToArray();
            var architecture = TextTransformerArchitecture.Read(reader);
            var vocabulary = new TokenVocabulary(sourceIds);
            if (vocabulary.Size != architecture.VocabularySize || (labelValues is not null && labelValues.Names.Count != architecture.Classes))
            {
                throw new InvalidDataException("The stored vocabulary or label values do not match the stored network.");
            }

            var memberCount = ReadCount(reader, 100, "ensemble members");
            if (memberCount == 0)
            {
                throw new InvalidDataException("The stored model has no networks.");
            }

            var weights = Enumerable.Range(0, memberCount).Select(_ => reader.ReadBytes(ReadCount(reader, int.MaxValue, "weight bytes"))).ToArray();
            TorchRuntime.EnsureLoaded();
            var members = new List<TextTransformerNetwork>(memberCount);
            try
            {
                foreach (var memberWeights in weights)
                {
                    var network = new TextTransformerNetwork(architecture);
                    members.Add(network);
                    using var weightReader = new BinaryReader(new MemoryStream(memberWeights, writable: false));
                    network.load(weightReader, strict: true);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
            {
                members.ForEach(m => m.Dispose());
                throw new InvalidDataException($"The stored network weights do not match the stored architecture: {ex.Message}", ex);
            }

            return new TextTransformerModel(members, new TextEncoder(vocabulary, architecture.MaxTokens), labelColumnName, textColumns, labelValues, training: null);
        });

    private static int ReadCount(BinaryReader reader, int maximum, string what)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= maximum ? count : throw new InvalidDataException($"The stored number of {what} ({count}) is invalid.");
    }

    private void WriteState(BinaryWriter writer)
    {
        writer.Write(LabelColumnName);
        writer.Write(_textColumnNames.Length);
        foreach (var name in _textColumnNames)
        {
            writer.Write(name);
        }

        writer.Write(_labelValues is not null);
        _labelValues?.Write(writer);
        writer.Write(_encoder.Vocabulary.SourceIds.Count);
        foreach (var id in _encoder.Vocabulary.SourceIds)
        {
            writer.Write(id);
        }

        _members[0].Architecture.Write(writer);
        writer.Write(_members.Length);
        foreach (var member in _members)
        {
            using var weights = new MemoryStream();
            using (var weightWriter = new BinaryWriter(weights, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                member.save(weightWriter);
            }

            writer.Write((int)weights.Length);
            writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
        }
    }

    private Mapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new Mapper(this, inputSchema, TextColumns.CheckText(inputSchema, _textColumnNames, nameof(inputSchema)));
    }

    private DataViewSchema.Annotations ScoreAnnotations(string valueKind, bool predictedLabel)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add("ScoreColumnKind", TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = "MulticlassClassification".AsMemory());
        builder.Add("ScoreValueKind", TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = valueKind.AsMemory());
        if (_labelValues is null)
        {
            return builder.ToAnnotations();
        }

        if (predictedLabel)
        {
            _labelValues.AddKeyValues(builder);
        }
        else
        {
            var names = _labelValues.Names.Select(n => n.AsMemory()).ToArray();
            var type = new VectorDataViewType(TextDataViewType.Instance, names.Length);
            ValueGetter<VBuffer<ReadOnlyMemory<char>>> getNames = (ref VBuffer<ReadOnlyMemory<char>> v) => new VBuffer<ReadOnlyMemory<char>>(names.Length, names).CopyTo(ref v);
            builder.Add("TrainingLabelValues", type, getNames);
            builder.Add("SlotNames", type, getNames);
        }

        return builder.ToAnnotations();
    }

    /// <summary>Computes the prediction columns from the text columns of the same row, scoring each row once.</summary>
    private sealed class Mapper(TextTransformerModel parent, DataViewSchema inputSchema, DataViewSchema.Column[] textColumns) : ColumnMapper(inputSchema)
    {
        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } =
        [
            new(PredictedLabelColumnName, new KeyDataViewType(typeof(uint), parent.ClassCount), parent.ScoreAnnotations("PredictedLabel", predictedLabel: true)),
            new(ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, parent.ClassCount), parent.ScoreAnnotations("Score", predictedLabel: false)),
        ];

        public override IEnumerable<DataViewSchema.Column> GetDependencies(Func<int, bool> isOutputActive) =>
            isOutputActive(0) || isOutputActive(1) ? textColumns : [];

        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive)
        {
            if (!isOutputActive(0) && !isOutputActive(1))
            {
                return [null, null];
            }

            var getTexts = textColumns.Select(c => input.GetGetter<ReadOnlyMemory<char>>(c)).ToArray();
            var parts = new ReadOnlyMemory<char>[textColumns.Length];
            var scores = Array.Empty<float>();
            var scoredPosition = -1L;

            float[] Current()
            {
                if (scoredPosition != input.Position)
                {
                    for (var i = 0; i < parts.Length; i++)
                    {
                        getTexts[i](ref parts[i]);
                    }

                    scores = parent.Score(TextEncoder.Join(parts));
                    scoredPosition = input.Position;
                }

                return scores;
            }

            ValueGetter<uint> predicted = (ref uint value) =>
            {
                var s = Current();
                var best = 0;
                for (var i = 1; i < s.Length; i++)
                {
                    if (s[i] > s[best])
                    {
                        best = i;
                    }
                }

                value = (uint)best + 1;
            };
            ValueGetter<VBuffer<float>> score = (ref VBuffer<float> value) =>
            {
                var s = Current();
                var editor = VBufferEditor.Create(ref value, s.Length);
                s.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return [isOutputActive(0) ? predicted : null, isOutputActive(1) ? score : null];
        }
    }
}
