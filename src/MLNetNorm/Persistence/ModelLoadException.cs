namespace MLNetNorm.Persistence;

/// <summary>Thrown by <see cref="ModelFile.Load"/> when a model file cannot be read back; the message says why.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and why.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
