namespace MLNetNorm.Tests.Reference;

/// <summary>Checks the reference's analytic gradients against central finite differences, so that it can judge the library.</summary>
[TestClass]
public sealed class ReferenceNormsTests
{
    private const double Eps = 1e-5;
    private const double Step = 1e-6;

    [TestMethod]
    public void LayerNormBackward_MatchesFiniteDifferences()
    {
        var (x, gamma, beta, g) = Problem(seed: 3);
        var (dx, dGamma, dBeta) = ReferenceNorms.LayerNormBackward(x, gamma, Eps, g);
        double Loss(double[,] xx, double[] gg, double[] bb) => Dot(ReferenceNorms.LayerNormForward(xx, gg, bb, Eps), g);

        AssertGradient(dx, x, xx => Loss(xx, gamma, beta));
        AssertGradient(dGamma, gamma, gg => Loss(x, gg, beta));
        AssertGradient(dBeta, beta, bb => Loss(x, gamma, bb));
    }

    [TestMethod]
    public void RmsNormBackward_MatchesFiniteDifferences()
    {
        var (x, gamma, _, g) = Problem(seed: 4);
        var (dx, dGamma) = ReferenceNorms.RmsNormBackward(x, gamma, Eps, g);
        double Loss(double[,] xx, double[] gg) => Dot(ReferenceNorms.RmsNormForward(xx, gg, Eps), g);

        AssertGradient(dx, x, xx => Loss(xx, gamma));
        AssertGradient(dGamma, gamma, gg => Loss(x, gg));
    }

    private static (double[,] X, double[] Gamma, double[] Beta, double[,] G) Problem(int seed)
    {
        var random = new Random(seed);
        var x = Matrices.Random(random, 3, 7, scale: 2, offset: 0.5);
        var g = Matrices.Random(random, 3, 7);
        var gamma = Enumerable.Range(0, 7).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var beta = Enumerable.Range(0, 7).Select(_ => random.NextDouble() - 0.5).ToArray();
        return (x, gamma, beta, g);
    }

    private static double Dot(double[,] a, double[,] b)
    {
        double sum = 0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                sum += a[i, j] * b[i, j];
            }
        }

        return sum;
    }

    private static void AssertGradient(double[,] analytic, double[,] at, Func<double[,], double> loss)
    {
        for (var i = 0; i < at.GetLength(0); i++)
        {
            for (var j = 0; j < at.GetLength(1); j++)
            {
                var plus = (double[,])at.Clone();
                var minus = (double[,])at.Clone();
                plus[i, j] += Step;
                minus[i, j] -= Step;
                var numeric = (loss(plus) - loss(minus)) / (2 * Step);
                Assert.AreEqual(numeric, analytic[i, j], 1e-6, $"d/dx[{i},{j}]");
            }
        }
    }

    private static void AssertGradient(double[] analytic, double[] at, Func<double[], double> loss)
    {
        for (var j = 0; j < at.Length; j++)
        {
            var plus = (double[])at.Clone();
            var minus = (double[])at.Clone();
            plus[j] += Step;
            minus[j] -= Step;
            var numeric = (loss(plus) - loss(minus)) / (2 * Step);
            Assert.AreEqual(numeric, analytic[j], 1e-6, $"d/dparam[{j}]");
        }
    }
}
