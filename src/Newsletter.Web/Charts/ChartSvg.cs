using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Newsletter.Web.Charts;

/// <summary>One bar or point of a chart: its label and value.</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>A line across a chart at a value, such as the complaint rate providers enforce.</summary>
public sealed record ChartLine(double Value, string Label);

/// <summary>
/// Charts drawn by ScottPlot on the server as SVG, put inline into a page: no script, nothing for the page's
/// content security policy to allow. The SVG scales to its container; every chart is shown beside a table of the
/// same numbers (<see cref="Shared.ChartFigure"/>), which is what assistive technology reads.
/// </summary>
public static partial class ChartSvg
{
    public const int Width = 640;
    public const int Height = 280;
    private const string Bar = "#0b5394";
    private const string Alert = "#b00020";

    /// <summary>Vertical bars, one per point, with an optional line across; with <paramref name="counts"/>, the value axis ticks whole numbers only.</summary>
    public static string Bars(string id, IReadOnlyList<ChartPoint> points, string valueLabel, ChartLine? line = null, bool counts = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var plot = NewPlot(valueLabel, counts);
        var bars = points.Select((p, i) => new ScottPlot.Bar { Position = i, Value = p.Value, FillColor = Color.FromHex(Bar), LineWidth = 0 }).ToArray();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, points.Count).Select(i => (double)i)], [.. points.Select(p => p.Label)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        var top = Math.Max(points.Count == 0 ? 0 : points.Max(p => p.Value), line?.Value ?? 0);
        if (line is not null)
        {
            var across = plot.Add.HorizontalLine(line.Value, 2, Color.FromHex(Alert), LinePattern.Dashed);
            across.LegendText = line.Label;
            plot.ShowLegend(Alignment.UpperRight);
        }

        plot.Axes.SetLimits(-0.6, Math.Max(points.Count, 1) - 0.4, 0, top <= 0 ? 1 : top * 1.15);
        return Finish(plot, id);
    }

    /// <summary>Lines over days, one series per name, for counts per day.</summary>
    public static string Daily(string id, IReadOnlyList<DateOnly> days, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string valueLabel)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(series);
        var plot = NewPlot(valueLabel, counts: true);
        string[] colours = [Bar, "#2e7d32", Alert];
        var xs = days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        for (var i = 0; i < series.Count; i++)
        {
            var scatter = plot.Add.Scatter(xs, series[i].Values.ToArray(), Color.FromHex(colours[i % colours.Length]));
            scatter.LegendText = series[i].Name;
            scatter.MarkerSize = 0;
            scatter.LineWidth = 2;
        }

        // A tick a month, dated the ISO way: the library's automatic date ticks follow the US pattern and crowd on a phone.
        var ticks = Enumerable.Range(0, xs.Length).Where(i => i % 30 == 0 || i == xs.Length - 1).Where(i => i == 0 || i == xs.Length - 1 || xs.Length - 1 - i >= 15).ToArray();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(i => xs[i])], [.. ticks.Select(i => days[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 16;
        plot.ShowLegend(Alignment.UpperLeft);
        var top = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        if (xs.Length > 0)
        {
            plot.Axes.SetLimits(xs[0], xs[^1], 0, top <= 0 ? 1 : top * 1.15);
        }

        return Finish(plot, id);
    }

    private static Plot NewPlot(string valueLabel, bool counts)
    {
        var plot = new Plot();
        if (counts)
        {
            // A count has no fractions: no tick at 0.1 recipients.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        plot.Font.Set("DejaVu Sans");
        plot.Axes.Left.Label.Text = valueLabel;
        plot.Axes.Left.Label.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Right.IsVisible = true;
        return plot;
    }

    /// <summary>The SVG as an element for a page: no XML declaration, a viewBox instead of a fixed size, hidden from assistive technology (the table beside it says the same).</summary>
    /// <remarks>Ids inside (clip paths) get the chart's own prefix, so two charts on one page never share one.</remarks>
    private static string Finish(Plot plot, string id)
    {
        var svg = plot.GetSvgXml(Width, Height);
        svg = XmlDeclaration().Replace(svg, string.Empty);
        svg = Root().Replace(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" aria-hidden=\"true\" focusable=\"false\">", 1);
        svg = svg.Replace("id=\"", $"id=\"{id}-", StringComparison.Ordinal).Replace("url(#", $"url(#{id}-", StringComparison.Ordinal);
        return svg.Trim();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\s[^>]*>")]
    private static partial Regex Root();
}
