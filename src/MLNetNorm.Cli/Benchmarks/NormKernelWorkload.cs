using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Cli.Benchmarks;

/// <summary>
/// The normalization kernels at a transformer-sized activation (default 4096 × 1024 float32): forward + backward of
/// RMSNorm and LayerNorm, forward of LayerNorm, and a tensor copy as the memory-bandwidth floor.
/// </summary>
internal sealed class NormKernelWorkload : IDisposable
{
    private readonly LayerNorm _layerNorm;
    private readonly RmsNorm _rmsNorm;
    private readonly Tensor _x;
    private readonly Tensor _g;

    /// <summary>Creates the inputs with a fixed seed.</summary>
    public NormKernelWorkload(int rows = 4096, int features = 1024)
    {
        manual_seed(1);
        _layerNorm = new LayerNorm(features);
        _rmsNorm = new RmsNorm([features]);
        _x = randn(rows, features).requires_grad_();
        _g = randn(rows, features);
    }

    /// <summary>LayerNorm (libtorch's fused kernel) forward, then the gradients of x, γ and β for the upstream gradient.</summary>
    public void LayerNormForwardBackward() => ForwardBackward(_layerNorm, [_x, _layerNorm.Weight!, _layerNorm.Bias!]);

    /// <summary>RMSNorm (our fused managed kernel) forward, then the gradients of x and γ for the upstream gradient.</summary>
    public void RmsNormForwardBackward() => ForwardBackward(_rmsNorm, [_x, _rmsNorm.Weight!]);

    /// <summary>As <see cref="LayerNormForwardBackward"/>, but accumulating into <c>.grad</c> with <c>backward()</c>, as a training step does.</summary>
    public void LayerNormTrainingBackward() => TrainingBackward(_layerNorm);

    /// <summary>As <see cref="RmsNormForwardBackward"/>, but accumulating into <c>.grad</c> with <c>backward()</c>, as a training step does.</summary>
    public void RmsNormTrainingBackward() => TrainingBackward(_rmsNorm);

    /// <summary>Our LayerNorm module's forward without gradients, as in inference (the module's checks and libtorch's fused kernel).</summary>
    public void LayerNormForward()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        _layerNorm.call(_x);
    }

    /// <summary>libtorch's fused LayerNorm forward without gradients.</summary>
    public void LibTorchLayerNormForward()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        nn.functional.layer_norm(_x, [_x.shape[^1]], _layerNorm.Weight, _layerNorm.Bias, _layerNorm.Epsilon);
    }

    /// <summary>A same-size tensor copy: the memory-bound floor for anything that reads x once and writes a new tensor.</summary>
    public void TensorClone()
    {
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        _x.clone();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _layerNorm.Dispose();
        _rmsNorm.Dispose();
        _x.Dispose();
        _g.Dispose();
    }

    private void ForwardBackward(nn.Module<Tensor, Tensor> norm, Tensor[] inputs)
    {
        using var scope = NewDisposeScope();
        var y = norm.call(_x);
        autograd.grad([y], inputs, [_g]);
    }

    private void TrainingBackward(nn.Module<Tensor, Tensor> norm)
    {
        using var scope = NewDisposeScope();
        norm.zero_grad();
        _x.grad = null;
        norm.call(_x).backward([_g]);
    }
}
