using static TorchSharp.torch;

namespace MLNetNorm.Tests.Reference;

/// <summary>Small helpers to move test matrices between double arrays and tensors.</summary>
internal static class Matrices
{
    public static double[,] Random(Random random, int rows, int columns, double scale = 1, double offset = 0)
    {
        var m = new double[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                m[i, j] = offset + scale * (random.NextDouble() * 2 - 1);
            }
        }

        return m;
    }

    /// <summary>A tensor of <paramref name="dtype"/> holding <paramref name="m"/>.</summary>
    public static Tensor ToTensor(double[,] m, ScalarType dtype) => tensor(m).to_type(dtype);

    public static Tensor ToTensor(double[] v, ScalarType dtype) => tensor(v).to_type(dtype);

    /// <summary>The tensor's values, reshaped to [rows, last dimension], as doubles.</summary>
    public static double[,] ToMatrix(Tensor t)
    {
        using var flat = t.detach().to_type(ScalarType.Float64).reshape(-1, t.shape[^1]).contiguous();
        var values = flat.data<double>().ToArray();
        var (rows, columns) = ((int)flat.shape[0], (int)flat.shape[1]);
        var m = new double[rows, columns];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(double));
        return m;
    }

    public static double[] ToVector(Tensor t)
    {
        using var flat = t.detach().to_type(ScalarType.Float64).reshape(-1).contiguous();
        return flat.data<double>().ToArray();
    }

    public static double MaxAbsDifference(double[,] a, double[,] b)
    {
        Assert.AreEqual(a.GetLength(0), b.GetLength(0), "rows");
        Assert.AreEqual(a.GetLength(1), b.GetLength(1), "columns");
        double max = 0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
            }
        }

        return max;
    }

    public static double MaxAbsDifference(double[] a, double[] b)
    {
        Assert.HasCount(a.Length, b, "length");
        return a.Zip(b, (p, q) => Math.Abs(p - q)).DefaultIfEmpty(0).Max();
    }
}
