using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using MLNetNorm.Tests.Notebooks;

namespace MLNetNorm.Tests.Packaging;

/// <summary>
/// `dotnet pack` produces the library package (README, XML docs, license, version, symbols) and the mlnetnorm tool
/// package, and the tool installs from the local package folder into a temporary tool path and runs.
/// </summary>
[TestClass]
public sealed class PackagingTests
{
    private static readonly string Work = Path.Combine(Path.GetTempPath(), "mlnetnorm-packaging");

    [ClassInitialize]
    public static void PackBoth(TestContext context)
    {
        if (Directory.Exists(Work))
        {
            Directory.Delete(Work, recursive: true);
        }

        // --no-build: pack what the test run already built (Release), without touching binaries in use.
        foreach (var project in new[] { "src/MLNetNorm/MLNetNorm.csproj", "src/MLNetNorm.Cli/MLNetNorm.Cli.csproj" })
        {
            Run("dotnet", "pack", Path.Combine(RepositoryPaths.Root, project), "-c", "Release", "--no-build", "-o", Path.Combine(Work, "packages"));
        }
    }

    [TestMethod]
    public void LibraryPackage_CarriesReadmeDocsLicenseVersionAndSymbols()
    {
        var version = Version();
        var package = Path.Combine(Work, "packages", $"MLNetNorm.{version}.nupkg");
        Assert.IsTrue(File.Exists(package), package);
        var symbols = Path.ChangeExtension(package, ".snupkg");
        Assert.IsTrue(File.Exists(symbols), "symbols package");
        using (var symbolZip = ZipFile.OpenRead(symbols))
        {
            var pdb = symbolZip.Entries.SingleOrDefault(e => e.FullName == "lib/net10.0/MLNetNorm.pdb");
            Assert.IsNotNull(pdb, "the symbols package carries the library's PDB");
            using var pdbStream = pdb.Open();
            var signature = new byte[4];
            pdbStream.ReadExactly(signature);
            CollectionAssert.AreEqual("BSJB"u8.ToArray(), signature, "a portable PDB (metadata signature BSJB)");
        }

        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/MLNetNorm.dll", entries);
        Assert.Contains("lib/net10.0/MLNetNorm.xml", entries);

        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.AreEqual(version, Field("version"));
        Assert.AreEqual("MIT", Field("license"));
        Assert.AreEqual("README.md", Field("readme"));
        Assert.IsGreaterThan(1000L, zip.GetEntry("README.md")!.Length, "the repository README, not a placeholder");
        foreach (var described in new[] { "description", "authors", "tags", "copyright" })
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(Field(described)), $"the package's {described} is empty");
        }

        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("Microsoft.ML", dependencies);
        Assert.Contains("TorchSharp", dependencies);
        Assert.DoesNotContain("TorchSharp-cpu", dependencies, "applications choose the TorchSharp backend");
    }

    [TestMethod]
    public void ToolPackage_InstallsIntoAToolPathAndRunsInfo()
    {
        var tools = Path.Combine(Work, "tools");
        Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", Path.Combine(Work, "packages"), "MLNetNorm.Cli", "--version", Version());

        var output = Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "mlnetnorm.exe" : "mlnetnorm"), "info");

        StringAssert.Contains(output, "libtorch");
        StringAssert.Contains(output, "2.10");
        StringAssert.Contains(output, Version());
    }

    private static string Version() =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static string Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within 5 minutes");
        }

        Assert.AreEqual(0, process.ExitCode, $"{fileName} {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
