using MLNetNorm.Training;

namespace MLNetNorm.Tests.Training;

[TestClass]
public sealed class LearningRatesTests
{
    [TestMethod]
    public void Warmup_RisesLinearlyToTheBaseRate()
    {
        var rates = Enumerable.Range(0, 4).Select(s => LearningRates.At(s, 100, 1.0, 4, LearningRateSchedule.Constant, 0)).ToArray();
        CollectionAssert.AreEqual(new[] { 0.25, 0.5, 0.75, 1.0 }, rates);
    }

    [TestMethod]
    [DataRow(LearningRateSchedule.Linear)]
    [DataRow(LearningRateSchedule.Cosine)]
    public void Decay_StartsAtTheBaseRateAndEndsAtTheFloor(LearningRateSchedule schedule)
    {
        Assert.AreEqual(2.0, LearningRates.At(10, 110, 2.0, 10, schedule, 0.1), 1e-12);
        Assert.AreEqual(0.2, LearningRates.At(109, 110, 2.0, 10, schedule, 0.1), 1e-12);
    }

    [TestMethod]
    public void Cosine_IsHalfwayAtTheMiddleOfTheDecay()
    {
        // Decay steps run from 0 to 100 (101 steps): step 50 is the middle, where the cosine factor is 0.5.
        Assert.AreEqual(0.5, LearningRates.At(50, 101, 1.0, 0, LearningRateSchedule.Cosine, 0), 1e-12);
        Assert.AreEqual(0.5, LearningRates.At(50, 101, 1.0, 0, LearningRateSchedule.Linear, 0), 1e-12);
    }
}
