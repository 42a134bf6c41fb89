using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Normalization;

[TestClass]
public sealed class ResidualConnectionRegistrationTests
{
    [TestMethod]
    [DataRow(NormKind.LayerNorm, 2)]
    [DataRow(NormKind.RmsNorm, 1)]
    [DataRow(NormKind.None, 0)]
    public void InsideAParentThatRegistersItsComponents_EachParameterIsRegisteredOnce(NormKind kind, int expected)
    {
        using var parent = new Parent(kind);

        var names = parent.named_parameters().Select(p => p.name).ToList();

        CollectionAssert.AreEqual(
            new[] { "residual.norm.weight", "residual.norm.bias" }.Take(expected).ToArray(), names.ToArray(), string.Join(", ", names));
    }

    private sealed class Parent : nn.Module<Tensor, Tensor>
    {
        private readonly ResidualConnection residual;

        public Parent(NormKind kind)
            : base(nameof(Parent))
        {
            residual = new ResidualConnection(kind, NormPlacement.PreNorm, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => residual.forward(input, h => h);
    }
}
