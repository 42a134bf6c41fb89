using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Model;

/// <summary>Multi-head scaled dot-product self-attention in which no token attends to padding.</summary>
/// <remarks>
/// One matrix multiplication projects queries, keys and values of all heads together; libtorch's fused
/// <c>scaled_dot_product_attention</c> computes <c>softmax(QKᵀ/√d_head + mask) V</c> per head.
/// </remarks>
internal sealed class MultiHeadSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear projection;
    private readonly Linear output;
    private readonly int _heads;
    private readonly double _dropout;

    /// <summary>Creates attention over width <paramref name="width"/> split into <paramref name="heads"/> heads.</summary>
    public MultiHeadSelfAttention(int width, int heads, double dropout)
        : base(nameof(MultiHeadSelfAttention))
    {
        if (width % heads != 0)
        {
            throw new ArgumentException($"The model width {width} must be a multiple of the number of heads {heads}.", nameof(heads));
        }

        _heads = heads;
        _dropout = dropout;
        projection = nn.Linear(width, 3L * width);
        output = nn.Linear(width, width);
        RegisterComponents();
    }

    /// <summary>Attends over <paramref name="input"/> (batch, time, width); <paramref name="tokenMask"/> (batch, time) is true at real tokens.</summary>
    public override Tensor forward(Tensor input, Tensor tokenMask)
    {
        using var scope = NewDisposeScope();
        var (batch, time, width) = (input.shape[0], input.shape[1], input.shape[2]);
        var qkv = projection.call(input).view(batch, time, 3, _heads, width / _heads).permute(2, 0, 3, 1, 4);
        var keyMask = tokenMask.view(batch, 1, 1, time);
        var attended = nn.functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], keyMask, training ? _dropout : 0.0);
        return output.call(attended.transpose(1, 2).reshape(batch, time, width)).MoveToOuterDisposeScope();
    }
}
