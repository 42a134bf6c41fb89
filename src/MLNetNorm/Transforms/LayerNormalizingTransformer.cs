using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLNetNorm.DataView;
using MLNetNorm.Normalization;
using MLNetNorm.Normalization.Kernels;
using MLNetNorm.Persistence;
using MLNetNorm.Transforms;

[assembly: LoadableClass(typeof(LayerNormalizingTransformer), null, typeof(SignatureLoadModel),
    "MLNetNorm layer normalizing transformer", LayerNormalizingTransformer.LoaderSignature)]

namespace MLNetNorm.Transforms;

/// <summary>
/// Normalizes a known-size <see cref="float"/> vector column row by row:
/// LayerNorm <c>(x - mean) / sqrt(var + ε) · γ + β</c> or RMSNorm <c>x / sqrt(mean(x²) + ε) · γ</c>.
/// </summary>
/// <remarks>
/// <para>
/// Rows are normalized in managed SIMD code (<see cref="System.Numerics.Tensors.TensorPrimitives"/>) with the same
/// formulas as the TorchSharp modules <see cref="LayerNorm"/> and <see cref="RmsNorm"/>: no per-row trip into native
/// code, and no allocation per row.
/// </para>
/// <para>
/// A row holding NaN or infinity fails with an exception naming the column and row, rather than producing NaN
/// features for the next trainer. Use ML.NET's <c>ReplaceMissingValues</c> first when missing values are expected.
/// </para>
/// </remarks>
public sealed class LayerNormalizingTransformer : ITransformer
{
    internal const string LoaderSignature = "MLNetNormLayerNormXf";
    private static readonly VersionInfo Version = ModelPersistence.CreateVersion("LNORM XF", LoaderSignature, 0x00010001);

    private readonly float[] _scale;
    private readonly float[] _offset;

    internal LayerNormalizingTransformer(Settings settings, int size)
    {
        OutputColumnName = settings.OutputColumnName;
        InputColumnName = settings.InputColumnName;
        Kind = settings.Kind;
        Epsilon = (float)Normalizations.ValidateEpsilon(settings.Epsilon);
        Size = size;
        CheckOptions(Kind, settings.Scale, settings.Offset);
        _scale = CheckParameter(settings.Scale, size, "scale");
        _offset = CheckParameter(settings.Offset, size, "offset");
    }

    /// <summary>Gets the name of the output column.</summary>
    public string OutputColumnName { get; }

    /// <summary>Gets the name of the input column.</summary>
    public string InputColumnName { get; }

    /// <summary>Gets the normalization applied to each row.</summary>
    public NormKind Kind { get; }

    /// <summary>Gets ε, added to the variance (LayerNorm) or mean square (RMSNorm).</summary>
    public float Epsilon { get; }

    /// <summary>Gets the size of the input and output vectors.</summary>
    public int Size { get; }

    /// <summary>Gets the per-feature scale γ, or an empty list for none (γ = 1).</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>Gets the per-feature offset β, or an empty list for none (β = 0).</summary>
    public IReadOnlyList<float> Offset => _offset;

    /// <summary>Gets a value indicating that this transformer maps each row independently (it can serve prediction engines).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>Returns the schema produced by <see cref="Transform"/> for data of <paramref name="inputSchema"/>.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The input columns plus the output column.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).BuildOutputSchema();

    /// <summary>Returns a row-to-row mapper for prediction engines.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <returns>The mapper.</returns>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ColumnMapperRowToRowMapper(CreateMapper(inputSchema));

