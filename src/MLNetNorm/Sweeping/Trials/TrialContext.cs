using MLNetNorm.Training;

namespace MLNetNorm.Sweeping.Trials;

/// <summary>
/// What the sweeper gives an objective for one trial: the trial number, a seed, a cancellation token (fired when the
/// trial is pruned, the time budget ends or the sweep is cancelled), <see cref="Report"/> for intermediate values that
/// successive halving judges, and where to save the model.
/// </summary>
public sealed class TrialContext
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Func<long, double, bool> _judge;
    private long _lastStep = long.MinValue;

    /// <summary>Creates a context; the sweeper makes one per trial, tests may make their own.</summary>
    /// <param name="trialNumber">The trial's number in its study, from 1.</param>
    /// <param name="seed">The trial's seed.</param>
    /// <param name="cancellation">The trial's cancellation source; <see cref="Report"/> cancels it when the trial is pruned.</param>
    /// <param name="judge">Records an intermediate value (step, value) and returns whether the trial may continue.</param>
    /// <param name="modelPath">Where the objective should save its model, or null when models are not kept.</param>
    public TrialContext(int trialNumber, int seed, CancellationTokenSource cancellation, Func<long, double, bool> judge, string? modelPath)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentNullException.ThrowIfNull(judge);
        (TrialNumber, Seed, _cancellation, _judge, ModelPath) = (trialNumber, seed, cancellation, judge, modelPath);
    }

    /// <summary>Gets the trial's number in its study, from 1.</summary>
    public int TrialNumber { get; }

    /// <summary>Gets the trial's seed, derived from the sweep's seed and the trial number (the same on every worker and on resume).</summary>
    public int Seed { get; }

    /// <summary>Gets a token that fires when the trial is pruned, the sweep's time budget ends, or the sweep is cancelled.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Gets a value indicating whether successive halving stopped this trial.</summary>
    public bool IsPruned { get; private set; }

    /// <summary>Gets the path where the objective should save the trial's model zip, or null when the sweep keeps no models.</summary>
    public string? ModelPath { get; }

    /// <summary>
    /// Reports an intermediate value of the learning curve (e.g. the validation loss after epoch <paramref name="step"/>).
    /// Returns false, and fires <see cref="CancellationToken"/>, when the trial is pruned; the objective should then stop.
    /// </summary>
    /// <param name="step">The resource spent so far (epochs, or steps); must increase from report to report.</param>
    /// <param name="value">The intermediate value, in the pruner's direction (lower is better by default). Non-finite values rank last.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step does not increase.</exception>
    public bool Report(long step, double value)
    {
        if (step <= _lastStep)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Trial {TrialNumber}: reported steps must increase; the last was {_lastStep}.");
        }

        _lastStep = step;
        if (IsPruned)
        {
            return false;
        }

        if (!_judge(step, value))
        {
            IsPruned = true;
            _cancellation.Cancel();
        }

        return !IsPruned;
    }

    /// <summary>
    /// Wires the trial into training options: sets <see cref="NeuralTrainerOptions.Seed"/> when unset, the trial's
    /// cancellation token, and a progress receiver that reports each completed epoch's validation loss (the training
    /// loss without validation) at step = epoch, forwarding every report to the progress receiver set before.
    /// </summary>
    /// <param name="options">The model family's options.</param>
    public void ConfigureTraining(NeuralTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Seed ??= Seed;
        options.CancellationToken = CancellationToken;
        options.Progress = new EpochReporter(this, options.Progress);
    }

    private sealed class EpochReporter(TrialContext context, IProgress<TrainingProgress>? forward) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            forward?.Report(value);
            if (value.EpochCompleted)
            {
                context.Report(value.Epoch, value.ValidationLoss ?? value.TrainingLoss);
            }
        }
    }
}
