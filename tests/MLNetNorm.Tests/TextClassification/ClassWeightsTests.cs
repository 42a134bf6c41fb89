using MLNetNorm.TextClassification;
using MLNetNorm.TextClassification.Training;

namespace MLNetNorm.Tests.TextClassification;

[TestClass]
public sealed class ClassWeightsTests
{
    // 6 examples of class 0, 2 of class 1, none of class 2, 1 of class 3.
    private static readonly int[] Labels = [0, 0, 0, 1, 0, 0, 3, 1, 0];

    [TestMethod]
    public void None_GivesNoWeights()
    {
        Assert.IsNull(ClassWeights.Compute(Labels, 4, TextClassWeighting.None));
    }

    [TestMethod]
    public void InverseFrequency_GivesEveryPresentClassTheSameTotalWeight_AtAMeanExampleWeightOfOne()
    {
        var weights = ClassWeights.Compute(Labels, 4, TextClassWeighting.InverseFrequency)!;

        var totals = Enumerable.Range(0, 4).Select(c => Labels.Count(l => l == c) * weights[c]).ToArray();
        Assert.AreEqual(totals[0], totals[1], 1e-5);
        Assert.AreEqual(totals[0], totals[3], 1e-5);
        Assert.AreEqual(0f, weights[2], "a class without examples");
        Assert.AreEqual(1.0, Labels.Average(l => weights[l]), 1e-5);
    }

    [TestMethod]
    public void InverseSquareRootFrequency_LiesBetweenNoWeightingAndInverseFrequency()
    {
        var full = ClassWeights.Compute(Labels, 4, TextClassWeighting.InverseFrequency)!;
        var root = ClassWeights.Compute(Labels, 4, TextClassWeighting.InverseSquareRootFrequency)!;

        Assert.AreEqual(1.0, Labels.Average(l => root[l]), 1e-5);
        Assert.AreEqual(Math.Sqrt(6.0 / 2.0), root[1] / root[0], 1e-5, "weights proportional to 1/sqrt(count)");
        Assert.IsTrue(root[1] / root[0] > 1 && root[1] / root[0] < full[1] / full[0], "the rare class is weighted up, less than by inverse frequency");
    }
}
