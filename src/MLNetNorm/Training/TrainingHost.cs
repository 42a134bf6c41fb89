using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MLNetNorm.Training;

/// <summary>
/// What an estimator takes from the <c>MLContext</c> it was created from: the log (<c>MLContext.Log</c>), its
/// cancellation flag, and a seed derived from the context's seed.
/// </summary>
/// <remarks>
/// ML.NET hands catalogs, not the <c>MLContext</c>, to extension methods, and keeps the catalog's environment internal
/// (<c>IInternalCatalog</c>); it is reached here through the publicized reference described in
/// Persistence/ModelPersistence.cs and allow-listed in the tests. Library code never writes to the console.
/// </remarks>
internal sealed class TrainingHost
{
    private readonly IHostEnvironment _environment;
    private readonly string _component;

    private TrainingHost(IHostEnvironment environment, string component)
    {
        _environment = environment;
        _component = component;
    }

    /// <summary>Creates a host for <paramref name="component"/> from an ML.NET catalog (e.g. <c>mlContext.Forecasting</c>).</summary>
    /// <param name="catalog">Any ML.NET catalog or trainer catalog.</param>
    /// <param name="component">The component name shown in log messages.</param>
    public static TrainingHost FromCatalog(object catalog, string component)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var environment = catalog is IInternalCatalog internalCatalog
            ? internalCatalog.Environment
            : throw new ArgumentException($"{catalog.GetType().Name} is not an ML.NET catalog.", nameof(catalog));
        return new TrainingHost(environment, component);
    }

    /// <summary>Creates a host from an ML.NET environment (an <c>MLContext</c> is one).</summary>
    public static TrainingHost FromEnvironment(IHostEnvironment environment, string component) => new(environment, component);

    /// <summary>Sends an informational message to <c>MLContext.Log</c>.</summary>
    public void Info(string message)
    {
        using var channel = _environment.Start(_component);
        channel.Info(MessageSensitivity.None, message);
    }

    /// <summary>Sends a warning to <c>MLContext.Log</c>.</summary>
    public void Warning(string message)
    {
        using var channel = _environment.Start(_component);
        channel.Warning(MessageSensitivity.None, message);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when <paramref name="token"/> or the MLContext's own cancellation asks to stop.</summary>
    public void ThrowIfCancelled(CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        if (_environment is ICancelable { IsCanceled: true })
        {
            throw new OperationCanceledException($"{_component}: the MLContext's execution was cancelled.");
        }
    }

    /// <summary>Returns <paramref name="seed"/>, or a seed drawn from the MLContext's random source (deterministic when the MLContext has a seed).</summary>
    public int ResolveSeed(int? seed) => seed ?? _environment.Register(_component).Rand.Next();
}