    /// <summary>Lazily adds the normalized column to <paramref name="input"/>.</summary>
    /// <param name="input">The data to transform.</param>
    /// <returns>A data view computed row by row as it is read.</returns>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, CreateMapper(input.Schema));
    }

    /// <summary>Saves this transformer into an ML.NET model; called by <c>mlContext.Model.Save</c>.</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save(ctx, Version, WriteState);

    /// <summary>Checks that the kind is defined and takes the given scale and offset.</summary>
    internal static void CheckOptions(NormKind kind, float[]? scale, float[]? offset)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown normalization kind; use LayerNorm, RmsNorm or None.");
        }

        if (kind == NormKind.RmsNorm && offset is { Length: > 0 })
        {
            throw new ArgumentException("RMSNorm has no offset (β); pass offset only with NormKind.LayerNorm.", nameof(offset));
        }

        if (kind == NormKind.None && (scale is { Length: > 0 } || offset is { Length: > 0 }))
        {
            throw new ArgumentException("NormKind.None copies the column unchanged and takes no scale or offset.", kind == NormKind.None && scale is { Length: > 0 } ? nameof(scale) : nameof(offset));
        }
    }

    /// <summary>Checks that <paramref name="columnName"/> is a known-size float vector and returns its size.</summary>
    internal static int CheckInputColumn(DataViewSchema schema, string columnName)
    {
        var column = schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{columnName}' was not found in the schema.");
        if (column.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{columnName}' must be a vector of Single (float), but it is {column.Type}.");
        }

        if (!vector.IsKnownSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Input column '{columnName}' is a variable-size vector; layer normalization needs a known size (load it with a fixed range, or pad it first).");
        }

        return vector.Size;
    }

    /// <summary>Loads a saved transformer; found by ML.NET's component catalog through the <c>[LoadableClass]</c> above.</summary>
    private static LayerNormalizingTransformer Create(IHostEnvironment env, ModelLoadContext ctx) =>
        ModelPersistence.Load(ctx, Version, nameof(LayerNormalizingTransformer), reader =>
        {
            var settings = new Settings(
                OutputColumnName: reader.ReadString(),
                InputColumnName: reader.ReadString(),
                Kind: ModelPersistence.ReadEnum<NormKind>(reader),
                Epsilon: reader.ReadSingle(),
                Scale: ModelPersistence.ReadFloats(reader),
                Offset: ModelPersistence.ReadFloats(reader));
            return new LayerNormalizingTransformer(settings, reader.ReadInt32());
        });

    private void WriteState(BinaryWriter writer)
    {
        writer.Write(OutputColumnName);
        writer.Write(InputColumnName);
        writer.Write((int)Kind);
        writer.Write(Epsilon);
        ModelPersistence.WriteFloats(writer, _scale);
        ModelPersistence.WriteFloats(writer, _offset);
        writer.Write(Size);
    }

    private Mapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var size = CheckInputColumn(inputSchema, InputColumnName);
        if (size != Size)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Input column '{InputColumnName}' has {size} features, but this transformer was fitted on {Size}.");
        }

        return new Mapper(this, inputSchema);
    }

    private static float[] CheckParameter(float[]? values, int size, string name)
    {
        if (values is null || values.Length == 0)
        {
            return [];
        }

        if (values.Length != size)
        {
            throw new ArgumentException($"The {name} vector has {values.Length} elements, but the input column has {size} features.", name);
        }

        if (!values.All(float.IsFinite))
        {
            throw new ArgumentException($"The {name} vector holds NaN or infinity.", name);
        }

        return (float[])values.Clone();
    }

    /// <summary>The options an estimator passes to its transformer.</summary>
    internal sealed record Settings(string OutputColumnName, string InputColumnName, NormKind Kind, double Epsilon, float[]? Scale, float[]? Offset);

    /// <summary>Computes the output column from the input column of the same row.</summary>
    private sealed class Mapper(LayerNormalizingTransformer parent, DataViewSchema inputSchema) : ColumnMapper(inputSchema)
    {
        private readonly DataViewSchema.Column _input = inputSchema[parent.InputColumnName];

        public override IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; } =
            [new(parent.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, parent.Size), OutputAnnotations(inputSchema[parent.InputColumnName]))];

        public override IEnumerable<DataViewSchema.Column> GetDependencies(Func<int, bool> isOutputActive) =>
            isOutputActive(0) ? [_input] : [];

        public override Delegate?[] CreateGetters(DataViewRow input, Func<int, bool> isOutputActive) =>
            isOutputActive(0) ? [CreateGetter(input)] : [null];

        private ValueGetter<VBuffer<float>> CreateGetter(DataViewRow input)
        {
            var getSource = input.GetGetter<VBuffer<float>>(_input);
            var source = default(VBuffer<float>);
            var dense = new float[parent.Size];
            var kind = parent.Kind;
            var epsilon = parent.Epsilon;
            var scale = parent._scale;
            var offset = parent._offset;
            return (ref VBuffer<float> destination) =>
            {
                getSource(ref source);
                ReadOnlySpan<float> values;
                if (source.IsDense)
                {
                    values = source.GetValues();
                }
                else
                {
                    source.CopyTo(dense);
                    values = dense;
                }

                var editor = VBufferEditor.Create(ref destination, parent.Size);
                var finite = kind switch
                {
                    NormKind.LayerNorm => RowNormKernels.LayerNorm(values, editor.Values, scale, offset, epsilon),
                    NormKind.RmsNorm => RowNormKernels.RmsNorm(values, editor.Values, scale, epsilon),
                    NormKind.None => Copy(values, editor.Values),
                    _ => throw new InvalidOperationException($"Unknown normalization kind {kind}."),
                };
                if (!finite)
                {
                    throw new InvalidOperationException(
                        $"Column '{parent.InputColumnName}', row {input.Position}: the vector holds NaN or infinity (or values whose square overflows), " +
                        "so it cannot be normalized. Replace missing values first (mlContext.Transforms.ReplaceMissingValues).");
                }

                destination = editor.Commit();
            };
        }

        /// <summary>The input's slot names (features keep their names), and IsNormalized, as ML.NET's normalizers add.</summary>
        private static DataViewSchema.Annotations OutputAnnotations(DataViewSchema.Column input)
        {
            var builder = new DataViewSchema.Annotations.Builder();
            builder.Add(input.Annotations, name => name == LayerNormalizingEstimator.SlotNamesKind);
            builder.Add(LayerNormalizingEstimator.IsNormalizedKind, BooleanDataViewType.Instance, (ref bool value) => value = true);
            return builder.ToAnnotations();
        }

        private static bool Copy(ReadOnlySpan<float> values, Span<float> destination)
        {
            values.CopyTo(destination);
            return true;
        }
    }
}
