using System.Reflection;
using Microsoft.ML;

namespace MLNetNorm.Persistence;

/// <summary>Loads ML.NET model files with failures reported as one clear <see cref="ModelLoadException"/>.</summary>
/// <remarks>
/// <c>mlContext.Model.Load</c> works for models containing MLNetNorm transformers as it does for any other; this wrapper
/// only turns its layered failures (reflection wrappers around zip, format and checksum errors) into one message that
/// names the file and the root cause.
/// </remarks>
public static class ModelFile
{
    /// <summary>Loads a model saved with <c>mlContext.Model.Save</c>.</summary>
    /// <param name="mlContext">The context to load into.</param>
    /// <param name="path">The model zip.</param>
    /// <param name="inputSchema">The schema of the data the model was saved with.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelLoadException">The file is truncated, damaged, not a model, or needs an assembly this process cannot load.</exception>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        try
        {
            return mlContext.Model.Load(path, out inputSchema);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FormatException or EndOfStreamException
                                       or IOException or ArgumentException or TargetInvocationException or BadImageFormatException)
        {
            // Loaders run through reflection, one wrapper per level of a transformer chain: report the innermost cause.
            var root = ex.GetBaseException();
            if (root is FileNotFoundException or FileLoadException && root.Message.Contains("assembly", StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelLoadException(
                    $"Could not load model '{path}': it needs a component assembly that this process cannot load ({FirstLine(root.Message)}). " +
                    "Reference the package that saved it, in the same or a newer version.", ex);
            }

            throw new ModelLoadException(
                $"Could not load model '{path}': the file is truncated, damaged or not an ML.NET model ({root.GetType().Name}: {FirstLine(root.Message)})", ex);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
