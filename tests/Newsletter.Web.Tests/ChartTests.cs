using AngleSharp.Html.Parser;
using Newsletter.Web.Charts;

namespace Newsletter.Web.Tests;

/// <summary>Charts drawn by ScottPlot as inline SVG: scalable, hidden from assistive technology (a table says the same), and never clashing ids.</summary>
public class ChartTests
{
    [Fact]
    public void ABarChart_IsOneScalableSvgElement_HiddenFromAssistiveTechnology_WithItsLabels()
    {
        var svg = ChartSvg.Bars("recipients", [new ChartPoint("Sent", 120), new ChartPoint("Failed", 3)], "Recipients", new ChartLine(0.3, "0.3% complaint line"));

        var doc = new HtmlParser().ParseDocument($"<body>{svg}</body>");
        var root = Assert.Single(doc.Body!.Children);
        Assert.Equal("svg", root.LocalName);
        Assert.Equal($"0 0 {ChartSvg.Width} {ChartSvg.Height}", root.GetAttribute("viewBox"));
        Assert.Null(root.GetAttribute("width"));
        Assert.Equal("true", root.GetAttribute("aria-hidden"));
        Assert.DoesNotContain("<?xml", svg, StringComparison.Ordinal);
        Assert.Contains(">Sent<", svg.Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("0.3% complaint line", svg, StringComparison.Ordinal);
        Assert.Empty(doc.QuerySelectorAll("script, foreignObject"));
    }

    [Fact]
    public void TwoChartsOnOnePage_ShareNoId()
    {
        var first = ChartSvg.Bars("a", [new ChartPoint("x", 1)], "n");
        var second = ChartSvg.Bars("b", [new ChartPoint("x", 1)], "n");

        var doc = new HtmlParser().ParseDocument($"<body>{first}{second}</body>");
        var ids = doc.QuerySelectorAll("[id]").Select(e => e.Id).ToArray();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(doc.QuerySelectorAll("[clip-path]"), e => Assert.Contains(e.GetAttribute("clip-path")![5..^1], ids));
    }

    [Fact]
    public void ChartsOfCounts_TickWholeNumbersOnly()
    {
        var days = Enumerable.Range(0, 3).Select(i => new DateOnly(2026, 11, 1).AddDays(i)).ToArray();

        var bars = ChartSvg.Bars("recipients", [new ChartPoint("Delivered", 1), new ChartPoint("Failed", 0)], "Recipients", counts: true);
        var daily = ChartSvg.Daily("days", days, [("Signups", [0, 1, 0])], "Readers");

        foreach (var svg in new[] { bars, daily })
        {
            var labels = new HtmlParser().ParseDocument($"<body>{svg}</body>").QuerySelectorAll("text").Select(t => t.TextContent.Trim()).ToArray();
            Assert.Contains("1", labels);
            Assert.DoesNotContain(labels, label => System.Text.RegularExpressions.Regex.IsMatch(label, @"^\d+[.,]\d+$"));
        }
    }

    [Fact]
    public void ADailyChart_DrawsOneLinePerSeries_WithALegend()
    {
        var days = Enumerable.Range(0, 5).Select(i => new DateOnly(2026, 11, 1).AddDays(i)).ToArray();

        var svg = ChartSvg.Daily("days", days, [("Signups", [1, 2, 0, 4, 1]), ("Unsubscribes", [0, 1, 0, 0, 0])], "Readers");

        Assert.Contains("Signups", svg, StringComparison.Ordinal);
        Assert.Contains("Unsubscribes", svg, StringComparison.Ordinal);
    }
}
