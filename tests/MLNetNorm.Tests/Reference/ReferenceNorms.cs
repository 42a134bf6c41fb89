namespace MLNetNorm.Tests.Reference;

/// <summary>
/// Double-precision managed LayerNorm and RMSNorm over the last dimension of a [rows, n] matrix, forward and backward,
/// written from the formulas alone. The library's kernels are tested against these; these are tested against finite
/// differences (<see cref="ReferenceNormsTests"/>).
/// </summary>
internal static class ReferenceNorms
{
    public static double[,] LayerNormForward(double[,] x, double[]? gamma, double[]? beta, double eps)
    {
        var (rows, n) = (x.GetLength(0), x.GetLength(1));
        var y = new double[rows, n];
        for (var r = 0; r < rows; r++)
        {
            var (mean, inverseStd) = LayerNormStatistics(x, r, eps);
            for (var j = 0; j < n; j++)
            {
                y[r, j] = (x[r, j] - mean) * inverseStd * (gamma?[j] ?? 1) + (beta?[j] ?? 0);
            }
        }

        return y;
    }

    /// <summary>Gradients of <c>sum(g ⊙ LayerNorm(x))</c> with respect to x, γ and β.</summary>
    public static (double[,] Dx, double[] DGamma, double[] DBeta) LayerNormBackward(double[,] x, double[]? gamma, double eps, double[,] g)
    {
        var (rows, n) = (x.GetLength(0), x.GetLength(1));
        var dx = new double[rows, n];
        var dGamma = new double[n];
        var dBeta = new double[n];
        for (var r = 0; r < rows; r++)
        {
            var (mean, inverseStd) = LayerNormStatistics(x, r, eps);
            var xHat = new double[n];
            var gXHat = new double[n];
            double meanG = 0, meanGXHat = 0;
            for (var j = 0; j < n; j++)
            {
                xHat[j] = (x[r, j] - mean) * inverseStd;
                gXHat[j] = g[r, j] * (gamma?[j] ?? 1);
                meanG += gXHat[j] / n;
                meanGXHat += gXHat[j] * xHat[j] / n;
                dGamma[j] += g[r, j] * xHat[j];
                dBeta[j] += g[r, j];
            }

            // dx = (1/σ) (ĝ - mean(ĝ) - x̂ · mean(ĝ ⊙ x̂)), with ĝ = g ⊙ γ.
            for (var j = 0; j < n; j++)
            {
                dx[r, j] = inverseStd * (gXHat[j] - meanG - xHat[j] * meanGXHat);
            }
        }

        return (dx, dGamma, dBeta);
    }

    public static double[,] RmsNormForward(double[,] x, double[]? gamma, double eps)
    {
        var (rows, n) = (x.GetLength(0), x.GetLength(1));
        var y = new double[rows, n];
        for (var r = 0; r < rows; r++)
        {
            var inverseRms = RmsStatistic(x, r, eps);
            for (var j = 0; j < n; j++)
            {
                y[r, j] = x[r, j] * inverseRms * (gamma?[j] ?? 1);
            }
        }

        return y;
    }

    /// <summary>Gradients of <c>sum(g ⊙ RmsNorm(x))</c> with respect to x and γ.</summary>
    public static (double[,] Dx, double[] DGamma) RmsNormBackward(double[,] x, double[]? gamma, double eps, double[,] g)
    {
        var (rows, n) = (x.GetLength(0), x.GetLength(1));
        var dx = new double[rows, n];
        var dGamma = new double[n];
        for (var r = 0; r < rows; r++)
        {
            var inverseRms = RmsStatistic(x, r, eps);
            double meanXG = 0;
            for (var j = 0; j < n; j++)
            {
                var gy = g[r, j] * (gamma?[j] ?? 1);
                meanXG += x[r, j] * gy / n;
                dGamma[j] += g[r, j] * x[r, j] * inverseRms;
            }

            // dx = r · ĝ - x · r³ · mean(x ⊙ ĝ), with r = 1/rms and ĝ = g ⊙ γ.
            for (var j = 0; j < n; j++)
            {
                var gy = g[r, j] * (gamma?[j] ?? 1);
                dx[r, j] = inverseRms * gy - x[r, j] * inverseRms * inverseRms * inverseRms * meanXG;
            }
        }

        return (dx, dGamma);
    }

    private static (double Mean, double InverseStd) LayerNormStatistics(double[,] x, int r, double eps)
    {
        var n = x.GetLength(1);
        double mean = 0;
        for (var j = 0; j < n; j++)
        {
            mean += x[r, j];
        }

        mean /= n;
        double variance = 0;
        for (var j = 0; j < n; j++)
        {
            variance += (x[r, j] - mean) * (x[r, j] - mean);
        }

        variance /= n;
        return (mean, 1 / Math.Sqrt(variance + eps));
    }

    private static double RmsStatistic(double[,] x, int r, double eps)
    {
        var n = x.GetLength(1);
        double meanSquare = 0;
        for (var j = 0; j < n; j++)
        {
            meanSquare += x[r, j] * x[r, j];
        }

        return 1 / Math.Sqrt(meanSquare / n + eps);
    }
}
