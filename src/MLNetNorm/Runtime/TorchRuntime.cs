using System.Reflection;
using static TorchSharp.torch;

namespace MLNetNorm.Runtime;

/// <summary>
/// Loads TorchSharp's native backend once per process and reports what it found: versions, devices and threads.
/// </summary>
/// <remarks>
/// Every entry point that touches a tensor calls <see cref="EnsureLoaded"/> first, so that a missing backend package or
/// an outdated system C++ runtime is reported as one clear <see cref="InvalidOperationException"/> rather than a
/// <see cref="DllNotFoundException"/> from deep inside the first tensor operation.
/// </remarks>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Ensures the native TorchSharp backend is loaded, or throws an exception that says how to fix it.</summary>
    /// <exception cref="InvalidOperationException">The native backend cannot be loaded.</exception>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw new InvalidOperationException(DescribeLoadFailure(failure), failure);
        }
    }

    /// <summary>Gets the version of the managed TorchSharp assembly.</summary>
    public static string TorchSharpVersion => InformationalVersion(typeof(TorchSharp.torch).Assembly);

    /// <summary>Gets the version of the native libtorch library that TorchSharp loaded, e.g. <c>2.10.0</c>.</summary>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return __version__;
        }
    }

    /// <summary>Gets the version of this library.</summary>
    public static string LibraryVersion => InformationalVersion(typeof(TorchRuntime).Assembly);

    /// <summary>Gets the version of the ML.NET package in use, e.g. <c>6.0.0</c>.</summary>
    public static string MLNetVersion => InformationalVersion(typeof(Microsoft.ML.MLContext).Assembly);

    /// <summary>Gets the number of threads libtorch uses for intra-op parallelism.</summary>
    public static int IntraOpThreads
    {
        get
        {
            EnsureLoaded();
            return get_num_threads();
        }
    }

    /// <summary>Gets a value indicating whether a CUDA backend is loaded and sees at least one GPU.</summary>
    public static bool IsCudaAvailable
    {
        get
        {
            EnsureLoaded();
            return cuda.is_available();
        }
    }

    /// <summary>Gets the number of CUDA devices visible to the loaded backend (0 with a CPU-only backend).</summary>
    public static int CudaDeviceCount
    {
        get
        {
            EnsureLoaded();
            return cuda.is_available() ? cuda.device_count() : 0;
        }
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static Exception? TryLoad()
    {
        try
        {
            // The first call into torch initializes the native library; a tiny tensor proves it works end to end.
            using var probe = ones(1);
            return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or NotSupportedException or BadImageFormatException)
        {
            return ex;
        }
    }

    private static string DescribeLoadFailure(Exception failure)
    {
        var detail = failure.GetBaseException().Message;
        if (OperatingSystem.IsLinux() && detail.Contains("GLIBCXX", StringComparison.Ordinal))
        {
            return "TorchSharp's native library could not be loaded because the system libstdc++ is too old " +
                   "(TorchSharp 0.107 needs GLIBCXX_3.4.32, i.e. GCC 13's runtime). On Debian 12 run `bash build/setup.sh` " +
                   $"from the MLNetNorm repository as root. Loader message: {detail}";
        }

        return "TorchSharp's native backend could not be loaded. Reference exactly one backend package in the application " +
               "(TorchSharp-cpu for CPU, TorchSharp-cuda-linux or TorchSharp-cuda-windows for NVIDIA GPUs); on Debian 12 also run " +
               $"`bash build/setup.sh` (TorchSharp needs GLIBCXX_3.4.32). Loader message: {detail}";
    }
}
