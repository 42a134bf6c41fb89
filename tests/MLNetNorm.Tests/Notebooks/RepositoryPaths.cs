using System.Xml.Linq;

namespace MLNetNorm.Tests.Notebooks;

/// <summary>Locates the repository from the test output folder, and reads its central package versions.</summary>
internal static class RepositoryPaths
{
    /// <summary>Gets the repository root (the folder holding MLNetNorm.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The versions in Directory.Packages.props, by package id. A range such as <c>[6.0.0, 6.1)</c> stands for its lower
    /// bound, the version a restore picks and the one a notebook pins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CentralPackageVersions() =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => RestoredVersion((string)e.Attribute("Version")!), StringComparer.OrdinalIgnoreCase);

    private static string RestoredVersion(string version) =>
        version.StartsWith('[') ? version[1..].Split(',')[0].Trim() : version;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLNetNorm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MLNetNorm.sln not found above {AppContext.BaseDirectory}.");
    }
}
