using System.Globalization;
using MLNetNorm.Forecasting.Evaluation;
using Spectre.Console;

namespace MLNetNorm.Cli.Forecasting;

/// <summary>A Spectre table of forecast accuracy rows.</summary>
internal static class MetricsTable
{
    public static Table Create(string title, IEnumerable<(string Name, ForecastMetrics Metrics)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn("Method")
            .AddColumn("sMAPE", c => c.RightAligned()).AddColumn("MASE", c => c.RightAligned()).AddColumn("OWA", c => c.RightAligned())
            .AddColumn("Coverage", c => c.RightAligned());
        foreach (var (name, m) in rows)
        {
            table.AddRow(Markup.Escape(name), F(m.SymmetricMape, "F3"), F(m.Mase, "F3"), F(m.Owa, "F3"),
                m.IntervalCoverage is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "-");
        }

        return table;
    }

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
