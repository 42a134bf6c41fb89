using System.Diagnostics;
using MLNetNorm.Tests.Notebooks;

namespace MLNetNorm.Tests.TestData;

/// <summary>
/// Runs a console project of the solution (a sample or the CLI) from its build output as a child process, as a user
/// runs it: build/test.sh builds the whole solution before the tests, in the configuration the tests are built in.
/// </summary>
internal static class BuiltProgram
{
    /// <summary>What a run printed and returned.</summary>
    /// <param name="ExitCode">The process exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    /// <param name="Elapsed">The wall time of the run.</param>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed)
    {
        /// <summary>Asserts the run exited with 0, showing both streams otherwise.</summary>
        public Result AssertSucceeded(string what)
        {
            Assert.AreEqual(0, ExitCode, $"{what} exited with {ExitCode}:\n{Output}\n{Error}");
            return this;
        }
    }

    /// <summary>
    /// Runs <c>&lt;project folder&gt;/bin/&lt;configuration&gt;/net10.0/&lt;assembly&gt;.dll</c> with <paramref name="arguments"/> in
    /// <paramref name="workingDirectory"/>; <paramref name="projectFolder"/> is relative to the repository root.
    /// </summary>
    public static Result Run(string projectFolder, string assemblyName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var assembly = Path.Combine(RepositoryPaths.Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        Assert.IsTrue(File.Exists(assembly), $"{assembly} does not exist: build the solution ({Configuration}) before running the tests, as build/test.sh does");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{assemblyName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0} s:\n{output.Result}\n{error.Result}");
        }

        return new Result(process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    /// <summary>Gets the build configuration of this test assembly (the folder above its target-framework folder).</summary>
    private static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
