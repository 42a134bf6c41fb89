using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Trials;
using static MLNetNorm.Tests.Sweeping.SearchSpaceTests;

namespace MLNetNorm.Tests.Sweeping;

[TestClass]
public sealed class LeaderboardTests
{
    [TestMethod]
    public void Rows_RankCompletedByMetric_ThenPrunedByProgress_ThenTheRest()
    {
        TrialRecord[] trials =
        [
            Trial(1, TrialState.Failed, null),
            Trial(2, TrialState.Completed, 0.5),
            Trial(3, TrialState.Pruned, null, curve: 1),
            Trial(4, TrialState.Completed, double.NaN),
            Trial(5, TrialState.Queued, null),
            Trial(6, TrialState.Completed, 0.2),
            Trial(7, TrialState.Pruned, null, curve: 3),
            Trial(8, TrialState.Running, null),
        ];

        var minimizing = Leaderboard.Create(trials, "Loss", OptimizationDirection.Minimize);
        CollectionAssert.AreEqual(new[] { 6, 2, 4, 7, 3, 1, 8, 5 }, minimizing.Rows.Select(r => r.Trial.Number).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).ToArray(), minimizing.Rows.Select(r => r.Rank).ToArray());
        Assert.AreEqual(6, minimizing.Best!.Trial.Number);

        var maximizing = Leaderboard.Create(trials, "Loss", OptimizationDirection.Maximize);
        CollectionAssert.AreEqual(new[] { 2, 6, 4 }, maximizing.Rows.Take(3).Select(r => r.Trial.Number).ToArray());
    }

    [TestMethod]
    public void Best_IsNullWithoutAFiniteCompletedTrial()
    {
        Assert.IsNull(Leaderboard.Create([Trial(1, TrialState.Completed, double.NaN), Trial(2, TrialState.Failed, null)], "Loss", OptimizationDirection.Minimize).Best);
    }

    private static TrialRecord Trial(int number, TrialState state, double? loss, int curve = 0) => new()
    {
        Number = number,
        State = state,
        Parameters = Set(("X", number / 10.0)),
        Metrics = loss is { } l ? new Dictionary<string, double> { ["Loss"] = l } : new Dictionary<string, double>(),
        IntermediateValues = Enumerable.Range(1, curve).Select(s => new IntermediateValue(s, 1.0 / s)).ToList(),
    };
}
