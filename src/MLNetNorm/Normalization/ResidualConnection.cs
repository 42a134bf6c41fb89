using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNetNorm.Normalization;

/// <summary>
/// A residual connection around a sublayer with its normalization placed before (Pre-LN) or after (Post-LN) it:
/// the one switch that decides placement for every model in the library.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><see cref="NormPlacement.PreNorm"/>: <c>x + Dropout(Sublayer(Norm(x)))</c>.</description></item>
/// <item><description><see cref="NormPlacement.PostNorm"/>: <c>Norm(x + Dropout(Sublayer(x)))</c>.</description></item>
/// </list>
/// The sublayer is passed to <see cref="forward"/> as a function so that sublayers with extra inputs (an attention
/// mask, a recurrent state) need no wrapper module: <c>residual.forward(x, h =&gt; attention.call(h, mask))</c>.
/// </remarks>
public sealed class ResidualConnection : nn.Module
{
    // Named as registered: a parent's RegisterComponents() also registers this module's fields by their names, so a
    // differently named field would register the norm a second time (its parameters then appear twice in
    // named_parameters and the optimizer).
    private readonly nn.Module<Tensor, Tensor> norm;
    private readonly Dropout dropout;

    /// <summary>Creates a residual connection.</summary>
    /// <param name="kind">The normalization kind.</param>
    /// <param name="placement">Where the norm goes relative to the residual addition.</param>
    /// <param name="features">The width of the residual stream (the last dimension).</param>
    /// <param name="dropout">Dropout probability applied to the sublayer output before the addition.</param>
    /// <param name="epsilon">ε for the norm.</param>
    public ResidualConnection(NormKind kind, NormPlacement placement, long features, double dropout = 0.0, double epsilon = Normalizations.DefaultEpsilon)
        : base(nameof(ResidualConnection))
    {
        if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        }

        Kind = kind;
        Placement = placement;
        norm = Normalizations.Create(kind, features, epsilon);
        this.dropout = nn.Dropout(dropout);
        register_module(nameof(norm), norm);
        register_module(nameof(this.dropout), this.dropout);
    }

    /// <summary>Gets the normalization kind.</summary>
    public NormKind Kind { get; }

    /// <summary>Gets the placement.</summary>
    public NormPlacement Placement { get; }

    /// <summary>Applies the sublayer with its residual connection and normalization.</summary>
    /// <param name="input">The residual stream, with the model width as its last dimension.</param>
    /// <param name="sublayer">The sublayer (attention, feed-forward, ...); it must keep the shape.</param>
    /// <returns>The updated residual stream.</returns>
    /// <remarks>
    /// No dispose scope of its own: tensors the sublayer keeps (a recurrent state, attention weights) must survive the
    /// call, so intermediates belong to the caller's scope (a training step or inference batch runs inside one).
    /// </remarks>
    public Tensor forward(Tensor input, Func<Tensor, Tensor> sublayer)
    {
        ArgumentNullException.ThrowIfNull(sublayer);
        return Placement == NormPlacement.PreNorm
            ? input + dropout.call(sublayer(norm.call(input)))
            : norm.call(input + dropout.call(sublayer(input)));
    }
}
