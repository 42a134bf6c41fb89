using MLNetNorm.Sweeping.Tuners;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class TruncatedGaussianMixtureTests
{
    [TestMethod]
    [DataRow(0.0, 0.0)]
    [DataRow(0.5, 0.5204998778130465)]
    [DataRow(1.0, 0.8427007929497149)]
    [DataRow(-2.0, -0.9953222650189527)]
    public void Erf_MatchesTabulatedValues(double x, double expected) =>
        Assert.AreEqual(expected, TruncatedGaussianMixture.Erf(x), 2e-7);

    [TestMethod]
    public void Density_IntegratesToOneOverTheRange_AndSamplesStayInside()
    {
        var mixture = new TruncatedGaussianMixture([0.1, 0.15, 0.9], low: 0, high: 1, priorWeight: 1);
        const int cells = 20000;
        var integral = Enumerable.Range(0, cells).Sum(i => Math.Exp(mixture.LogDensity((i + 0.5) / cells)) / cells);
        Assert.AreEqual(1.0, integral, 1e-4);

        var random = new Random(5);
        var samples = Enumerable.Range(0, 4000).Select(_ => mixture.Sample(random)).ToList();
        Assert.IsTrue(samples.All(s => s is >= 0 and <= 1));
        // Samples follow the density: the fraction in [0, 0.3] matches its integral.
        var mass = Enumerable.Range(0, cells).Where(i => (i + 0.5) / cells <= 0.3).Sum(i => Math.Exp(mixture.LogDensity((i + 0.5) / cells)) / cells);
        Assert.AreEqual(mass, samples.Count(s => s <= 0.3) / (double)samples.Count, 0.03);
    }
}
