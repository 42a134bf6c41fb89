using System.Reflection.Metadata;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace MLNetNorm.Tests.Notebooks;

/// <summary>
/// Runs a Polyglot notebook's C# cells in order with Roslyn scripting, the engine behind the .NET Interactive C#
/// kernel (which cannot be installed here). <c>#r "nuget: Name, Version"</c> lines are checked against the repository's
/// central package versions (this test project already references those packages); <c>#r "path"</c> lines must name an
/// existing file relative to the notebook; other magic commands (<c>#!...</c>) are skipped.
/// </summary>
internal static partial class NotebookRunner
{
    /// <summary>Executes every C# cell of <paramref name="notebookPath"/> and returns the globals with what was displayed.</summary>
    public static async Task<NotebookGlobals> RunAsync(string notebookPath, IReadOnlyDictionary<string, string> centralPackageVersions)
    {
        var notebookDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var globals = new NotebookGlobals();
        var options = ScriptOptions.Default
            .AddReferences(ManagedAssembliesBesideTests().Select(path => MetadataReference.CreateFromFile(path)))
            .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks")
            .WithFilePath(notebookPath);
        ScriptState<object>? state = null;
        var index = 0;
        foreach (var cell in CodeCells(notebookPath))
        {
            index++;
            var code = Preprocess(cell, notebookDirectory, centralPackageVersions, $"{Path.GetFileName(notebookPath)} cell {index}");
            try
            {
                // Cells run from the notebook's folder, as the kernel does, so relative paths mean the same thing.
                var previous = Environment.CurrentDirectory;
                Environment.CurrentDirectory = notebookDirectory;
                try
                {
                    state = state is null
                        ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals))
                        : await state.ContinueWithAsync(code, options);
                }
                finally
                {
                    Environment.CurrentDirectory = previous;
                }
            }
            catch (CompilationErrorException ex)
            {
                throw new AssertFailedException($"{Path.GetFileName(notebookPath)} code cell {index} does not compile:\n{string.Join('\n', ex.Diagnostics)}\n---\n{code}");
            }
        }

        return globals;
    }

    /// <summary>
    /// The .NET runtime's assemblies and those in the test output folder: this project references the same packages and
    /// projects the notebooks name with <c>#r</c>, so these are what the kernel would have loaded.
    /// </summary>
    private static IEnumerable<string> ManagedAssembliesBesideTests()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var path in Directory.GetFiles(runtime, "*.dll").Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll")))
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            if (pe.HasMetadata && pe.GetMetadataReader().IsAssembly)
            {
                yield return path;
            }
        }
    }

    /// <summary>The source of each C# code cell, in order.</summary>
    private static IEnumerable<string> CodeCells(string notebookPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var cells = new List<string>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            var kernel = cell.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("polyglot_notebook", out var polyglot) &&
                         polyglot.TryGetProperty("kernelName", out var name) ? name.GetString() : "csharp";
            if (kernel != "csharp")
            {
                continue;
            }

            var source = cell.GetProperty("source");
            cells.Add(source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(l => l.GetString())) : source.GetString() ?? string.Empty);
        }

        return cells;
    }

    private static string Preprocess(string cell, string notebookDirectory, IReadOnlyDictionary<string, string> versions, string where)
    {
        var lines = cell.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (NuGetReference().Match(line) is { Success: true } nuget)
            {
                var (package, version) = (nuget.Groups["name"].Value.Trim(), nuget.Groups["version"].Value.Trim());
                Assert.IsTrue(versions.TryGetValue(package, out var central), $"{where}: package {package} is not in Directory.Packages.props");
                Assert.AreEqual(central, version, $"{where}: {package} version differs from Directory.Packages.props");
                lines[i] = string.Empty;
            }
            else if (PathReference().Match(line) is { Success: true } reference)
            {
                var path = Path.GetFullPath(Path.Combine(notebookDirectory, reference.Groups["path"].Value));
                Assert.IsTrue(File.Exists(path), $"{where}: #r names {path}, which does not exist (build the solution in Release first)");
                lines[i] = string.Empty; // the same assembly is already loaded in this process and referenced by the script
            }
            else if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                lines[i] = string.Empty;
            }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex("^#r\\s+\"nuget:\\s*(?<name>[^,\"]+),\\s*(?<version>[^\"]+)\"$")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("^#r\\s+\"(?<path>[^\"]+\\.dll)\"$")]
    private static partial Regex PathReference();
}
