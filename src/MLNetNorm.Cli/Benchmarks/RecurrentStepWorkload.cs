using MLNetNorm.Forecasting.Recurrent;
using MLNetNorm.Normalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// One training step (forward, MSE loss on the last hidden state, backward, AdamW update) of a recurrent layer at
/// batch 64, sequence 48, hidden 64: our LN-LSTM against TorchSharp's fused <c>nn.LSTM</c> of the same size.
/// </summary>
internal sealed class RecurrentStepWorkload : IDisposable
{
    private readonly LayerNormLstm _layerNormLstm;
    private readonly LayerNormLstm _plainLstm;
    private readonly LSTM _torchLstm;
    private readonly Tensor _input;
    private readonly Tensor _target;
    private readonly optim.Optimizer _layerNormOptimizer;
    private readonly optim.Optimizer _plainOptimizer;
    private readonly optim.Optimizer _torchOptimizer;

    /// <summary>Creates the networks and a fixed batch.</summary>
    public RecurrentStepWorkload(int batch = 64, int steps = 48, int hidden = 64, int features = 8)
    {
        manual_seed(1);
        _layerNormLstm = new LayerNormLstm(features, hidden, kind: NormKind.LayerNorm);
        _plainLstm = new LayerNormLstm(features, hidden, kind: NormKind.None);
        _torchLstm = nn.LSTM(features, hidden, batchFirst: true);
        _input = randn(batch, steps, features);
        _target = randn(batch, hidden);
        _layerNormOptimizer = optim.AdamW(_layerNormLstm.parameters());
        _plainOptimizer = optim.AdamW(_plainLstm.parameters());
        _torchOptimizer = optim.AdamW(_torchLstm.parameters());
    }

    /// <summary>A training step of the LN-LSTM (LayerNorm inside the recurrence).</summary>
    public void LayerNormLstmStep() => Step(_layerNormOptimizer, () => _layerNormLstm.call(_input));

    /// <summary>A training step of the same layer without normalization (the cost of our step loop alone).</summary>
    public void PlainLstmStep() => Step(_plainOptimizer, () => _plainLstm.call(_input));

    /// <summary>A training step of TorchSharp's fused <c>nn.LSTM</c>.</summary>
    public void TorchLstmStep() => Step(_torchOptimizer, () => _torchLstm.call(_input).Item1);

    /// <inheritdoc/>
    public void Dispose()
    {
        _layerNormLstm.Dispose();
        _plainLstm.Dispose();
        _torchLstm.Dispose();
        _input.Dispose();
        _target.Dispose();
    }

    private void Step(optim.Optimizer optimizer, Func<Tensor> forward)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var output = forward();
        var loss = nn.functional.mse_loss(output[.., -1], _target);
        loss.backward();
        optimizer.step();
    }
}
