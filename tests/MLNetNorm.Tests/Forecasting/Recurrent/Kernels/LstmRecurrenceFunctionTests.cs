using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Forecasting.Recurrent.Kernels;

/// <summary>
/// The fused LN-LSTM recurrence (<c>LstmRecurrenceFunction</c>) against the step-by-step composite of libtorch operations
/// (separate code), against that composite in float64, and against finite differences of the fused path in float64.
/// </summary>
[TestClass]
public sealed class LstmRecurrenceFunctionTests
{
    private const int Features = 3;

    public static IEnumerable<object[]> KindsAndSizes =>
        from kind in new[] { NormKind.LayerNorm, NormKind.RmsNorm, NormKind.None }
        from size in new (int Batch, int Steps, int Hidden)[] { (3, 5, 6), (5, 7, 16), (2, 1, 9), (6, 9, 64), (1, 4, 13) }
        select new object[] { kind, size.Batch, size.Steps, size.Hidden };

    [TestMethod]
    [DynamicData(nameof(KindsAndSizes))]
    public void Float32_MatchesCompositePath_OutputsAndEveryGradient(NormKind kind, int batch, int steps, int hidden)
    {
        var (lstm, input, weights, fused) = RunFusedFloat32(kind, batch, steps, hidden, seed: 21);
        using (lstm)
        {
            var composite = Run(lstm, input, weights, fused: false);

            AssertClose(composite, fused, tolerance: 2e-5);
        }
    }

