using System.CommandLine;
using MLNetNorm.Sweeping;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Tuners;

namespace MLNetNorm.Cli.Commands.Sweeping;

/// <summary>The options every <c>sweep</c> subcommand shares, and how they become <see cref="SweepOptions"/>.</summary>
internal sealed class SweepCommandOptions
{
    private readonly Option<double?> _budget = new("--budget") { Description = "Time budget of this run in seconds; the running trial is re-queued when it ends (no limit by default)." };
    private readonly Option<int?> _maxTrials = new("--max-trials") { Description = "Most trials the study may hold, across resumes and workers (no limit by default; a grid stops by itself)." };
    private readonly Option<string> _tuner = new Option<string>("--tuner") { Description = "How trials are proposed.", DefaultValueFactory = _ => "tpe" }.AcceptOnlyFromAmong("grid", "random", "tpe");
    private readonly Option<int> _gridSteps = new("--grid-steps") { Description = "Points per numeric range for --tuner grid.", DefaultValueFactory = _ => 3 };
    private readonly Option<string> _storage = new("--storage") { Description = "SQLite study file; several processes may share it.", DefaultValueFactory = _ => "study.db" };
    private readonly Option<string?> _study = new("--study") { Description = "Study name inside the storage file (default: the subcommand's name)." };
    private readonly Option<bool> _resume = new("--resume") { Description = "Continue (or join) a study that already holds trials." };
    /// <summary>Gets the <c>--seed</c> option (objectives also seed their data splits with it).</summary>
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the tuner and of the trials.", DefaultValueFactory = _ => 1 };
    private readonly Option<bool> _noPruning = new("--no-pruning") { Description = "Run every trial to the end instead of stopping poor ones by successive halving." };
    private readonly Option<int> _eta = new("--eta") { Description = "Successive halving: only the top 1/eta of the trials at a rung continue.", DefaultValueFactory = _ => 3 };
    private readonly Option<string?> _models = new("--models") { Description = "Folder where trials save their models (<study>-trial-<n>.zip); none by default." };
    private readonly Option<string?> _chart = new("--plot", "--chart") { Description = "PNG file for the leaderboard chart (the optimization history goes next to it, as <name>-history.png)." };
    private readonly Option<int> _top = new("--top") { Description = "Rows of the leaderboard to print.", DefaultValueFactory = _ => 15 };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _budget, _maxTrials, _tuner, _gridSteps, _storage, _study, _resume, Seed, _noPruning, _eta, _models, _chart, _top })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Gets the chart path, or null.</summary>
    public string? ChartPath(ParseResult parse) => parse.GetValue(_chart);

    /// <summary>Gets the number of leaderboard rows to print.</summary>
    public int Top(ParseResult parse) => parse.GetValue(_top);

    /// <summary>Builds the sweep options from the command line and the objective's search space and metric.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="defaultStudy">The study name when <c>--study</c> is not given.</param>
    /// <param name="space">The objective's search space.</param>
    /// <param name="metric">The metric to optimize.</param>
    /// <param name="direction">Its direction.</param>
    /// <param name="maximumResource">The step at which trials end (e.g. epochs), so that pruning places no rung there; null when unknown.</param>
    public SweepOptions Create(ParseResult parse, string defaultStudy, SearchSpace space, string metric, OptimizationDirection direction, long? maximumResource = null) => new()
    {
        SearchSpace = space,
        Metric = metric,
        Direction = direction,
        Tuner = parse.GetValue(_tuner) switch
        {
            "grid" => new GridTuner(parse.GetValue(_gridSteps)),
            "random" => new RandomTuner(),
            _ => new TpeTuner(),
        },
        MaxTrials = parse.GetValue(_maxTrials),
        TimeBudget = parse.GetValue(_budget) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Pruner = parse.GetValue(_noPruning) ? null : new SuccessiveHalvingPruner(reductionFactor: parse.GetValue(_eta), maximumResource: maximumResource),
        StoragePath = parse.GetValue(_storage)!,
        StudyName = parse.GetValue(_study) ?? defaultStudy,
        Resume = parse.GetValue(_resume),
        Seed = parse.GetValue(Seed),
        ModelDirectory = parse.GetValue(_models),
    };
}
