namespace MLNetNorm.Tests.Notebooks;

/// <summary>
/// The globals a Polyglot (.NET Interactive) C# kernel gives every cell that our notebooks use: <c>display</c> and
/// <c>HTML</c>. Displayed values are recorded so the tests can check that each notebook produced its outputs.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Gets everything the cells displayed, in order.</summary>
    public List<object?> Displayed { get; } = [];

    /// <summary>Records <paramref name="value"/> as .NET Interactive would render it.</summary>
#pragma warning disable IDE1006 // Named as in .NET Interactive.
    public object? display(object? value, params string[] mimeTypes)
    {
        Displayed.Add(value);
        return value;
    }

    /// <summary>Wraps HTML text, as .NET Interactive's <c>HTML(...)</c> does.</summary>
    public HtmlContent HTML(string html) => new(html);
#pragma warning restore IDE1006

    /// <summary>HTML to display.</summary>
    /// <param name="Html">The markup.</param>
    public sealed record HtmlContent(string Html);
}
