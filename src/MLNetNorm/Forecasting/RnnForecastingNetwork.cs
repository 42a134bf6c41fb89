using MLNetNorm.Forecasting.Recurrent;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Forecasting;

/// <summary>
/// The forecasting network: a normalized recurrent stack reads the features of the window's last <c>RecurrentLength</c>
/// steps (by default the whole window); a linear output layer maps its
/// last hidden state, together with the window's last <c>SkipLength</c> scaled values (by default the last season: a
/// direct path for the seasonal pattern, so the recurrent part learns the corrections), to all <c>horizon</c> scaled forecasts at once (direct multi-output,
/// no recursion).
/// </summary>
internal sealed class RnnForecastingNetwork : nn.Module<Tensor, Tensor>
{
    private readonly int _window;
    private readonly int _skip;
    private readonly int _recurrent;

    // Named as registered.
    private readonly RecurrentStack rnn;
    private readonly Linear head;

    public RnnForecastingNetwork(ForecastingSettings settings)
        : base(nameof(RnnForecastingNetwork))
    {
        _window = settings.WindowSize;
        _skip = settings.SkipLength;
        _recurrent = settings.RecurrentLength;
        rnn = settings.Cell == RecurrentCell.Lstm
            ? new LayerNormLstm(ForecastWindows.FeaturesPerStep, settings.HiddenSize, settings.Layers, settings.NormKind, settings.Dropout)
            : new LayerNormGru(ForecastWindows.FeaturesPerStep, settings.HiddenSize, settings.Layers, settings.NormKind, settings.Dropout);
        head = nn.Linear(settings.HiddenSize + _skip, settings.Horizon);
        RegisterComponents();
    }

    /// <summary>Maps features <c>[batch, window, 3]</c> to scaled forecasts <c>[batch, horizon]</c>.</summary>
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var last = rnn.call(_recurrent == _window ? features : features.narrow(1, _window - _recurrent, _recurrent).contiguous()).select(1, -1);
        var recent = features.narrow(1, _window - _skip, _skip).select(2, 0);
        return head.call(cat([last, recent], 1)).MoveToOuterDisposeScope();
    }
}
