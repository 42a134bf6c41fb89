using MLNetNorm.Normalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Normalization;

[TestClass]
public sealed class ResidualConnectionTests
{
    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void PreNorm_AddsSublayerOfNormalizedInput(NormKind kind)
    {
        manual_seed(1);
        using var residual = new ResidualConnection(kind, NormPlacement.PreNorm, 12);
        using var norm = Normalizations.Create(kind, 12);
        using var x = randn(3, 5, 12);
        Tensor Sublayer(Tensor h) => h * 2 + 1;

        using var actual = residual.forward(x, Sublayer);
        using var expected = x + Sublayer(norm.call(x));
        Assert.IsTrue(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void PostNorm_NormalizesTheSum(NormKind kind)
    {
        manual_seed(2);
        using var residual = new ResidualConnection(kind, NormPlacement.PostNorm, 12);
        using var norm = Normalizations.Create(kind, 12);
        using var x = randn(3, 5, 12);
        Tensor Sublayer(Tensor h) => h.tanh();

        using var actual = residual.forward(x, Sublayer);
        using var expected = norm.call(x + Sublayer(x));
        Assert.IsTrue(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TestMethod]
    public void NoNorm_IsAPlainResidual_ForBothPlacements()
    {
        using var x = randn(2, 7);
        foreach (var placement in new[] { NormPlacement.PreNorm, NormPlacement.PostNorm })
        {
            using var residual = new ResidualConnection(NormKind.None, placement, 7);
            using var actual = residual.forward(x, h => h * 3);
            Assert.IsTrue(actual.allclose(x * 4), placement.ToString());
            Assert.AreEqual(0, residual.parameters().Count());
        }
    }

    [TestMethod]
    public void FinalNorm_ExistsOnlyForPreNorm()
    {
        using var pre = Normalizations.CreateFinal(NormKind.LayerNorm, NormPlacement.PreNorm, 8);
        using var post = Normalizations.CreateFinal(NormKind.LayerNorm, NormPlacement.PostNorm, 8);
        Assert.IsInstanceOfType<LayerNorm>(pre);
        Assert.AreEqual(0, post.parameters().Count());
    }

    [TestMethod]
    public void NormParameters_AreRegisteredForTheOptimizer()
    {
        using var residual = new ResidualConnection(NormKind.LayerNorm, NormPlacement.PreNorm, 6, dropout: 0.1);
        CollectionAssert.AreEquivalent(new[] { "norm.weight", "norm.bias" }, residual.named_parameters().Select(p => p.name).ToArray());
    }

    [TestMethod]
    public void TensorsTheSublayerKeeps_SurviveTheCall()
    {
        using var residual = new ResidualConnection(NormKind.LayerNorm, NormPlacement.PreNorm, 4);
        using var x = randn(2, 4);
        Tensor? kept = null;
        using var y = residual.forward(x, h =>
        {
            kept = h.tanh();
            return h * 2;
        });
        Assert.IsFalse(kept!.IsInvalid, "a tensor stored by the sublayer was disposed");
        Assert.IsTrue(kept.isfinite().all().item<bool>());
        kept.Dispose();
    }

    [TestMethod]
    public void Dropout_OutsideUnitInterval_IsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ResidualConnection(NormKind.LayerNorm, NormPlacement.PreNorm, 6, dropout: 1.0));
    }
}
