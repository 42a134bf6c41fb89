using ScottPlot;

namespace MLNetNorm.Plotting;

/// <summary>Shared look and output of every chart: size, a distinct color per series, saving with a clear error.</summary>
internal static class ChartStyle
{
    /// <summary>The default image width in pixels.</summary>
    public const int Width = 900;

    /// <summary>The default image height in pixels.</summary>
    public const int Height = 500;

    /// <summary>Labels the horizontal axis with whole numbers only (epochs, trials).</summary>
    public static void IntegerTicksOnBottom(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>The color of the series at <paramref name="index"/>.</summary>
    public static Color SeriesColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    /// <summary>Saves <paramref name="plot"/> as a PNG, creating the folder, and returns the full path.</summary>
    public static string Save(Plot plot, string path, int width = Width, int height = Height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        plot.SavePng(fullPath, width, height);
        return fullPath;
    }

    /// <summary>Saves the stacked plots of <paramref name="multiplot"/> as one PNG, creating the folder, and returns the full path.</summary>
    public static string Save(Multiplot multiplot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        multiplot.SavePng(fullPath, width, height);
        return fullPath;
    }
}
