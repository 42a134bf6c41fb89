namespace MLNetNorm.Sweeping.Storage;

/// <summary>What identifies a study in storage; resuming or joining a study with a different definition is refused.</summary>
/// <param name="Name">The study name (one storage file or database can hold several studies).</param>
/// <param name="SearchSpace">The search space's description (<see cref="Space.SearchSpace.Describe"/>).</param>
/// <param name="Metric">The optimized metric's name.</param>
/// <param name="Direction">Whether the metric is minimized or maximized.</param>
public sealed record StudyDefinition(string Name, string SearchSpace, string Metric, OptimizationDirection Direction);
