using System.Text.Json;

namespace MLNetNorm.Tests.Notebooks;

/// <summary>
/// Executes every notebook in notebooks/ on small settings (MLNETNORM_NOTEBOOK_QUICK=1) and checks that it runs
/// without error, displays its results and writes the plot files its metadata lists.
/// </summary>
[TestClass]
public sealed class NotebookTests
{
    [TestMethod]
    public void EveryNotebookIsCovered()
    {
        var notebooks = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order().ToArray();
        CollectionAssert.AreEquivalent(Notebooks().Select(n => (string)n[0]).ToArray(), notebooks);
    }

    [TestMethod]
    [DynamicData(nameof(Notebooks))]
    public async Task Notebook_RunsAndWritesItsPlots(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "notebooks", name);
        var output = Path.Combine(Path.GetTempPath(), "mlnetnorm-notebooks", Path.GetFileNameWithoutExtension(name));
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Environment.SetEnvironmentVariable("MLNETNORM_NOTEBOOK_QUICK", "1");
        Environment.SetEnvironmentVariable("MLNETNORM_NOTEBOOK_OUTPUT", output);
        var globals = await NotebookRunner.RunAsync(path, RepositoryPaths.CentralPackageVersions());

        Assert.IsNotEmpty(globals.Displayed, "the notebook should display its results");
        var expected = ExpectedPlots(path);
        Assert.IsNotEmpty(expected, "the notebook's metadata should list the plots it writes (mlnetnorm.outputs)");
        foreach (var plot in expected)
        {
            var file = Path.Combine(output, plot);
            Assert.IsTrue(File.Exists(file), $"{name} did not write {plot}");
            var header = File.ReadAllBytes(file).Take(4).ToArray();
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, header, $"{plot} is not a PNG");
        }
    }

    public static IEnumerable<object[]> Notebooks() =>
    [
        ["forecasting.ipynb"],
        ["normalization-basics.ipynb"],
        ["text-classification.ipynb"],
    ];

    private static string[] ExpectedPlots(string notebookPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebookPath));
        return document.RootElement.GetProperty("metadata").TryGetProperty("mlnetnorm", out var ours)
            ? ours.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
    }
}
