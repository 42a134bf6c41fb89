using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using MLNetNorm.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Forecasting.Recurrent;

[TestClass]
public sealed class NormalizedRecurrentLayerTests
{
    private const int Batch = 3, Steps = 5, Features = 4, Hidden = 6;

    [TestMethod]
    [DataRow(NormKind.LayerNorm, true)]
    [DataRow(NormKind.RmsNorm, true)]
    [DataRow(NormKind.None, true)]
    [DataRow(NormKind.LayerNorm, false)]
    [DataRow(NormKind.RmsNorm, false)]
    [DataRow(NormKind.None, false)]
    public void Lstm_MatchesManagedDoubleReference(NormKind kind, bool fused)
    {
        manual_seed(11);
        using var lstm = new LayerNormLstm(Features, Hidden, layers: 1, kind);
        lstm.to(ScalarType.Float64);
        foreach (var layer in lstm.modules().OfType<LayerNormLstmLayer>())
        {
            layer.UseFusedRecurrence = fused;
        }

        RecurrentTestParameters.Randomize(lstm, seed: 3);
        var p = Parameters(lstm);
        var x = Matrices.Random(new Random(4), Batch * Steps, Features);
        using var input = Matrices.ToTensor(x, ScalarType.Float64).reshape(Batch, Steps, Features);

        var actual = Matrices.ToMatrix(lstm.call(input));

        var expected = new double[Batch * Steps, Hidden];
        for (var b = 0; b < Batch; b++)
        {
            var h = ReferenceRecurrent.Lstm(Rows(x, b), p.Matrix("layers.0.input_weight"), p.Matrix("layers.0.hidden_weight"), p.Vector("layers.0.bias"),
                p.Norm(kind, "layers.0.input_norm"), p.Norm(kind, "layers.0.hidden_norm"), p.Norm(kind, "layers.0.cell_norm"));
            Fill(expected, h, b);
        }

        Assert.IsLessThan(1e-10, Matrices.MaxAbsDifference(expected, actual));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void Gru_MatchesManagedDoubleReference(NormKind kind)
    {
        manual_seed(12);
        using var gru = new LayerNormGru(Features, Hidden, layers: 1, kind);
        gru.to(ScalarType.Float64);
        RecurrentTestParameters.Randomize(gru, seed: 5);
        var p = Parameters(gru);
        var x = Matrices.Random(new Random(6), Batch * Steps, Features);
        using var input = Matrices.ToTensor(x, ScalarType.Float64).reshape(Batch, Steps, Features);

        var actual = Matrices.ToMatrix(gru.call(input));

        var expected = new double[Batch * Steps, Hidden];
        for (var b = 0; b < Batch; b++)
        {
            var h = ReferenceRecurrent.Gru(Rows(x, b), p.Matrix("layers.0.input_weight"), p.Matrix("layers.0.hidden_weight"), p.Vector("layers.0.input_bias"),
                p.Vector("layers.0.hidden_bias"), p.Norm(kind, "layers.0.input_norm"), p.Norm(kind, "layers.0.hidden_norm"));
            Fill(expected, h, b);
        }

        Assert.IsLessThan(1e-10, Matrices.MaxAbsDifference(expected, actual));
    }

    [TestMethod]
    public void LstmWithoutNorm_EqualsTorchLstm_TwoLayers()
    {
        manual_seed(13);
        using var torchLstm = nn.LSTM(Features, Hidden, numLayers: 2, batchFirst: true);
        using var ours = new LayerNormLstm(Features, Hidden, layers: 2, NormKind.None);
        var theirs = torchLstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var mine = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            for (var l = 0; l < 2; l++)
            {
                // PyTorch orders the gates i, f, g, o; ours i, f, o, g. Our single bias is PyTorch's two biases summed.
                mine[$"layers.{l}.input_weight"].copy_(ReorderIfgo(theirs[$"weight_ih_l{l}"]));
                mine[$"layers.{l}.hidden_weight"].copy_(ReorderIfgo(theirs[$"weight_hh_l{l}"]));
                mine[$"layers.{l}.bias"].copy_(ReorderIfgo(theirs[$"bias_ih_l{l}"] + theirs[$"bias_hh_l{l}"]));
            }
        }

        using var input = randn(Batch, Steps, Features);
        var (expected, _, _) = torchLstm.call(input);
        var actual = ours.call(input);

        Assert.IsTrue(expected.allclose(actual, rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    public void GruWithoutNorm_EqualsTorchGru()
    {
        manual_seed(14);
        using var torchGru = nn.GRU(Features, Hidden, numLayers: 1, batchFirst: true);
        using var ours = new LayerNormGru(Features, Hidden, layers: 1, NormKind.None);
        var theirs = torchGru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var mine = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            mine["layers.0.input_weight"].copy_(theirs["weight_ih_l0"]);
            mine["layers.0.hidden_weight"].copy_(theirs["weight_hh_l0"]);
            mine["layers.0.input_bias"].copy_(theirs["bias_ih_l0"]);
            mine["layers.0.hidden_bias"].copy_(theirs["bias_hh_l0"]);
        }

        using var input = randn(Batch, Steps, Features);
        var (expected, _) = torchGru.call(input);

        Assert.IsTrue(expected.allclose(ours.call(input), rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    public void LnLstm_Backward_GivesFiniteGradientsForEveryParameter_AndShapes()
    {
        manual_seed(15);
        using var lstm = new LayerNormLstm(Features, Hidden, layers: 2, NormKind.LayerNorm, dropout: 0.2);
        using var input = randn(Batch, Steps, Features);
        var output = lstm.call(input);
        CollectionAssert.AreEqual(new long[] { Batch, Steps, Hidden }, output.shape);
        output.square().sum().backward();
        foreach (var (name, parameter) in lstm.named_parameters())
        {
            Assert.IsNotNull(parameter.grad, name);
            Assert.IsTrue(parameter.grad.isfinite().all().item<bool>() && parameter.grad.abs().sum().item<float>() > 0, name);
        }
    }

    [TestMethod]
    public void WrongInputShape_FailsWithTheExpectedShape()
    {
        using var lstm = new LayerNormLstm(Features, Hidden);
        using var input = randn(Batch, Steps, Features + 1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => lstm.call(input));
        StringAssert.Contains(error.Message, $"[batch, time, {Features}]");
    }

    private static Tensor ReorderIfgo(Tensor t)
    {
        var chunks = t.chunk(4, 0);
        return cat([chunks[0], chunks[1], chunks[3], chunks[2]], 0);
    }

    private static double[][] Rows(double[,] x, int b) =>
        Enumerable.Range(0, Steps).Select(t => Enumerable.Range(0, Features).Select(j => x[b * Steps + t, j]).ToArray()).ToArray();

    private static void Fill(double[,] expected, double[][] h, int b)
    {
        for (var t = 0; t < Steps; t++)
        {
            for (var j = 0; j < Hidden; j++)
            {
                expected[b * Steps + t, j] = h[t][j];
            }
        }
    }

    private static NamedParameters Parameters(nn.Module module) => new(module.named_parameters().ToDictionary(p => p.name, p => p.parameter));

    private sealed class NamedParameters(Dictionary<string, TorchSharp.Modules.Parameter> parameters)
    {
        public double[,] Matrix(string name) => Matrices.ToMatrix(parameters[name]);

        public double[] Vector(string name) => Matrices.ToVector(parameters[name]);

        public ReferenceRecurrent.Norm Norm(NormKind kind, string prefix) => new(kind,
            parameters.ContainsKey(prefix + ".weight") ? Vector(prefix + ".weight") : null,
            parameters.ContainsKey(prefix + ".bias") ? Vector(prefix + ".bias") : null);
    }
}
