using System.Runtime.InteropServices;

namespace MLNetNorm.Runtime;

/// <summary>
/// Process-wide settings that make CPU training and inference fast on Linux; call <see cref="Apply"/> once, first thing
/// in <c>Main</c>, before anything touches TorchSharp. The <c>mlnetnorm</c> tool, the samples and the benchmarks do.
/// </summary>
/// <remarks>
/// <para>
/// Two measured problems on small Linux VMs (2 cores), both outside our code:
/// </para>
/// <list type="number">
/// <item><description>
/// libtorch's OpenMP runtime (libgomp) keeps its idle workers spinning for milliseconds after every parallel operation.
/// On 2 cores that takes a whole core away from .NET's thread pool, which runs the managed kernels (RMSNorm, the
/// transform): they ran 2–4× slower. <c>OMP_WAIT_POLICY=PASSIVE</c> makes idle workers sleep. libgomp reads it when
/// libtorch loads, so it must be set in the native environment (.NET's <c>Environment.SetEnvironmentVariable</c> does not
/// reach it) before the first tensor operation. It costs libtorch's own operations about 10%.
/// </description></item>
/// <item><description>
/// glibc returns allocations above its mmap threshold (at most 32 MB) to the kernel on free, so every training step
/// page-faults its large buffers in again: cloning a 32 MB tensor took 49 ms against 0.26 ms for 16 MB. The dynamic
/// threshold is not enough for custom autograd functions: TorchSharp allocates a shape-only copy of every output next to
/// it, the pair is trimmed on free, and each call's output lands on fresh pages (a 16 MB output cost 8.4 ms instead of
/// 0.95 ms). Raising the mmap threshold to glibc's maximum (32 MiB) and the trim threshold keeps freed memory in the
/// heap for reuse; the cost is that resident memory stays at its high-water mark.
/// </description></item>
/// </list>
/// <para>A variable the user has already set (<c>OMP_WAIT_POLICY</c>) is left alone. On Windows and macOS this does nothing.</para>
/// </remarks>
public static partial class CpuTuning
{
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    /// <summary>
    /// The largest mmap threshold glibc accepts on 64-bit Linux (half its 64 MiB heap size); it refuses anything larger,
    /// leaving the default in place. Allocations above it are still mapped and unmapped each time.
    /// </summary>
    private const int LargestMmapThreshold = 32 << 20;

    private static int _applied;

    /// <summary>Gets what <see cref="Apply"/> did in this process, or null when it has not been called.</summary>
    public static string? Summary { get; private set; }

    /// <summary>Applies the settings once per process; later calls return at once.</summary>
    /// <returns>What was applied, for logging.</returns>
    public static string Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Summary = "no CPU tuning on this OS";
        }

        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return Summary ?? "CPU tuning being applied on another thread";
        }

        var omp = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } existing
            ? $"OMP_WAIT_POLICY={existing} (kept)"
            : SetNativeEnvironment("OMP_WAIT_POLICY", "PASSIVE") == 0 ? "OMP_WAIT_POLICY=PASSIVE" : "OMP_WAIT_POLICY not set (setenv failed)";
        var mmap = Mallopt(MallocMmapThreshold, LargestMmapThreshold) == 1
            ? $"glibc mmap threshold {LargestMmapThreshold >> 20} MiB"
            : "glibc mmap threshold unchanged (mallopt refused)";
        var trim = Mallopt(MallocTrimThreshold, int.MaxValue) == 1 ? "trim threshold 2 GiB" : "trim threshold unchanged (mallopt refused)";
        var malloc = $"{mmap}, {trim}";
        return Summary = $"{omp}; {malloc}";
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite = 0);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
