using MLNetNorm.Runtime;
using TorchSharp;

namespace MLNetNorm.Tests.Runtime;

[TestClass]
public sealed class TorchDeviceTests
{
    [TestMethod]
    [DataRow("cpu")]
    [DataRow(" CPU ")]
    public void Cpu_ResolvesToCpu(string option) => Assert.AreEqual(DeviceType.CPU, TorchDevice.Resolve(option).type);

    [TestMethod]
    public void Auto_ResolvesToCpuWithoutCuda()
    {
        Assert.IsFalse(TorchRuntime.IsCudaAvailable, "these tests run with the TorchSharp-cpu backend");
        Assert.AreEqual(DeviceType.CPU, TorchDevice.Resolve("auto").type);
        Assert.AreEqual(DeviceType.CPU, TorchDevice.Resolve(null).type);
    }

    [TestMethod]
    [DataRow("cuda")]
    [DataRow("cuda:1")]
    public void Cuda_WithCpuOnlyBackend_FailsNamingTheMissingPackage(string option)
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => TorchDevice.Resolve(option));
        StringAssert.Contains(error.Message, "TorchSharp-cuda-linux");
        StringAssert.Contains(error.Message, option);
    }

    [TestMethod]
    [DataRow("gpu")]
    [DataRow("cuda:x")]
    [DataRow("cuda:-1")]
    [DataRow("")]
    public void InvalidOption_FailsListingTheAcceptedForms(string option)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => TorchDevice.Resolve(option));
        StringAssert.Contains(error.Message, "cuda");
    }

    [TestMethod]
    public void Versions_AreReported()
    {
        StringAssert.StartsWith(TorchRuntime.LibTorchVersion, "2.");
        StringAssert.StartsWith(TorchRuntime.TorchSharpVersion, "0.107");
        Assert.IsGreaterThan(0, TorchRuntime.IntraOpThreads);
    }
}
