using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Storage;
using MLNetNorm.Sweeping.Trials;
using static MLNetNorm.Tests.Sweeping.SearchSpaceTests;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class SqliteStudyStorageTests
{
    private static readonly StudyDefinition Definition = new("study", "X: float [0.0, 1.0]", "Loss", OptimizationDirection.Minimize);
    private static readonly WorkerIdentity Me = WorkerIdentity.Current("me");

    [TestMethod]
    public void FinishedTrials_RoundTripEverything_AcrossConnections()
    {
        using var file = new StudyFile();
        var training = new TrainingSummary(3, 2, 30, double.NaN, 0.9, 0.7, 1.0, 20, true, false, 1234, TimeSpan.FromSeconds(7),
            new GradientNormSummary(1, 2, 3, 2), new Dictionary<string, GradientNormSummary> { ["head"] = new(0.5, 1, 0.25, 2) });
        using (var storage = new SqliteStudyStorage(file.Path))
        {
            Assert.AreEqual(0, storage.OpenStudy(Definition));
            var trial = Claim(storage, Set(("X", 0.25)))!;
            Assert.AreEqual(1, trial.Number);
            Assert.AreEqual(TrialState.Running, trial.State);
            Assert.AreEqual(1, trial.Attempts);
            storage.AddIntermediateValue("study", 1, 1, 0.5);
            storage.AddIntermediateValue("study", 1, 2, double.NaN);
            var result = new TrialResult { Metrics = new Dictionary<string, double> { ["Loss"] = 0.125, ["Accuracy"] = double.NaN }, Training = training, InferenceLatency = TimeSpan.FromMilliseconds(1.5), ModelPath = "/tmp/m.zip" };
            Assert.IsTrue(storage.Finish("study", 1, Me, TrialState.Completed, result, TimeSpan.FromSeconds(2), null));
        }

        using (var reopened = new SqliteStudyStorage(file.Path))
        {
            Assert.AreEqual(1, reopened.OpenStudy(Definition));
            var trial = reopened.GetTrials("study").Single();
            Assert.AreEqual(TrialState.Completed, trial.State);
            Assert.AreEqual(Set(("X", 0.25)), trial.Parameters);
            Assert.AreEqual(0.125, trial.MetricValue("Loss"));
            Assert.IsTrue(double.IsNaN(trial.MetricValue("Accuracy")!.Value));
            Assert.AreEqual(TimeSpan.FromMilliseconds(1.5), trial.InferenceLatency);
            Assert.AreEqual("/tmp/m.zip", trial.ModelPath);
            Assert.AreEqual(TimeSpan.FromSeconds(2), trial.WallTime);
            Assert.AreEqual("me", trial.Worker!.Name);
            Assert.HasCount(2, trial.IntermediateValues);
            Assert.AreEqual(new IntermediateValue(1, 0.5), trial.IntermediateValues[0]);
            Assert.IsTrue(double.IsNaN(trial.IntermediateValues[1].Value));
            var back = trial.Training!;
            Assert.AreEqual(training with { LayerGradientNorms = back.LayerGradientNorms, FinalTrainingLoss = back.FinalTrainingLoss }, back);
            Assert.IsTrue(double.IsNaN(back.FinalTrainingLoss!.Value));
            Assert.AreEqual(training.LayerGradientNorms["head"], back.LayerGradientNorms["head"]);
        }
    }

    [TestMethod]
    public void OpenStudy_RefusesADifferentDefinition()
    {
        using var file = new StudyFile();
        using var storage = new SqliteStudyStorage(file.Path);
        storage.OpenStudy(Definition);
        var message = Assert.ThrowsExactly<InvalidOperationException>(() => storage.OpenStudy(Definition with { Direction = OptimizationDirection.Maximize })).Message;
        Assert.Contains("'study'", message);
        Assert.Contains("different definition", message);
        Assert.AreEqual(0, storage.OpenStudy(Definition with { Name = "other", Metric = "Accuracy" }), "another study in the same file is fine");
    }

    [TestMethod]
    public void ClaimNext_RequeuesTrialsOfDeadWorkers_AndTakesQueuedTrialsFirst()
    {
        using var file = new StudyFile();
        using var storage = new SqliteStudyStorage(file.Path);
        storage.OpenStudy(Definition);
        // A worker on this machine whose process id cannot exist.
        var dead = new WorkerIdentity(Environment.MachineName, int.MaxValue, 0, "dead");
        Assert.IsTrue(dead.IsKnownDead());
        Assert.IsFalse(Me.IsKnownDead());
        Assert.IsFalse((dead with { Host = "elsewhere" }).IsKnownDead(), "workers on other machines are judged by their lease");

        storage.ClaimNext("study", dead, _ => false, _ => Set(("X", 0.1)), maxTrials: null);
        storage.AddIntermediateValue("study", 1, 1, 9);
        storage.RecordRungValue("study", 1, 0, 9);
        var proposals = 0;
        var claimed = storage.ClaimNext("study", Me, t => t.Worker!.IsKnownDead(), _ => { proposals++; return Set(("X", 0.2)); }, maxTrials: null)!;

        Assert.AreEqual(1, claimed.Number, "the dead worker's trial is re-queued and claimed before anything new is proposed");
        Assert.AreEqual(2, claimed.Attempts);
        Assert.AreEqual(0, proposals);
        Assert.IsEmpty(claimed.IntermediateValues, "the interrupted attempt's curve is discarded");
        CollectionAssert.AreEqual(new[] { 5.0 }, storage.RecordRungValue("study", 1, 0, 5).ToArray());
        Assert.IsFalse(storage.Finish("study", 1, dead, TrialState.Completed, null, TimeSpan.Zero, null), "the dead worker no longer owns the trial");
        Assert.IsTrue(storage.Finish("study", 1, Me, TrialState.Completed, null, TimeSpan.Zero, null));
    }

    [TestMethod]
    public void ClaimNext_StopsAtTheTrialLimit_OrWhenTheTunerIsDone()
    {
        using var file = new StudyFile();
        using var storage = new SqliteStudyStorage(file.Path);
        storage.OpenStudy(Definition);
        Assert.IsNotNull(Claim(storage, Set(("X", 0.1)), maxTrials: 2));
        Assert.IsNotNull(Claim(storage, Set(("X", 0.2)), maxTrials: 2));
        Assert.IsNull(Claim(storage, Set(("X", 0.3)), maxTrials: 2));
        Assert.IsNull(Claim(storage, null, maxTrials: 10));
        CollectionAssert.AreEqual(new[] { 1, 2 }, storage.GetTrials("study").Select(t => t.Number).ToArray());
    }

    [TestMethod]
    public void Requeue_OnlyAppliesToTheOwner()
    {
        using var file = new StudyFile();
        using var storage = new SqliteStudyStorage(file.Path);
        storage.OpenStudy(Definition);
        Claim(storage, Set(("X", 0.1)));
        storage.Requeue("study", 1, WorkerIdentity.Current("someone else"));
        Assert.AreEqual(TrialState.Running, storage.GetTrials("study")[0].State);
        storage.Requeue("study", 1, Me);
        Assert.AreEqual(TrialState.Queued, storage.GetTrials("study")[0].State);
    }

    [TestMethod]
    public void NotADatabase_FailsNamingTheFile()
    {
        using var file = new StudyFile();
        File.WriteAllText(file.Path, "this is not a SQLite database, just some text that is long enough to have a header.......");
        var message = Assert.ThrowsExactly<InvalidOperationException>(() => new SqliteStudyStorage(file.Path)).Message;
        Assert.Contains(file.Path, message);
    }

    private static TrialRecord? Claim(IStudyStorage storage, ParameterSet? proposal, int? maxTrials = null) =>
        storage.ClaimNext("study", Me, _ => false, _ => proposal, maxTrials);
}
