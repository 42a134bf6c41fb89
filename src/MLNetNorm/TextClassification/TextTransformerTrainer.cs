using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.DataView;
using MLNetNorm.Runtime;
using MLNetNorm.TextClassification.Model;
using MLNetNorm.TextClassification.Tokenization;
using MLNetNorm.TextClassification.Training;
using MLNetNorm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification;

/// <summary>
/// Trains a transformer encoder from scratch to classify text into the classes of a key-typed label. Create it with
/// <see cref="TextTransformerCatalog.TextTransformer(MulticlassClassificationCatalog.MulticlassClassificationTrainers, TextTransformerOptions)"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> tokenizes the text columns with the cl100k BPE (Microsoft.ML.Tokenizers), builds a vocabulary of
/// the tokens seen in the training text, and trains the network with the library's <see cref="TrainingLoop"/> on
/// length-bucketed batches, keeping the weights of the epoch with the best validation loss.
/// </para>
/// <para>
/// Rows whose label is missing (key value 0, e.g. a value <c>MapValueToKey</c> did not know) are skipped, as ML.NET's
/// trainers do, with a warning in <c>MLContext.Log</c>. Empty text is valid: the example is just the classification token.
/// </para>
/// </remarks>
public sealed class TextTransformerTrainer : IEstimator<TextTransformerModel>
{
    private readonly TextTransformerOptions _options;
    private readonly TrainingHost _host;

    internal TextTransformerTrainer(TextTransformerOptions options, TrainingHost host)
    {
        _options = options;
        _host = host;
    }

    /// <summary>Trains the model.</summary>
    /// <param name="input">Training data with the label and text columns.</param>
    /// <returns>The trained model; its <see cref="TextTransformerModel.Training"/> holds the learning curves.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type, or an option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The data has fewer than two classes or no labelled rows, or training diverged.</exception>
    public TextTransformerModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options.Validate();
        var (label, classes) = TextColumns.CheckLabel(input.Schema, _options.LabelColumnName, nameof(input));
        var textColumns = TextColumns.CheckText(input.Schema, _options.TextColumnNames, nameof(input));
        var device = TorchDevice.Resolve(_options.Device);
        var seed = _host.ResolveSeed(_options.Seed);
        var token = _options.CancellationToken;

        var (examples, validation) = ReadExamples(input, label, textColumns, token);
        CheckClasses(examples, classes, label);

        // The vocabulary comes from every labelled training row, so that the members, which hold out different rows
        // for validation, share one encoder.
        var sourceIds = examples.Texts.Select(t => TextEncoder.SourceIds(t, _options.MaxTokens)).ToList();
        var vocabulary = TokenVocabulary.Build(sourceIds, _options.MinTokenCount, _options.MaxVocabularySize);
        var encoder = new TextEncoder(vocabulary, _options.MaxTokens);
        var encoded = new EncodedExamples(sourceIds.Select(vocabulary.ToSequence).ToList(), examples.Labels);
        var explicitValidation = validation is null ? null : new EncodedExamples(validation.Texts.Select(encoder.Encode).ToList(), validation.Labels);
        // As documented, the fraction applies only without ValidationData (even if that set has no labelled row).
        var holdOut = _options.ValidationData is null && _options.ValidationFraction > 0 && encoded.Count >= 10;
        _host.ThrowIfCancelled(token);
        _host.Info($"{encoded.Count} labelled examples, {classes} classes, vocabulary {vocabulary.Size} tokens, mean length {encoded.Lengths.Average():F1} tokens (max {_options.MaxTokens}); " +
                   (explicitValidation is not null ? $"validation on {explicitValidation.Count} given examples"
                       : holdOut ? $"each network holds out {_options.ValidationFraction:P0} for validation" : "no validation"));

        var architecture = new TextTransformerArchitecture(vocabulary.Size, classes, _options.MaxTokens, _options.ModelWidth, _options.Heads, _options.Layers,
            _options.FeedForwardWidth, _options.Dropout, _options.Norm, _options.Placement, _options.Pooling);
        var classWeights = ClassWeights.Compute(encoded.Labels, classes, _options.ClassWeighting);
        var members = new List<TextTransformerNetwork>(_options.EnsembleSize);
        var histories = new List<TrainingHistory>(_options.EnsembleSize);
        var tokens = 0L;
        try
        {
            // Members train one after another, member k from seed + k, so member 0 is the single network of the same seed.
            // Without given validation data each member holds out its own random slice (drawn from its seed), so
            // different members hold out different rows and most rows train most members.
            for (var k = 0; k < _options.EnsembleSize; k++)
            {
                var (trainingSet, validationSet) = holdOut ? encoded.Split(_options.ValidationFraction, new Random((seed + k) ^ 0x5EED)) : (encoded, explicitValidation);

                // Tokens only in this member's held-out rows are unknown to it: validated as [UNK], and afterwards their
                // (never trained) embedding rows copy [UNK]'s, so that prediction treats them the same way.
                var untrained = trainingSet.AbsentTokens(vocabulary.Size);
                var (member, history, memberTokens) = TrainMember(architecture, trainingSet, validationSet?.WithUnknown(untrained), classWeights, device, seed + k, k);
                members.Add(member);
                member.TreatAsUnknown(untrained);
                histories.Add(history);
                tokens += memberTokens;
            }
        }
        catch
        {
            members.ForEach(m => m.Dispose());
            throw;
        }

