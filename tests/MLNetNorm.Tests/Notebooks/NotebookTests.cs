using System.Text.Json;
using MLNetNorm.Tests.TestData;

namespace MLNetNorm.Tests.Notebooks;

/// <summary>
/// Executes every notebook in notebooks/ on small settings (MLNETNORM_NOTEBOOK_QUICK=1) and checks that it runs
/// without error, displays its results and writes the plot files its metadata lists (<c>mlnetnorm.outputs</c>).
/// A notebook whose metadata lists data files it cannot run without (<c>mlnetnorm.requiredData</c>, relative to
/// MLNETNORM_DATA) is inconclusive when they are not there.
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
        var dataFolder = Environment.GetEnvironmentVariable("MLNETNORM_DATA");
        var missing = Metadata(path, "requiredData").Where(file => dataFolder is null || !File.Exists(Path.Combine(dataFolder, file))).ToList();
        if (missing.Count > 0)
        {
            Assert.Inconclusive($"{name} needs {string.Join(", ", missing)} under MLNETNORM_DATA ({dataFolder ?? "unset"}).");
        }

        var output = Path.Combine(Path.GetTempPath(), "mlnetnorm-notebooks", Path.GetFileNameWithoutExtension(name));
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Environment.SetEnvironmentVariable("MLNETNORM_NOTEBOOK_QUICK", "1");
        Environment.SetEnvironmentVariable("MLNETNORM_NOTEBOOK_OUTPUT", output);
        var globals = await NotebookRunner.RunAsync(path, RepositoryPaths.CentralPackageVersions());

        Assert.IsNotEmpty(globals.Displayed, "the notebook should display its results");
        var expected = Metadata(path, "outputs");
        Assert.IsNotEmpty(expected, "the notebook's metadata should list the plots it writes (mlnetnorm.outputs)");
        foreach (var plot in expected)
        {
            PngFile.AssertValid(Path.Combine(output, plot));
        }
    }

    public static IEnumerable<object[]> Notebooks() =>
    [
        ["forecasting.ipynb"],
        ["normalization-basics.ipynb"],
        ["placement-sweep.ipynb"],
        ["text-classification.ipynb"],
    ];

    /// <summary>The strings of the array <c>metadata.mlnetnorm.&lt;key&gt;</c>, or none.</summary>
    private static string[] Metadata(string notebookPath, string key)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebookPath));
        return document.RootElement.GetProperty("metadata").TryGetProperty("mlnetnorm", out var ours) && ours.TryGetProperty(key, out var values)
            ? values.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : [];
    }
}
