using MLNetNorm.Normalization;

namespace MLNetNorm.Tests.Reference;

/// <summary>
/// Double-precision managed LN-LSTM and LN-GRU layers written from the formulas (Ba et al., 2016), one example and one
/// step at a time, using <see cref="ReferenceNorms"/> for the norms. The TorchSharp layers are tested against these.
/// </summary>
internal static class ReferenceRecurrent
{
    /// <summary>A norm's parameters (γ, and β for LayerNorm).</summary>
    public sealed record Norm(NormKind Kind, double[]? Gamma, double[]? Beta, double Epsilon = 1e-5)
    {
        public double[] Apply(double[] x)
        {
            var row = new double[1, x.Length];
            for (var j = 0; j < x.Length; j++)
            {
                row[0, j] = x[j];
            }

            var y = Kind switch
            {
                NormKind.LayerNorm => ReferenceNorms.LayerNormForward(row, Gamma, Beta, Epsilon),
                NormKind.RmsNorm => ReferenceNorms.RmsNormForward(row, Gamma, Epsilon),
                _ => row,
            };
            return Enumerable.Range(0, x.Length).Select(j => y[0, j]).ToArray();
        }
    }

    /// <summary>Gates (i, f, o, g) = N_x(W_x x) + N_h(W_h h) + b; c = σ(f)c + σ(i)tanh(g); h = σ(o)tanh(N_c(c)). Returns h for every step.</summary>
    public static double[][] Lstm(double[][] inputs, double[,] wx, double[,] wh, double[] bias, Norm nx, Norm nh, Norm nc)
    {
        var hidden = wh.GetLength(1);
        var (h, c) = (new double[hidden], new double[hidden]);
        var outputs = new List<double[]>();
        foreach (var x in inputs)
        {
            var a = Add(Add(nx.Apply(MatVec(wx, x)), nh.Apply(MatVec(wh, h))), bias);
            var next = new double[hidden];
            for (var j = 0; j < hidden; j++)
            {
                c[j] = Sigmoid(a[hidden + j]) * c[j] + Sigmoid(a[j]) * Math.Tanh(a[3 * hidden + j]);
            }

            var normalizedCell = nc.Apply(c);
            for (var j = 0; j < hidden; j++)
            {
                next[j] = Sigmoid(a[2 * hidden + j]) * Math.Tanh(normalizedCell[j]);
            }

            h = next;
            outputs.Add(h);
        }

        return outputs.ToArray();
    }

    /// <summary>a = N_x(W_x x) + b_x, u = N_h(W_h h) + b_h; r, z = σ(a + u); n = tanh(a_n + r u_n); h = (1 − z) n + z h.</summary>
    public static double[][] Gru(double[][] inputs, double[,] wx, double[,] wh, double[] bx, double[] bh, Norm nx, Norm nh)
    {
        var hidden = wh.GetLength(1);
        var h = new double[hidden];
        var outputs = new List<double[]>();
        foreach (var x in inputs)
        {
            var a = Add(nx.Apply(MatVec(wx, x)), bx);
            var u = Add(nh.Apply(MatVec(wh, h)), bh);
            var next = new double[hidden];
            for (var j = 0; j < hidden; j++)
            {
                var r = Sigmoid(a[j] + u[j]);
                var z = Sigmoid(a[hidden + j] + u[hidden + j]);
                var n = Math.Tanh(a[2 * hidden + j] + r * u[2 * hidden + j]);
                next[j] = (1 - z) * n + z * h[j];
            }

            h = next;
            outputs.Add(h);
        }

        return outputs.ToArray();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double[] MatVec(double[,] w, double[] x)
    {
        var y = new double[w.GetLength(0)];
        for (var i = 0; i < y.Length; i++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                y[i] += w[i, j] * x[j];
            }
        }

        return y;
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();
}