    [TestMethod]
    [DynamicData(nameof(KindsAndSizes))]
    public void Float32_MatchesFloat64Composite_OutputsAndEveryGradient(NormKind kind, int batch, int steps, int hidden)
    {
        var (lstm, input, weights, fused) = RunFusedFloat32(kind, batch, steps, hidden, seed: 31);
        using (lstm)
        {
            lstm.to(ScalarType.Float64);
            var reference = Run(lstm, input.to_type(ScalarType.Float64), weights.to_type(ScalarType.Float64), fused: false);

            AssertClose(reference, fused, tolerance: 2e-5);
        }
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    [DataRow(NormKind.None)]
    public void Float64_GradientsMatchFiniteDifferences(NormKind kind)
    {
        const int batch = 2, steps = 3, hidden = 3;
        using var lstm = CreateLstm(kind, hidden, ScalarType.Float64, seed: 41);
        using var input = Input(batch, steps, ScalarType.Float64, seed: 42);
        using var weights = Input(batch, steps, hidden, ScalarType.Float64, seed: 43);
        var analytic = Run(lstm, input, weights, fused: true);

        double Loss()
        {
            using var noGrad = no_grad();
            using var output = lstm.call(input);
            return (output * weights).sum().item<double>();
        }

        const double h = 1e-6;
        var checkedValues = 0;
        var variables = lstm.named_parameters().Select(p => (p.name, Value: (Tensor)p.parameter, Gradient: analytic.Gradients[p.name]))
            .Append(("input", input, analytic.InputGradient));
        foreach (var (name, value, gradient) in variables)
        {
            using var flat = value.detach().view(-1);
            using var expected = gradient.reshape(-1);
            for (var i = 0; i < flat.numel(); i++)
            {
                var original = flat[i].item<double>();
                flat[i] = original + h;
                var plus = Loss();
                flat[i] = original - h;
                var minus = Loss();
                flat[i] = original;
                var numeric = (plus - minus) / (2 * h);
                Assert.AreEqual(numeric, expected[i].item<double>(), 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{name}[{i}]");
                checkedValues++;
            }
        }

        Assert.IsGreaterThan(100, checkedValues);
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    [DataRow(NormKind.None)]
    public void WithoutGradient_MatchesCompositePath(NormKind kind)
    {
        // Without a gradient the fused forward keeps only two steps of state; eleven steps cycle through them.
        using var lstm = CreateLstm(kind, hidden: 16, ScalarType.Float32, seed: 51);
        using var input = Input(4, 11, ScalarType.Float32, seed: 52);
        using var noGrad = no_grad();
        using var fused = Call(lstm, input, fused: true);
        using var composite = Call(lstm, input, fused: false);

        using var difference = (fused - composite).abs().max();
        Assert.IsLessThan(2e-5, difference.item<float>());
    }

    [TestMethod]
    public void StackedLayers_SameSeed_GiveBitIdenticalOutputsAndGradients()
    {
        (Tensor Output, Tensor[] Gradients) Train()
        {
            manual_seed(61);
            using var lstm = new LayerNormLstm(Features, 16, layers: 2, NormKind.LayerNorm, dropout: 0.25);
            using var input = Input(8, 12, ScalarType.Float32, seed: 62);
            var output = lstm.call(input);
            output.square().sum().backward();
            return (output.detach().clone(), lstm.parameters().Select(p => p.grad!.clone()).ToArray());
        }

        var (firstOutput, firstGradients) = Train();
        var (secondOutput, secondGradients) = Train();

        Assert.IsTrue(firstOutput.equal(secondOutput).all().item<bool>());
        Assert.HasCount(firstGradients.Length, secondGradients);
        for (var i = 0; i < firstGradients.Length; i++)
        {
            Assert.IsTrue(firstGradients[i].equal(secondGradients[i]).all().item<bool>(), $"gradient {i}");
        }
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(float.PositiveInfinity)]
    public void NonFiniteInput_StaysInItsOwnBatchRow_WithoutCrashing(float bad)
    {
        using var lstm = CreateLstm(NormKind.LayerNorm, hidden: 16, ScalarType.Float32, seed: 71);
        using var input = Input(3, 6, ScalarType.Float32, seed: 72);
        using var corrupted = input.clone();
        corrupted[1, 2, 0] = bad;

        var output = lstm.call(corrupted.requires_grad_(true));
        output.sum().backward();
        using var clean = lstm.call(input);

        // Rows are independent: row 1 turns non-finite from step 2 on; rows 0 and 2 are untouched.
        Assert.IsFalse(output[1, 2..].isfinite().all().item<bool>());
        Assert.IsTrue(output[1, ..2].equal(clean[1, ..2]).all().item<bool>());
        Assert.IsTrue(output[0].equal(clean[0]).all().item<bool>());
        Assert.IsTrue(output[2].equal(clean[2]).all().item<bool>());
        Assert.IsTrue(corrupted.grad![0].isfinite().all().item<bool>());
    }

    /// <summary>A float32 layer with random parameters, an input and loss weights, and the fused path's results on them.</summary>
    private static (LayerNormLstm Lstm, Tensor Input, Tensor Weights, Result Fused) RunFusedFloat32(NormKind kind, int batch, int steps, int hidden, int seed)
    {
        var lstm = CreateLstm(kind, hidden, ScalarType.Float32, seed);
        var input = Input(batch, steps, ScalarType.Float32, seed + 1);
        var weights = Input(batch, steps, hidden, ScalarType.Float32, seed + 2);
        return (lstm, input, weights, Run(lstm, input, weights, fused: true));
    }

    private static LayerNormLstm CreateLstm(NormKind kind, int hidden, ScalarType dtype, int seed)
    {
        var lstm = new LayerNormLstm(Features, hidden, layers: 1, kind);
        lstm.to(dtype);
        RecurrentTestParameters.Randomize(lstm, seed);
        return lstm;
    }

    private static Tensor Input(int batch, int steps, ScalarType dtype, int seed) => Input(batch, steps, Features, dtype, seed);

    private static Tensor Input(int batch, int steps, int features, ScalarType dtype, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, batch * steps * features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        return tensor(values, [batch, steps, features]).to_type(dtype);
    }

    private static Tensor Call(LayerNormLstm lstm, Tensor input, bool fused)
    {
        UseFused(lstm, fused);
        return lstm.call(input);
    }

    private static void UseFused(LayerNormLstm lstm, bool fused)
    {
        foreach (var layer in lstm.modules().OfType<LayerNormLstmLayer>())
        {
            layer.UseFusedRecurrence = fused;
        }
    }

    /// <summary>Runs forward and backward of <c>Σ output ⊙ weights</c> through one implementation of the recurrence.</summary>
    private static Result Run(LayerNormLstm lstm, Tensor input, Tensor weights, bool fused)
    {
        UseFused(lstm, fused);
        lstm.zero_grad();
        using var scope = NewDisposeScope();
        var x = input.detach().clone().requires_grad_(true);
        var output = lstm.call(x);
        (output * weights).sum().backward();
        var gradients = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone().MoveToOuterDisposeScope());
        return new Result(output.detach().clone().MoveToOuterDisposeScope(), gradients, x.grad!.clone().MoveToOuterDisposeScope());
    }

    /// <summary>Every tensor of <paramref name="actual"/> within <paramref name="tolerance"/> of the expected one, relative to the expected one's largest magnitude (at least 1).</summary>
    private static void AssertClose(Result expected, Result actual, double tolerance)
    {
        void Check(string name, Tensor e, Tensor a)
        {
            using var e64 = e.to_type(ScalarType.Float64);
            using var a64 = a.to_type(ScalarType.Float64);
            var scale = Math.Max(1, e64.abs().max().item<double>());
            var difference = (e64 - a64).abs().max().item<double>();
            Assert.IsLessThan(tolerance * scale, difference, $"{name}: max |difference| {difference:E2} at scale {scale:G3}");
        }

        Check("output", expected.Output, actual.Output);
        Check("input gradient", expected.InputGradient, actual.InputGradient);
        Assert.HasCount(expected.Gradients.Count, actual.Gradients);
        foreach (var (name, gradient) in expected.Gradients)
        {
            Check(name, gradient, actual.Gradients[name]);
        }
    }

    private sealed record Result(Tensor Output, Dictionary<string, Tensor> Gradients, Tensor InputGradient);
}
