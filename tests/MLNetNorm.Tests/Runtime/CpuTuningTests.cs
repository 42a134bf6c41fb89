using MLNetNorm.Runtime;

namespace MLNetNorm.Tests.Runtime;

[TestClass]
public sealed class CpuTuningTests
{
    [TestMethod]
    public void Apply_OnLinux_GlibcAcceptsBothAllocatorThresholds()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("The allocator settings exist only on Linux (glibc).");
        }

        // glibc refuses an mmap threshold above 32 MiB; a refused call once left both thresholds at their defaults.
        var summary = CpuTuning.Apply();

        Assert.AreEqual(summary, CpuTuning.Summary);
        StringAssert.Contains(summary, "glibc mmap threshold 32 MiB");
        StringAssert.Contains(summary, "trim threshold 2 GiB");
        Assert.AreEqual(summary, CpuTuning.Apply(), "a second call reports the first one's settings");
    }
}
