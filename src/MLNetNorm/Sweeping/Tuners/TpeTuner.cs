using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping.Tuners;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for Hyper-Parameter
/// Optimization", NeurIPS 2011). After a few random trials, the finished trials are split into the best fraction γ
/// ("good") and the rest ("bad"); each parameter gets a density l(x) fitted to the good trials and g(x) fitted to the
/// bad ones (adaptive Parzen Gaussians for ranges, in log space for log ranges; smoothed frequencies for choices and
/// booleans), candidates are drawn from l, and the one maximizing l(x)/g(x) — which maximizes expected improvement —
/// is proposed. Parameters are modelled independently, as in the paper's experiments.
/// </summary>
/// <remarks>Pruned and failed trials count as bad: they are known to be worse than the completed ones. Running trials are ignored.</remarks>
public sealed class TpeTuner : ISweepTuner
{
    /// <summary>Gets or sets the number of random trials before the model is used.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Gets or sets γ, the fraction of finished trials that form the good group (capped at 25 trials).</summary>
    public double Gamma { get; init; } = 0.25;

    /// <summary>Gets or sets the number of candidates drawn from l(x) per proposal.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>Gets or sets the weight of the prior (uniform over a choice's values, a Gaussian spanning a range) relative to one observation.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <inheritdoc/>
    public string Name => "tpe";

    /// <inheritdoc/>
    public ParameterSet? Propose(SearchSpace space, IReadOnlyList<TrialObservation> trials, Random random)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(random);
        if (StartupTrials < 1 || Gamma is <= 0 or >= 1 || Candidates < 1 || PriorWeight <= 0)
        {
            throw new InvalidOperationException($"TPE settings out of range: StartupTrials {StartupTrials} (>= 1), Gamma {Gamma} (in (0, 1)), Candidates {Candidates} (>= 1), PriorWeight {PriorWeight} (> 0).");
        }

        // Completed trials best first, then pruned and failed ones (worse than any completed trial).
        var finished = trials.Where(t => t.State is TrialState.Completed or TrialState.Pruned or TrialState.Failed)
            .OrderBy(t => t.State == TrialState.Completed ? 0 : 1).ThenBy(t => t.Loss ?? double.PositiveInfinity).ToList();
        if (finished.Count < StartupTrials)
        {
            return space.Sample(random);
        }

        var goodCount = Math.Min(25, Math.Max(1, (int)Math.Ceiling(Gamma * finished.Count)));
        var good = finished.Take(goodCount).Select(t => t.Parameters).ToList();
        var bad = finished.Skip(goodCount).Select(t => t.Parameters).ToList();
        var models = space.Select(p => (Parameter: p, Good: Fit(p, good), Bad: Fit(p, bad))).ToList();

        KeyValuePair<string, object>[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var candidate = 0; candidate < Candidates; candidate++)
        {
            var values = new KeyValuePair<string, object>[models.Count];
            var score = 0.0;
            for (var d = 0; d < models.Count; d++)
            {
                var (parameter, l, g) = models[d];
                var (value, coordinate) = l.Sample(random);
                values[d] = new(parameter.Name, value);
                score += l.LogDensity(coordinate) - g.LogDensity(coordinate);
            }

            if (best is null || score > bestScore)
            {
                (best, bestScore) = (values, score);
            }
        }

        return new ParameterSet(best!);
    }

    private IDensity Fit(SweepParameter parameter, IReadOnlyList<ParameterSet> sets) => parameter switch
    {
        RangeParameter range => new RangeDensity(range, new TruncatedGaussianMixture(sets.Select(s => range.ToInternal(s[range.Name])).ToList(), range.InternalMinimum, range.InternalMaximum, PriorWeight)),
        ChoiceParameter choice => new ChoiceDensity(choice.Values, sets.Select(s => s[choice.Name]).ToList(), PriorWeight),
        BooleanParameter boolean => new ChoiceDensity(boolean.GridValues(2), sets.Select(s => s[boolean.Name]).ToList(), PriorWeight),
        _ => throw new NotSupportedException($"TPE does not know parameter type {parameter.GetType().Name} ('{parameter.Name}')."),
    };

    /// <summary>A density over one parameter; samples are returned with the coordinate at which densities are compared.</summary>
    private interface IDensity
    {
        (object Value, double Coordinate) Sample(Random random);

        double LogDensity(double coordinate);
    }

    private sealed class RangeDensity(RangeParameter range, TruncatedGaussianMixture mixture) : IDensity
    {
        public (object Value, double Coordinate) Sample(Random random)
        {
            var coordinate = mixture.Sample(random);
            return (range.FromInternal(coordinate), coordinate);
        }

        public double LogDensity(double coordinate) => mixture.LogDensity(coordinate);
    }

    /// <summary>Frequencies of each value among the observations plus a uniform prior; the coordinate is the value's index.</summary>
    private sealed class ChoiceDensity : IDensity
    {
        private readonly IReadOnlyList<object> _values;
        private readonly double[] _probabilities;

        public ChoiceDensity(IReadOnlyList<object> values, IReadOnlyList<object> observed, double priorWeight)
        {
            _values = values;
            var counts = values.Select(v => priorWeight / values.Count + observed.Count(o => o.Equals(v))).ToArray();
            _probabilities = counts.Select(c => c / counts.Sum()).ToArray();
        }

        public (object Value, double Coordinate) Sample(Random random)
        {
            var index = TruncatedGaussianMixture.Categorical(_probabilities, random);
            return (_values[index], index);
        }

        public double LogDensity(double coordinate) => Math.Log(_probabilities[(int)coordinate]);
    }
}
