using MLNetNorm.Normalization;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary>
/// A cheap stand-in for training, to try the sweeper: a simulated validation-loss curve whose shape follows what the
/// normalization literature reports. Pre-LN converges faster and tolerates larger learning rates; Post-LN without
/// enough warmup diverges at large learning rates (Xiong et al., 2020) but ends slightly lower when it trains; no
/// normalization is slower and less stable; RMSNorm matches LayerNorm. Nothing is trained, and the figures are simulated.
/// </summary>
internal sealed class SyntheticObjective(int epochs, TimeSpan epochDelay) : ITrialObjective
{
    /// <summary>The metric the objective returns.</summary>
    public const string Metric = "ValidationLoss";

    /// <summary>The validation loss whose first crossing measures convergence speed.</summary>
    private const double Target = 0.6;

    private const int StepsPerEpoch = 100;

    /// <summary>The search space: norm kind, placement, learning rate, warmup and depth.</summary>
    public static SearchSpace Space() => new SearchSpace()
        .AddChoice<NormKind>("NormKind")
        .AddChoice<NormPlacement>("Placement")
        .AddFloat("LearningRate", 1e-4, 3e-2, logScale: true)
        .AddInteger("WarmupSteps", 0, 2000)
        .AddInteger("Layers", 2, 12);

    /// <inheritdoc/>
    public TrialResult Run(ParameterSet parameters, TrialContext context)
    {
        var kind = parameters.GetEnum<NormKind>("NormKind");
        var postNorm = parameters.GetEnum<NormPlacement>("Placement") == NormPlacement.PostNorm;
        var rate = Math.Log10(parameters.GetDouble("LearningRate"));
        var warmup = parameters.GetInt32("WarmupSteps");
        var layers = parameters.GetInt32("Layers");
        var noise = new Random(context.Seed).NextDouble() * 0.01;

        var unstable = (postNorm && kind != NormKind.None && warmup < 400 && rate > -2.7) || (kind == NormKind.None && rate > -2.3);
        var bestRate = kind == NormKind.None ? -3.3 : postNorm ? -3.0 : -2.5;
        var final = 0.3 + 0.25 * Math.Pow(rate - bestRate, 2) + (kind == NormKind.None ? 0.15 : 0) + (postNorm ? -0.02 : 0) + 0.6 / layers + noise;
        var speed = (postNorm ? 0.35 : 0.55) * (kind == NormKind.None ? 0.6 : 1);

        long? stepsToTarget = null;
        var loss = double.NaN;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            context.CancellationToken.WaitHandle.WaitOne(epochDelay);
            context.CancellationToken.ThrowIfCancellationRequested();
            if (unstable && epoch == 2)
            {
                throw new InvalidOperationException($"Training diverged at epoch {epoch}: the loss became non-finite (simulated).");
            }

            loss = final + (2.0 - final) * Math.Exp(-speed * epoch);
            stepsToTarget ??= loss <= Target ? epoch * StepsPerEpoch : null;
            if (!context.Report(epoch, loss))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }
        }

        var training = new TrainingSummary(epochs, epochs, (long)epochs * StepsPerEpoch, loss, loss, loss, Target, stepsToTarget, Diverged: false, StoppedEarly: false,
            ParameterCount: layers * 12L * 64 * 64, TrainingTime: epochDelay * epochs, GradientNorm: null, LayerGradientNorms: new Dictionary<string, GradientNormSummary>());
        return new TrialResult { Metrics = new Dictionary<string, double> { [Metric] = loss }, Training = training };
    }
}
