using MLNetNorm.Forecasting.Recurrent.Kernels;

namespace MLNetNorm.Tests.Forecasting.Recurrent.Kernels;

[TestClass]
public sealed class SmallMatrixProductTests
{
    [TestMethod]
    [DataRow(64, 64, 256, false)]
    [DataRow(64, 256, 64, false)]
    [DataRow(7, 5, 83, false)]
    [DataRow(3, 9, 16, false)]
    [DataRow(1, 1, 1, false)]
    [DataRow(52, 30, 13, true)]
    [DataRow(256, 40, 64, true)]
    public unsafe void Multiply_MatchesDoubleSumOfProducts(int m, int k, int n, bool transposedA)
    {
        if (!SmallMatrixProduct.IsSupported)
        {
            Assert.Inconclusive("512-bit vectors are not accelerated on this machine; the recurrence uses libtorch's products instead.");
        }

        var random = new Random(m * 1000 + k * 10 + n);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (a, b) = (Values(m * k), Values(k * n));

        // A stored as [m, k], or as its transpose [k, m] read through the strides.
        var (rowStride, columnStride) = transposedA ? (1L, (long)m) : (k, 1L);
        var c = new float[m * n + 1];
        c[^1] = 12345f;
        fixed (float* pa = a, pb = b, pc = c)
        {
            SmallMatrixProduct.Multiply(pa, rowStride, columnStride, pb, n, pc, n, m, k, n);
        }

        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var expected = 0.0;
                for (var p = 0; p < k; p++)
                {
                    expected += (double)a[i * rowStride + p * columnStride] * b[p * n + j];
                }

                Assert.AreEqual(expected, c[i * n + j], 1e-5 * Math.Max(1, k), $"C[{i}, {j}]");
            }
        }

        Assert.AreEqual(12345f, c[^1], "wrote past the end of C");
    }
}
