using MLNetNorm.Sweeping;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class SuccessiveHalvingPrunerTests
{
    [TestMethod]
    public void Rungs_SitAtGeometricSteps()
    {
        var pruner = new SuccessiveHalvingPruner(minimumResource: 1, reductionFactor: 3);
        CollectionAssert.AreEqual(new long[] { 1, 3, 9, 27 }, Enumerable.Range(0, 4).Select(pruner.RungStep).ToArray());
        CollectionAssert.AreEqual(new[] { -1, 0, 0, 1, 1, 2 }, new long[] { 0, 1, 2, 3, 8, 9 }.Select(pruner.RungOf).ToArray());
        Assert.AreEqual(10, new SuccessiveHalvingPruner(minimumResource: 5, reductionFactor: 2).RungStep(1));
    }

    [TestMethod]
    public void NoRung_AtOrBeyondTheMaximumResource()
    {
        var pruner = new SuccessiveHalvingPruner(minimumResource: 1, reductionFactor: 3, maximumResource: 9);
        CollectionAssert.AreEqual(new[] { 0, 1, 1, 1 }, new long[] { 1, 3, 9, 100 }.Select(pruner.RungOf).ToArray());
        Assert.AreEqual(2, new SuccessiveHalvingPruner(maximumResource: 10).RungOf(9));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(minimumResource: 3, maximumResource: 2));
    }

    [TestMethod]
    public void OnlyTheTopOneOverEtaContinue()
    {
        var pruner = new SuccessiveHalvingPruner(reductionFactor: 3);
        double[] values = [5, 1, 4, 2, 6, 3];                      // 6 trials at the rung: the best 2 continue
        Assert.IsTrue(pruner.ShouldContinue(1, values));
        Assert.IsTrue(pruner.ShouldContinue(2, values));
        Assert.IsFalse(pruner.ShouldContinue(3, values));
        Assert.IsFalse(pruner.ShouldContinue(6, values));
        Assert.IsTrue(pruner.ShouldContinue(1, [1, 2, 3, 4]), "4 / 3 rounds down to 1 kept");
        Assert.IsFalse(pruner.ShouldContinue(2, [1, 2, 3, 4]));
    }

    [TestMethod]
    public void TooFewTrialsAtARung_DoNotPrune()
    {
        var pruner = new SuccessiveHalvingPruner(reductionFactor: 3);
        Assert.IsTrue(pruner.ShouldContinue(9, [1, 9]));
        Assert.IsFalse(new SuccessiveHalvingPruner(reductionFactor: 3, minimumTrialsPerRung: 2).ShouldContinue(9, [1, 9]));
    }

    [TestMethod]
    public void Maximizing_KeepsTheLargestValues_AndNaNRanksLast()
    {
        var pruner = new SuccessiveHalvingPruner(reductionFactor: 2, direction: OptimizationDirection.Maximize);
        Assert.IsTrue(pruner.ShouldContinue(0.9, [0.9, 0.8, 0.1, 0.2]));
        Assert.IsFalse(pruner.ShouldContinue(0.2, [0.9, 0.8, 0.1, 0.2]));
        var minimizing = new SuccessiveHalvingPruner(reductionFactor: 2);
        Assert.IsFalse(minimizing.ShouldContinue(double.NaN, [double.NaN, 5, 6, 7]));
        Assert.IsTrue(minimizing.ShouldContinue(6, [double.NaN, 5, 6, 7]));
    }

    [TestMethod]
    public void BadSettings_AreRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(minimumResource: 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(reductionFactor: 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(minimumTrialsPerRung: 0));
    }
}
