using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting;

/// <summary>
/// Several forecasting networks trained alone from different seeds; the ensemble forecasts their mean. Averaging
/// independently trained forecasters is the simplest combination that reliably helped in the M4 competition (its
/// "Comb" benchmark and most top entries, ES-RNN included, combined several models).
/// </summary>
internal sealed class ForecastingEnsemble : nn.Module<Tensor, Tensor>
{
    // Named as registered.
    private readonly ModuleList<RnnForecastingNetwork> members;

    public ForecastingEnsemble(IEnumerable<RnnForecastingNetwork> networks)
        : base(nameof(ForecastingEnsemble))
    {
        members = nn.ModuleList(networks.ToArray());
        if (members.Count < 2)
        {
            throw new ArgumentException("An ensemble needs at least two members.", nameof(networks));
        }

        RegisterComponents();
    }

    /// <summary>
    /// Combines trained or fresh networks into the model's network: a single one stays itself (so its saved weights
    /// keep the single-network layout), several become an ensemble.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Of(IReadOnlyList<RnnForecastingNetwork> networks) =>
        networks.Count == 1 ? networks[0] : new ForecastingEnsemble(networks);

    /// <summary>Gets the number of member networks.</summary>
    public int Count => members.Count;

    /// <summary>Maps features <c>[batch, window, 3]</c> to the members' mean scaled forecast <c>[batch, horizon]</c>.</summary>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        return stack(members.Select(m => m.call(features)), 0).mean([0]).MoveToOuterDisposeScope();
    }
}
