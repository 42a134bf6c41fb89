using System.Diagnostics;

namespace MLNetNorm.Tests.TestData;

/// <summary>Runs MLNetNorm.Tests.ModelHost, which loads a saved model in a fresh process and scores data with it.</summary>
internal static class ModelHostProcess
{
    /// <summary>Scores <paramref name="rows"/> with the model at <paramref name="modelPath"/> in another process.</summary>
    public static float[][] ScoreVectors(string modelPath, float[][] rows, string inputColumn, string outputColumn)
    {
        var input = Path.Combine(Path.GetTempPath(), $"mlnetnorm-host-{Guid.NewGuid():N}.in");
        var output = Path.ChangeExtension(input, ".out");
        try
        {
            using (var writer = new BinaryWriter(File.Create(input)))
            {
                writer.Write(rows.Length);
                writer.Write(rows[0].Length);
                foreach (var value in rows.SelectMany(r => r))
                {
                    writer.Write(value);
                }
            }

            Run("vector", modelPath, input, inputColumn, outputColumn, output);
            using var reader = new BinaryReader(File.OpenRead(output));
            var (count, size) = (reader.ReadInt32(), reader.ReadInt32());
            return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    internal static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(HostPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the model host");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the model host did not finish within 3 minutes");
        }

        Assert.AreEqual(0, process.ExitCode, $"model host failed:\n{stdout}\n{stderr.Result}");
    }

    /// <summary>The host's dll, built next to this project's output (same configuration and framework).</summary>
    private static string HostPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        var testsFolder = testOutput.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(testsFolder, "MLNetNorm.Tests.ModelHost", "bin", configuration, framework, "MLNetNorm.Tests.ModelHost.dll");
        Assert.IsTrue(File.Exists(path), $"model host not built at {path}");
        return path;
    }
}
