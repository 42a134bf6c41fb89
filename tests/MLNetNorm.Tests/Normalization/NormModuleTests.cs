using MLNetNorm.Normalization;
using MLNetNorm.Normalization.Kernels;
using MLNetNorm.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace MLNetNorm.Tests.Normalization;

/// <summary>LayerNorm and RmsNorm modules against the double-precision reference, forward and backward.</summary>
[TestClass]
public sealed class NormModuleTests
{
    private const double Eps = 1e-5;

    [TestMethod]
    [DataRow(NormKind.LayerNorm, ScalarType.Float32)]
    [DataRow(NormKind.LayerNorm, ScalarType.Float64)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float32)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float64)]
    public void Forward2D_MatchesReference(NormKind kind, ScalarType dtype)
    {
        var random = new Random(11);
        var x = Matrices.Random(random, 16, 33, scale: 3, offset: 1.5);
        var (gamma, beta) = RandomAffine(random, 33);
        using var module = CreateWithAffine(kind, 33, gamma, beta, dtype);
        using var y = module.call(Matrices.ToTensor(x, dtype));

        Assert.AreEqual(dtype, y.dtype);
        var expected = Forward(kind, x, gamma, beta);
        Assert.IsLessThan(Tolerance(dtype), Matrices.MaxAbsDifference(expected, Matrices.ToMatrix(y)));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm, ScalarType.Float32)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float32)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float64)]
    public void Forward3D_NormalizesLastDimension(NormKind kind, ScalarType dtype)
    {
        var random = new Random(12);
        var x = Matrices.Random(random, 4 * 5, 24, scale: 2);
        var (gamma, beta) = RandomAffine(random, 24);
        using var module = CreateWithAffine(kind, 24, gamma, beta, dtype);
        using var input = Matrices.ToTensor(x, dtype).reshape(4, 5, 24);
        using var y = module.call(input);

        CollectionAssert.AreEqual(new long[] { 4, 5, 24 }, y.shape);
        Assert.IsLessThan(Tolerance(dtype), Matrices.MaxAbsDifference(Forward(kind, x, gamma, beta), Matrices.ToMatrix(y)));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm, ScalarType.Float32)]
    [DataRow(NormKind.LayerNorm, ScalarType.Float64)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float32)]
    [DataRow(NormKind.RmsNorm, ScalarType.Float64)]
    public void Backward_GradientsOfInputScaleAndShift_MatchReference(NormKind kind, ScalarType dtype)
    {
        var random = new Random(13);
        var x = Matrices.Random(random, 9, 40, scale: 2, offset: -0.7);
        var g = Matrices.Random(random, 9, 40);
        var (gamma, beta) = RandomAffine(random, 40);
        using var module = CreateWithAffine(kind, 40, gamma, beta, dtype);
        using var input = Matrices.ToTensor(x, dtype).requires_grad_();
        using var upstream = Matrices.ToTensor(g, dtype);
        using var y = module.call(input);
        y.backward([upstream]);

        var tolerance = 10 * Tolerance(dtype);
        var (weight, bias) = Affine(module);
        if (kind == NormKind.LayerNorm)
        {
            var (dx, dGamma, dBeta) = ReferenceNorms.LayerNormBackward(x, gamma, Eps, g);
            Assert.IsLessThan(tolerance, Matrices.MaxAbsDifference(dx, Matrices.ToMatrix(input.grad!)), "dx");
            Assert.IsLessThan(tolerance, Matrices.MaxAbsDifference(dGamma, Matrices.ToVector(weight!.grad!)), "dγ");
            Assert.IsLessThan(tolerance, Matrices.MaxAbsDifference(dBeta, Matrices.ToVector(bias!.grad!)), "dβ");
        }
        else
        {
            var (dx, dGamma) = ReferenceNorms.RmsNormBackward(x, gamma, Eps, g);
            Assert.IsLessThan(tolerance, Matrices.MaxAbsDifference(dx, Matrices.ToMatrix(input.grad!)), "dx");
            Assert.IsLessThan(tolerance, Matrices.MaxAbsDifference(dGamma, Matrices.ToVector(weight!.grad!)), "dγ");
            Assert.IsNull(bias, "RMSNorm has no β");
        }
    }

    [TestMethod]
    [DataRow(ScalarType.Float32, 2048, 1025)]
    [DataRow(ScalarType.Float64, 1024, 1031)]
    public void RmsNorm_OutputsLargerThanTheCaches_StreamedForwardAndBackwardMatchReference(ScalarType dtype, int rows, int features)
    {
        // Odd row lengths put most rows off the 32-byte boundary, so each row's aligned-prologue path runs too.
        var streamed = dtype == ScalarType.Float32
            ? StreamingStores.Worthwhile<float>((long)rows * features)
            : StreamingStores.Worthwhile<double>((long)rows * features);
        if (!streamed)
        {
            Assert.Inconclusive("This CPU has no 256-bit vectors, so the kernels do not stream their outputs here.");
        }

        var random = new Random(19);
        var x = Matrices.Random(random, rows, features, scale: 2, offset: 0.3);
        var g = Matrices.Random(random, rows, features);
        var (gamma, beta) = RandomAffine(random, features);
        using var module = CreateWithAffine(NormKind.RmsNorm, features, gamma, beta, dtype);
        using var input = Matrices.ToTensor(x, dtype).requires_grad_();
        using var upstream = Matrices.ToTensor(g, dtype);
        using var y = module.call(input);
        y.backward([upstream]);

        var (dx, dGamma) = ReferenceNorms.RmsNormBackward(x, gamma, Eps, g);
        Assert.IsLessThan(Tolerance(dtype), Matrices.MaxAbsDifference(ReferenceNorms.RmsNormForward(x, gamma, Eps), Matrices.ToMatrix(y)), "y");
        Assert.IsLessThan(10 * Tolerance(dtype), Matrices.MaxAbsDifference(dx, Matrices.ToMatrix(input.grad!)), "dx");

        // dγ sums thousands of rows: compare relative to its size.
        var dGammaScale = dGamma.Max(Math.Abs);
        Assert.IsLessThan(10 * Tolerance(dtype), Matrices.MaxAbsDifference(dGamma, Matrices.ToVector(((RmsNorm)module).Weight!.grad!)) / dGammaScale, "dγ");
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void BatchOfOne_GivesIdenticalRowsToBatchOf64(NormKind kind)
    {
        var random = new Random(14);
        var (gamma, beta) = RandomAffine(random, 96);
        using var module = CreateWithAffine(kind, 96, gamma, beta, ScalarType.Float32);
        using var batch = Matrices.ToTensor(Matrices.Random(random, 64, 96, scale: 5), ScalarType.Float32);
        using var all = module.call(batch);
        foreach (var row in new[] { 0, 17, 63 })
        {
            using var single = module.call(batch[TensorIndex.Slice(row, row + 1)]);
            using var expected = all[TensorIndex.Slice(row, row + 1)];
            Assert.IsTrue(single.equal(expected).all().item<bool>(), $"row {row} differs between batch sizes 1 and 64");
        }
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm, 3.0)]
    [DataRow(NormKind.LayerNorm, 0.0)]
    [DataRow(NormKind.RmsNorm, 3.0)]
    [DataRow(NormKind.RmsNorm, 0.0)]
    public void ConstantRows_GiveFiniteOutputAndGradients(NormKind kind, double value)
    {
        using var module = Normalizations.Create(kind, 32);
        using var x = full(8, 32, value).requires_grad_();
        using var y = module.call(x);
        y.sum().backward();

        Assert.IsTrue(y.isfinite().all().item<bool>(), "output");
        Assert.IsTrue(x.grad!.isfinite().all().item<bool>(), "gradient");
        var expected = kind == NormKind.LayerNorm ? 0.0 : value / Math.Sqrt(value * value + Eps);
        Assert.AreEqual(expected, y[0, 0].item<float>(), 1e-5);
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void InputWithWrongTrailingSize_ThrowsNamingBothShapes(NormKind kind)
    {
        using var module = Normalizations.Create(kind, 16);
        using var x = ones(4, 15);
        var error = Assert.ThrowsExactly<ArgumentException>(() => module.call(x));
        StringAssert.Contains(error.Message, "[16]");
        StringAssert.Contains(error.Message, "[4, 15]");
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void Backward_OnTheMultiThreadedPath_IsBitwiseReproducible(NormKind kind)
    {
        // 2048 x 256 elements is well above the size at which the kernels split rows across threads.
        var random = new Random(16);
        var x = Matrices.Random(random, 2048, 256, scale: 3);
        var g = Matrices.Random(random, 2048, 256);
        double[]? first = null;
        for (var run = 0; run < 3; run++)
        {
            using var module = Normalizations.Create(kind, 256);
            using var input = Matrices.ToTensor(x, ScalarType.Float32).requires_grad_();
            using var y = module.call(input);
            y.backward([Matrices.ToTensor(g, ScalarType.Float32)]);
            var gradients = Matrices.ToVector(Affine(module).Weight!.grad!).Concat(Matrices.ToVector(input.grad!)).ToArray();
            if (first is null)
            {
                first = gradients;
            }
            else
            {
                CollectionAssert.AreEqual(first, gradients, $"run {run} differs from run 0");
            }
        }
    }

    [TestMethod]
    [DataRow(33)]
    [DataRow(1024)]
    public void LayerNorm_InferencePath_MatchesReferenceAndTrainingPath(int features)
    {
        var random = new Random(17);
        var x = Matrices.Random(random, 300, features, scale: 4, offset: 2);
        var (gamma, beta) = RandomAffine(random, features);
        using var module = CreateWithAffine(NormKind.LayerNorm, features, gamma, beta, ScalarType.Float32);
        using var input = Matrices.ToTensor(x, ScalarType.Float32);
        using var training = module.call(input);
        Tensor inference;
        using (no_grad())
        {
            inference = module.call(input);
        }

        Assert.IsLessThan(2e-5, Matrices.MaxAbsDifference(ReferenceNorms.LayerNormForward(x, gamma, beta, Eps), Matrices.ToMatrix(inference)));
        Assert.IsTrue(inference.allclose(training, rtol: 1e-5, atol: 1e-5));
        inference.Dispose();
    }

    [TestMethod]
    public void LayerNorm_InferencePath_PropagatesNaNRowsLikeLibTorch()
    {
        using var module = new LayerNorm(8);
        using var x = ones(3, 8);
        x[1, 2] = tensor(float.NaN);
        using var guard = no_grad();
        using var y = module.call(x);
        Assert.IsTrue(y[1].isnan().all().item<bool>(), "the NaN row");
        Assert.IsTrue(y[0].isfinite().all().item<bool>() && y[2].isfinite().all().item<bool>(), "the other rows");
    }

    [TestMethod]
    public void RmsNorm_OverSeveralTrailingDimensions_TrainsWithGammaInItsShape()
    {
        var random = new Random(18);
        var x = Matrices.Random(random, 5, 6, scale: 2);
        var g = Matrices.Random(random, 5, 6);
        var (gamma, _) = RandomAffine(random, 6);
        using var module = new RmsNorm([2, 3]);
        using (no_grad())
        {
            module.Weight!.copy_(Matrices.ToTensor(gamma, ScalarType.Float32).reshape(2, 3));
        }

        using var input = Matrices.ToTensor(x, ScalarType.Float32).reshape(5, 2, 3).requires_grad_();
        using var y = module.call(input);
        y.backward([Matrices.ToTensor(g, ScalarType.Float32).reshape(5, 2, 3)]);

        var (dx, dGamma) = ReferenceNorms.RmsNormBackward(x, gamma, Eps, g);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, module.Weight!.grad!.shape);
        Assert.IsLessThan(1e-4, Matrices.MaxAbsDifference(dGamma, Matrices.ToVector(module.Weight.grad!)));
        Assert.IsLessThan(1e-4, Matrices.MaxAbsDifference(dx, Matrices.ToMatrix(input.grad!.reshape(5, 6))));
    }

    [TestMethod]
    [DataRow(NormKind.LayerNorm)]
    [DataRow(NormKind.RmsNorm)]
    public void ManagedKernels_LeaveNoLiveTensorsBehind(NormKind kind)
    {
        using var module = Normalizations.Create(kind, 256);
        using var x = randn(64, 256).requires_grad_();
        using var g = randn(64, 256);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 10; i++)
        {
            using var guard = no_grad();
            using var y = module.call(x);
        }

        Assert.AreEqual(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount, "inference without a dispose scope");

        for (var i = 0; i < 10; i++)
        {
            using var scope = NewDisposeScope();
            module.call(x).backward([g]);
        }

        x.grad?.Dispose();
        x.grad = null;
        module.zero_grad();
        foreach (var parameter in module.parameters())
        {
            parameter.grad?.Dispose();
            parameter.grad = null;
        }

        Assert.AreEqual(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount, "training steps inside a dispose scope");
    }

    [TestMethod]
    public void LayerNorm_NearlyConstantRowWithLargeOffset_NormalizesToBetaOnBothPaths()
    {
        using var module = new LayerNorm(999);
        using var x = full(2, 999, 123.456f);
        using var training = module.call(x);
        using var guard = no_grad();
        using var inference = module.call(x);
        Assert.IsLessThan(1e-6, training.abs().max().item<float>(), "libtorch");
        Assert.IsLessThan(1e-6, inference.abs().max().item<float>(), "managed kernel");
    }

    [TestMethod]
    public void LayerNorm_AffineOptions_CreateExpectedParameters()
    {
        using var full = new LayerNorm(8);
        using var noBias = new LayerNorm(8, bias: false);
        using var none = new LayerNorm(8, elementwiseAffine: false);

        CollectionAssert.AreEquivalent(new[] { "weight", "bias" }, full.named_parameters().Select(p => p.name).ToArray());
        CollectionAssert.AreEquivalent(new[] { "weight" }, noBias.named_parameters().Select(p => p.name).ToArray());
        Assert.AreEqual(0, none.parameters().Count());
    }

    [TestMethod]
    public void LayerNorm_NormalizesOverSeveralTrailingDimensions()
    {
        var random = new Random(15);
        var x = Matrices.Random(random, 6, 4 * 5, scale: 2, offset: 3);
        using var module = new LayerNorm([4, 5], elementwiseAffine: false);
        using var y = module.call(Matrices.ToTensor(x, ScalarType.Float64).reshape(6, 4, 5));
        var expected = ReferenceNorms.LayerNormForward(x, null, null, Eps);
        Assert.IsLessThan(1e-10, Matrices.MaxAbsDifference(expected, Matrices.ToMatrix(y.reshape(6, 20))));
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(-1e-5)]
    [DataRow(double.NaN)]
    public void NonPositiveEpsilon_IsRejected(double epsilon)
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LayerNorm(4, epsilon));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RmsNorm([4], epsilon));
    }

    private static double[,] Forward(NormKind kind, double[,] x, double[] gamma, double[] beta) =>
        kind == NormKind.LayerNorm ? ReferenceNorms.LayerNormForward(x, gamma, beta, Eps) : ReferenceNorms.RmsNormForward(x, gamma, Eps);

    private static double Tolerance(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-10 : 2e-5;

    private static (double[] Gamma, double[] Beta) RandomAffine(Random random, int n) =>
        (Enumerable.Range(0, n).Select(_ => 0.5 + random.NextDouble()).ToArray(),
         Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray());

    private static (TorchSharp.Modules.Parameter? Weight, TorchSharp.Modules.Parameter? Bias) Affine(nn.Module module) =>
        module switch
        {
            LayerNorm ln => (ln.Weight, ln.Bias),
            RmsNorm rms => (rms.Weight, null),
            _ => throw new AssertFailedException($"unexpected module {module.GetType()}"),
        };

    /// <summary>A module of <paramref name="dtype"/> whose γ (and β for LayerNorm) hold the given values.</summary>
    private static nn.Module<Tensor, Tensor> CreateWithAffine(NormKind kind, int n, double[] gamma, double[] beta, ScalarType dtype)
    {
        var module = Normalizations.Create(kind, n);
        module.to(dtype);
        var (weight, bias) = Affine(module);
        using (no_grad())
        {
            weight!.copy_(Matrices.ToTensor(gamma, dtype));
            bias?.copy_(Matrices.ToTensor(beta, dtype));
        }

        return module;
    }
}
