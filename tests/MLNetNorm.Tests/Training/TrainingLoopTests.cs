using Microsoft.ML;
using MLNetNorm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Training;

[TestClass]
public sealed class TrainingLoopTests
{
    [TestMethod]
    public void LinearProblem_IsLearned_AndCurvesAreRecorded()
    {
        var (model, history) = Train(new TestOptions { Epochs = 30, LearningRate = 0.05 }, seed: 1);

        Assert.IsFalse(history.Diverged);
        Assert.IsLessThan(history.Epochs[0].ValidationLoss!.Value / 20, history.BestValidationLoss!.Value);
        Assert.AreEqual(3 + 1, history.ParameterCount);
        Assert.IsTrue(history.Epochs.All(e => e.GradientNorm.Max >= e.GradientNorm.Mean && e.GradientNorm.Mean > 0));
        CollectionAssert.AreEquivalent(new[] { "linear" }, history.Epochs[0].LayerGradientNorms.Keys.ToArray());
        model.Dispose();
    }

    [TestMethod]
    public void Float64Model_Trains()
    {
        var (model, history) = Train(new TestOptions { Epochs = 5, LearningRate = 0.05 }, seed: 7, dtype: ScalarType.Float64);
        Assert.IsFalse(history.Diverged);
        Assert.IsLessThan(history.Epochs[0].ValidationLoss!.Value, history.BestValidationLoss!.Value);
        model.Dispose();
    }

    [TestMethod]
    public void NegativeLosses_AreNotMistakenForDivergence()
    {
        var (model, history) = Train(new TestOptions { Epochs = 5, LearningRate = 0.05 }, seed: 8, lossOffset: -10);
        Assert.IsFalse(history.Diverged);
        Assert.HasCount(5, history.Epochs);
        model.Dispose();
    }

    [TestMethod]
    public void SameSeed_GivesIdenticalWeights()
    {
        var (first, _) = Train(new TestOptions { Epochs = 3 }, seed: 5);
        var (second, _) = Train(new TestOptions { Epochs = 3 }, seed: 5);
        foreach (var ((name, a), (_, b)) in first.named_parameters().Zip(second.named_parameters()))
        {
            Assert.IsTrue(a.equal(b).all().item<bool>(), name);
        }
    }

    [TestMethod]
    public void HugeLearningRate_IsFlaggedAsDivergence()
    {
        var (_, history) = Train(new TestOptions { Epochs = 5, LearningRate = 1e6, GradientClipNorm = 0, WeightDecay = 0 }, seed: 2);
        Assert.IsTrue(history.Diverged);
    }

    [TestMethod]
    public void EarlyStopping_EndsTrainingAndRestoresTheBestEpoch()
    {
        // Validation targets follow a different rule from training targets, so validation stops improving quickly.
        var (model, history) = Train(new TestOptions { Epochs = 40, LearningRate = 0.05, EarlyStoppingPatience = 2 }, seed: 3, shiftedValidation: true);
        Assert.IsTrue(history.StoppedEarly);
        Assert.IsLessThan(40, history.Epochs.Count);
        Assert.AreEqual(history.BestValidationLoss, history.Epochs[history.BestEpoch - 1].ValidationLoss);
        model.Dispose();
    }

    [TestMethod]
    public void Cancellation_StopsBetweenSteps()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(new TestOptions { CancellationToken = cancellation.Token }, seed: 4));
    }

    [TestMethod]
    public void Progress_IsReportedPerStepAndPerEpoch()
    {
        var reports = new List<TrainingProgress>();
        Train(new TestOptions { Epochs = 2, Progress = new SynchronousProgress(reports.Add) }, seed: 6);
        Assert.AreEqual(2, reports.Count(r => r.EpochCompleted));
        Assert.AreEqual(2 * 4, reports.Count(r => !r.EpochCompleted));
        Assert.AreEqual(8, reports[^1].TotalSteps);
    }

    [TestMethod]
    public void LayerGroups_CutNamesAtTheFirstIndex()
    {
        using var a = new TorchSharp.Modules.Parameter(zeros(1));
        var groups = TrainingLoop.LayerGroups([("blocks.3.attention.query.weight", a), ("blocks.3.norm.bias", a), ("head.weight", a), ("embedding.weight", a)]);
        CollectionAssert.AreEquivalent(new[] { "blocks.3", "head", "embedding" }, groups.Keys.ToArray());
        Assert.HasCount(2, groups["blocks.3"]);
    }

    private static (nn.Module Model, TrainingHistory History) Train(TestOptions options, int seed, bool shiftedValidation = false,
        ScalarType dtype = ScalarType.Float32, double lossOffset = 0)
    {
        manual_seed(seed);
        var model = new LinearModel();
        model.to(dtype);
        var data = new LinearData(model, seed, shiftedValidation, dtype, lossOffset);
        var host = TrainingHost.FromEnvironment(new MLContext(seed), "test");
        var history = new TrainingLoop(model, options, host).Run(data, new Random(seed));
        return (model, history);
    }

    private sealed class TestOptions : NeuralTrainerOptions;

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    private sealed class LinearModel : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear linear = nn.Linear(3, 1);

        public LinearModel()
            : base(nameof(LinearModel)) => RegisterComponents();

        public override Tensor forward(Tensor input) => linear.call(input);
    }

    /// <summary>y = 2a - b + 0.5c + 1 with a little noise, in 4 batches of 16.</summary>
    private sealed class LinearData : ITrainingData
    {
        private readonly LinearModel _model;
        private readonly Tensor _x;
        private readonly Tensor _y;
        private readonly Tensor _validX;
        private readonly Tensor _validY;
        private readonly double _lossOffset;

        public LinearData(LinearModel model, int seed, bool shiftedValidation, ScalarType dtype, double lossOffset)
        {
            _model = model;
            _lossOffset = lossOffset;
            var generator = new Generator((ulong)seed);
            _x = randn(64, 3, generator: generator).to_type(dtype);
            var weights = tensor(new float[] { 2, -1, 0.5f }).reshape(3, 1).to_type(dtype);
            _y = _x.matmul(weights) + 1 + 0.01 * randn(64, 1, generator: generator).to_type(dtype);
            _validX = randn(32, 3, generator: generator).to_type(dtype);
            _validY = _validX.matmul(shiftedValidation ? -weights : weights) + 1;
        }

        public int BatchesPerEpoch => 4;

        public IEnumerable<Func<Tensor>> Batches(Random random) =>
            Enumerable.Range(0, 4).OrderBy(_ => random.Next()).Select<int, Func<Tensor>>(b => () =>
                nn.functional.mse_loss(_model.call(_x[TensorIndex.Slice(16 * b, 16 * b + 16)]), _y[TensorIndex.Slice(16 * b, 16 * b + 16)]) + _lossOffset);

        public double? ValidationLoss() => nn.functional.mse_loss(_model.call(_validX), _validY).to_type(ScalarType.Float64).item<double>() + _lossOffset;
    }
}
