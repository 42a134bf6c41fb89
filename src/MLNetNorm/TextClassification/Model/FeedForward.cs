using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.TextClassification.Model;

/// <summary>The position-wise feed-forward sublayer: <c>Linear(width → hidden), GELU, Dropout, Linear(hidden → width)</c>.</summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear expand;
    private readonly GELU activation;
    private readonly Dropout dropout;
    private readonly Linear contract;

    /// <summary>Creates the sublayer.</summary>
    public FeedForward(int width, int hidden, double dropoutProbability)
        : base(nameof(FeedForward))
    {
        expand = nn.Linear(width, hidden);
        activation = nn.GELU();
        dropout = nn.Dropout(dropoutProbability);
        contract = nn.Linear(hidden, width);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return contract.call(dropout.call(activation.call(expand.call(input)))).MoveToOuterDisposeScope();
    }
}
