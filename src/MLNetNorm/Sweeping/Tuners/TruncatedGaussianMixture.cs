namespace MLNetNorm.Sweeping.Tuners;

/// <summary>
/// The adaptive Parzen estimator of TPE for one numeric dimension (Bergstra et al., 2011, §4.1): a Gaussian at each
/// observation plus a broad prior Gaussian at the middle of the range, each with a bandwidth equal to the larger gap to
/// its neighbours, all truncated to [low, high].
/// </summary>
internal sealed class TruncatedGaussianMixture
{
    private readonly double _low;
    private readonly double _high;
    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double[] _weights;
    private readonly double[] _logMass;

    /// <summary>Builds the estimator.</summary>
    /// <param name="observations">Observed points in [low, high].</param>
    /// <param name="low">The lower end of the range.</param>
    /// <param name="high">The upper end of the range.</param>
    /// <param name="priorWeight">The weight of the prior component relative to one observation.</param>
    public TruncatedGaussianMixture(IReadOnlyList<double> observations, double low, double high, double priorWeight)
    {
        (_low, _high) = (low, high);
        var width = high - low;
        var prior = (low + high) / 2;
        var points = observations.Select(o => (Mean: o, Weight: 1.0, IsPrior: false)).Append((Mean: prior, Weight: priorWeight, IsPrior: true)).OrderBy(p => p.Mean).ToArray();
        _means = points.Select(p => p.Mean).ToArray();
        var total = points.Sum(p => p.Weight);
        _weights = points.Select(p => p.Weight / total).ToArray();

        // Bandwidth: the larger distance to a neighbour (the range ends stand in at the edges), clipped so that no
        // component is narrower than the range over min(100, n + 1) nor wider than the range; the prior spans the range.
        var minimumSigma = width / Math.Min(100, points.Length + 1);
        _sigmas = new double[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var left = _means[i] - (i > 0 ? _means[i - 1] : low);
            var right = (i < points.Length - 1 ? _means[i + 1] : high) - _means[i];
            _sigmas[i] = points[i].IsPrior ? width : Math.Clamp(Math.Max(left, right), minimumSigma, width);
        }

        _logMass = _means.Select((m, i) => Math.Log(Math.Max(NormalCdf((high - m) / _sigmas[i]) - NormalCdf((low - m) / _sigmas[i]), 1e-300))).ToArray();
    }

    /// <summary>Draws a point: a component by weight, then its Gaussian restricted to [low, high] by rejection.</summary>
    public double Sample(Random random)
    {
        var component = Categorical(_weights, random);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = _means[component] + _sigmas[component] * StandardNormal(random);
            if (x >= _low && x <= _high)
            {
                return x;
            }
        }

        return Math.Clamp(_means[component], _low, _high);
    }

    /// <summary>Returns the log density of the truncated mixture at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        var terms = new double[_means.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var z = (x - _means[i]) / _sigmas[i];
            terms[i] = Math.Log(_weights[i]) - 0.5 * z * z - Math.Log(_sigmas[i] * Math.Sqrt(2 * Math.PI)) - _logMass[i];
        }

        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    /// <summary>Draws an index with probability proportional to <paramref name="weights"/>.</summary>
    internal static int Categorical(IReadOnlyList<double> weights, Random random)
    {
        var u = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>Φ(z), through erf.</summary>
    internal static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>The error function (Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7).</summary>
    internal static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var polynomial = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1 - polynomial * Math.Exp(-x * x));
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var (u1, u2) = (1 - random.NextDouble(), random.NextDouble());
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