        var labelValues = LabelKeyValues.FromColumn(label, classes);
        return new TextTransformerModel(members, encoder, _options.LabelColumnName, _options.TextColumnNames, labelValues, new TextTransformerTrainingSummary(histories, tokens));
    }

    private (TextTransformerNetwork Network, TrainingHistory History, long Tokens) TrainMember(TextTransformerArchitecture architecture, EncodedExamples trainingSet,
        EncodedExamples? validationSet, float[]? classWeights, Device device, int seed, int member)
    {
        manual_seed(seed);
        var network = new TextTransformerNetwork(architecture);
        network.to(device);
        using var data = new TextTrainingData(network, trainingSet, validationSet, _options.BatchSize, _options.LengthBucketBatches, device, _options.TokenDropout, classWeights);
        var progress = EnsembleProgress.For(_options.Progress, member, _options.EnsembleSize);
        var history = new TrainingLoop(network, _options, _host, progress).Run(data, new Random(seed));
        var which = _options.EnsembleSize == 1 ? string.Empty : $" (ensemble member {member + 1})";
        if (history.Diverged && (validationSet is null || history.Epochs.All(e => e.ValidationLoss is null)))
        {
            network.Dispose();
            throw new InvalidOperationException(
                $"Text transformer training{which} diverged (the loss became non-finite or exploded) before any validated weights existed. " +
                "Lower LearningRate, raise WarmupSteps, keep GradientClipNorm on, or use a normalization (Norm = LayerNorm or RmsNorm).");
        }

        if (history.Diverged)
        {
            _host.Warning($"training{which} diverged; keeping the weights of epoch {history.BestEpoch}, the best validated epoch");
        }

        network.to(CPU);
        return (network, history, data.TokensSeen);
    }

    /// <summary>Returns the schema shape after the model: the input plus <c>PredictedLabel</c> (key) and <c>Score</c> (class probabilities).</summary>
    /// <param name="inputSchema">The shape of the input.</param>
    /// <returns>The output shape.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = SchemaShapes.Find(inputSchema, _options.LabelColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{_options.LabelColumnName}' was not found in the schema.");
        if (!label.IsKey || label.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Label column '{_options.LabelColumnName}' must be a scalar key type; convert it first with mlContext.Transforms.Conversion.MapValueToKey(\"{_options.LabelColumnName}\").");
        }

        foreach (var name in _options.TextColumnNames ?? [])
        {
            var text = SchemaShapes.Find(inputSchema, name)
                ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Text column '{name}' was not found in the schema.");
            if (text.Kind != SchemaShape.Column.VectorKind.Scalar || text.ItemType is not TextDataViewType)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Text column '{name}' must be a scalar String (text) column.");
            }
        }

        // As ML.NET's multiclass trainers describe them, so that MapKeyToValue and Evaluate accept the shape.
        var keyValues = label.Annotations.Where(a => a.Name == "KeyValues").ToArray();
        SchemaShape.Column[] scoreKind =
        [
            SchemaShapes.Scalar("ScoreColumnKind", TextDataViewType.Instance),
            SchemaShapes.Scalar("ScoreValueKind", TextDataViewType.Instance),
        ];
        SchemaShape.Column[] slotNames = keyValues.Length > 0 ? [SchemaShapes.Vector("SlotNames", TextDataViewType.Instance)] : [];
        return SchemaShapes.WithColumns(inputSchema,
            new SchemaShape.Column(TextTransformerModel.PredictedLabelColumnName, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, isKey: true,
                new SchemaShape([.. scoreKind, .. keyValues])),
            new SchemaShape.Column(TextTransformerModel.ScoreColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, isKey: false,
                new SchemaShape([.. scoreKind, .. slotNames])));
    }

    private (TextExamples Training, TextExamples? Validation) ReadExamples(IDataView input, DataViewSchema.Column label, DataViewSchema.Column[] textColumns, CancellationToken token)
    {
        var all = TextExamples.Read(input, label, textColumns, _host, token);
        WarnMissing(all, "training");
        if (_options.ValidationData is { } validationData)
        {
            var (validationLabel, validationClasses) = TextColumns.CheckLabel(validationData.Schema, _options.LabelColumnName, nameof(TextTransformerOptions.ValidationData));
            if (validationClasses != (int)((KeyDataViewType)label.Type).Count)
            {
                throw new ArgumentOutOfRangeException(nameof(TextTransformerOptions.ValidationData),
                    $"The validation label column '{_options.LabelColumnName}' has {validationClasses} key values, but the training one has {((KeyDataViewType)label.Type).Count}; map both with the same MapValueToKey transformer.");
            }

            var validationText = TextColumns.CheckText(validationData.Schema, _options.TextColumnNames, nameof(TextTransformerOptions.ValidationData));
            var validation = TextExamples.Read(validationData, validationLabel, validationText, _host, token);
            WarnMissing(validation, "validation");
            return (all, validation.Count > 0 ? validation : null);
        }

        return (all, null);
    }

    private void WarnMissing(TextExamples examples, string set)
    {
        if (examples.MissingLabels > 0)
        {
            _host.Warning($"{examples.MissingLabels} {set} rows have a missing label (key value 0) and were skipped");
        }
    }

    private static void CheckClasses(TextExamples training, int classes, DataViewSchema.Column label)
    {
        if (training.Count == 0)
        {
            throw new InvalidOperationException($"The training data has no rows with a label in column '{label.Name}'.");
        }

        var present = training.Labels.Distinct().Count();
        if (present < 2)
        {
            var names = LabelKeyValues.FromColumn(label, classes)?.Names;
            var only = names is null ? $"key {training.Labels[0] + 1}" : $"'{names[training.Labels[0]]}'";
            throw new InvalidOperationException(
                $"The training data has only one class ({only}) in label column '{label.Name}'; a classifier needs examples of at least two classes.");
        }
    }
}
