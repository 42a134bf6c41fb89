using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetNorm.Normalization;
using MLNetNorm.Tests.Reference;
using MLNetNorm.Tests.TestData;
using MLNetNorm.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Transforms;

[TestClass]
public sealed class LayerNormalizingTransformerTests
{
    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void Transform_GivesTheSameNumbersAsTheTorchModule(NormKind kind)
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(50, 37, seed: 1);
        var random = new Random(2);
        var scale = Enumerable.Range(0, 37).Select(_ => 0.5f + (float)random.NextDouble()).ToArray();
        var offset = kind == NormKind.LayerNorm ? Enumerable.Range(0, 37).Select(_ => (float)random.NextDouble() - 0.5f).ToArray() : null;

        var model = mlContext.Transforms.NormalizeLayer("Normalized", "Features", kind, scale: scale, offset: offset).Fit(VectorData.Load(mlContext, rows));
        var actual = VectorData.ReadVectors(model.Transform(VectorData.Load(mlContext, rows)), "Normalized");

        using var module = Normalizations.Create(kind, 37);
        using (no_grad())
        {
            ((dynamic)module).Weight.copy_(tensor(scale));
            if (offset is not null)
            {
                ((LayerNorm)module).Bias!.copy_(tensor(offset));
            }
        }

        using var input = tensor(rows.SelectMany(r => r).ToArray(), [50, 37]);
        using var expected = module.call(input);
        var expectedRows = Matrices.ToMatrix(expected);
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < 37; j++)
            {
                Assert.AreEqual(expectedRows[i, j], actual[i][j], 2e-5, $"row {i}, feature {j}");
            }
        }
    }

    [TestMethod]
    public void Transform_MatchesDoubleReference()
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(20, 512, seed: 3);
        var model = mlContext.Transforms.NormalizeLayer("Features").Fit(VectorData.Load(mlContext, rows));
        var actual = VectorData.ReadVectors(model.Transform(VectorData.Load(mlContext, rows)), "Features");

        var x = new double[20, 512];
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 512; j++)
            {
                x[i, j] = rows[i][j];
            }
        }

        var expected = ReferenceNorms.LayerNormForward(x, null, null, 1e-5);
        for (var i = 0; i < 20; i++)
        {
            for (var j = 0; j < 512; j++)
            {
                Assert.AreEqual(expected[i, j], actual[i][j], 1e-4);
            }
        }
    }

    [TestMethod]
    public void MissingColumn_IsNamedInTheError()
    {
        var mlContext = new MLContext(1);
        var data = VectorData.Load(mlContext, VectorData.RandomRows(3, 4, 1));
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "Nope").Fit(data));
        StringAssert.Contains(error.Message, "'Nope'");
        StringAssert.Contains(error.Message, "not found");
    }

    [TestMethod]
    public void ScalarColumn_IsRejectedWithItsType()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new { X = 1f } });
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "X").Fit(data));
        StringAssert.Contains(error.Message, "'X'");
        StringAssert.Contains(error.Message, "vector of Single");
    }

    [TestMethod]
    public void DoubleVectorColumn_IsRejected()
    {
        var mlContext = new MLContext(1);
        var schema = SchemaDefinition.Create(typeof(DoubleRow));
        schema[nameof(DoubleRow.X)].ColumnType = new VectorDataViewType(NumberDataViewType.Double, 2);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new DoubleRow { X = [1, 2] } }, schema);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "X").Fit(data));
        StringAssert.Contains(error.Message, "Double");
    }

    [TestMethod]
    public void VariableSizeVector_IsRejectedAsVariableSize()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new VariableRow { X = [1, 2] }, new VariableRow { X = [1, 2, 3] } });
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "X").Fit(data));
        StringAssert.Contains(error.Message, "variable-size");
    }

    [TestMethod]
    public void GetOutputSchema_OnSchemaShape_ChecksTheColumn()
    {
        var mlContext = new MLContext(1);
        var data = VectorData.Load(mlContext, VectorData.RandomRows(3, 4, 1));
        // SchemaShape.Create is internal to ML.NET; pipelines (and AutoML) reach GetOutputSchema with shapes built this way.
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(DataViewSchema)])!;
        var shape = (SchemaShape)create.Invoke(null, [data.Schema])!;
        var output = mlContext.Transforms.NormalizeLayer("Out", "Features").GetOutputSchema(shape);
        var column = output.Single(c => c.Name == "Out");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.AreEqual(NumberDataViewType.Single, column.ItemType);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "Label").GetOutputSchema(shape));
    }

    [TestMethod]
    public void RowWithNaN_FailsNamingColumnAndRow()
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(5, 8, 1);
        rows[3][2] = float.NaN;
        var data = VectorData.Load(mlContext, rows);
        var model = mlContext.Transforms.NormalizeLayer("Out", "Features").Fit(data);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => VectorData.ReadVectors(model.Transform(data), "Out"));
        StringAssert.Contains(error.Message, "'Features'");
        StringAssert.Contains(error.Message, "row 3");
    }

    [TestMethod]
    public void ConstantRow_NormalizesToOffset()
    {
        var mlContext = new MLContext(1);
        var rows = new[] { Enumerable.Repeat(7f, 6).ToArray() };
        var offset = new[] { 1f, 2, 3, 4, 5, 6 };
        var model = mlContext.Transforms.NormalizeLayer("Out", "Features", offset: offset).Fit(VectorData.Load(mlContext, rows));
        CollectionAssert.AreEqual(offset, VectorData.ReadVectors(model.Transform(VectorData.Load(mlContext, rows)), "Out")[0]);
    }

    [TestMethod]
    public void UndefinedKind_IsRejectedWhenTheEstimatorIsCreated()
    {
        var mlContext = new MLContext(1);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mlContext.Transforms.NormalizeLayer("Out", "Features", (NormKind)42));
    }

    [TestMethod]
    public void ScaleOrOffsetWithoutANormThatUsesThem_IsRejected()
    {
        var mlContext = new MLContext(1);
        var none = Assert.ThrowsExactly<ArgumentException>(() => mlContext.Transforms.NormalizeLayer("Out", "Features", NormKind.None, scale: [1f, 2f]));
        StringAssert.Contains(none.Message, "None");
        var rms = Assert.ThrowsExactly<ArgumentException>(() => mlContext.Transforms.NormalizeLayer("Out", "Features", NormKind.RmsNorm, offset: [1f, 2f]));
        StringAssert.Contains(rms.Message, "offset");
    }

    [TestMethod]
    public void SlotNames_CarryOverAndTheColumnIsMarkedNormalized()
    {
        var mlContext = new MLContext(1);
        var data = mlContext.Data.LoadFromEnumerable(new[] { new NamedRow { A = 1, B = 2, C = 4 }, new NamedRow { A = 3, B = 1, C = 0 } });
        var model = mlContext.Transforms.Concatenate("Features", "A", "B", "C").Append(mlContext.Transforms.NormalizeLayer("Normalized", "Features")).Fit(data);
        var column = model.GetOutputSchema(data.Schema)["Normalized"];

        var names = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue("SlotNames", ref names);
        CollectionAssert.AreEqual(new[] { "A", "B", "C" }, names.DenseValues().Select(n => n.ToString()).ToArray());
        var normalized = false;
        column.Annotations.GetValue("IsNormalized", ref normalized);
        Assert.IsTrue(normalized);
    }

    [TestMethod]
    public void ScaleOfWrongLength_IsRejectedAtFit()
    {
        var mlContext = new MLContext(1);
        var data = VectorData.Load(mlContext, VectorData.RandomRows(3, 4, 1));
        var error = Assert.ThrowsExactly<ArgumentException>(() => mlContext.Transforms.NormalizeLayer("Out", "Features", scale: [1f, 2f]).Fit(data));
        StringAssert.Contains(error.Message, "4 features");
    }

    [TestMethod]
    public void Pipeline_BeforeAnMLNetTrainer_TrainsAndPredicts()
    {
        var mlContext = new MLContext(1);
        var rows = VectorData.RandomRows(400, 10, 5);
        var labels = rows.Select(r => r[0] > r[1]).ToArray();
        var data = VectorData.Load(mlContext, rows, labels);
        var model = mlContext.Transforms.NormalizeLayer("Features")
            .Append(mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 50))
            .Fit(data);
        var metrics = mlContext.BinaryClassification.Evaluate(model.Transform(data));
        // The label depends only on the order of two features, which LayerNorm preserves (it is monotone per row).
        Assert.IsGreaterThan(0.9, metrics.Accuracy);

        var engine = mlContext.Model.CreatePredictionEngine<VectorData.Row, Prediction>(model, inputSchemaDefinition: SchemaOf(10));
        var prediction = engine.Predict(new VectorData.Row { Features = rows[0] });
        Assert.AreEqual(labels[0], prediction.PredictedLabel);
    }

    private static SchemaDefinition SchemaOf(int size)
    {
        var schema = SchemaDefinition.Create(typeof(VectorData.Row));
        schema[nameof(VectorData.Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return schema;
    }

    private sealed class Prediction
    {
        public bool PredictedLabel { get; set; }
    }

    private sealed class NamedRow
    {
        public float A { get; set; }

        public float B { get; set; }

        public float C { get; set; }
    }

    private sealed class DoubleRow
    {
        public double[] X { get; set; } = [];
    }

    private sealed class VariableRow
    {
        public float[] X { get; set; } = [];
    }
}
