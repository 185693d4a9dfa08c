using System.Text;
using AngleSharp.Html.Parser;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;

using static Newsletter.Core.Tests.Releases.HostileText;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// Nested markup must not hold a worker: too deep is refused with its own code, and every upload has a
/// time budget. Each parse here runs under a generous budget of its own, so an input that took minutes
/// (as 100,000 nested divs did) ends as <c>parse-timeout</c> and fails the assertion instead of hanging the run.
/// Timings are in bench/ (NestingBench).
/// </summary>
public class NestingTests
{
    private const string Body = "The consortium will build a shared data platform for climate research across twelve countries over four years.";

    private static string Page(string body) => $"<html><head><title>Climate data platform launched</title></head><body><h1>Climate data platform launched</h1>{body}</body></html>";

    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "n.html", Page(Repeat("<div>", 20_000) + $"<p>{Body}</p>" + Repeat("</div>", 20_000)) },
        { "n.html", Page($"<p>{Body}</p>" + Repeat("<b>", 200_000) + "x") },
        { "n.html", Page($"<p>{Body}" + Repeat("<span>", 100_000) + "x</p>") },
        { "n.md", $"# Climate data platform launched\n\n{Body}\n\n" + Repeat(">", 20_000) + " quoted\n" },
        { "n.md", $"# Climate data platform launched\n\n{Body}\n\n" + Repeat("- ", 20_000) + "x\n" },
        { "n.md", $"# Climate data platform launched\n\n{Body}\n\n" + string.Concat(Enumerable.Range(0, 400).Select(i => new string(' ', i * 2) + "- x\n")) },
        { "n.eml", "Subject: Climate data platform launched\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + Repeat("<div>", 20_000) + $"<p>{Body}</p>" },
        { "n.json", System.Text.Json.JsonSerializer.Serialize(new { title = "Climate data platform launched", bodyHtml = Repeat("<div>", 20_000) + Body }) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void DeepNesting_IsRejectedWithItsOwnCode(string fileName, string content)
    {
        var result = ParseWithinBudget(content, fileName);

        Assert.False(result.Accepted);
        Assert.Equal(RejectionCodes.TooDeeplyNested, result.Rejection!.Code);
        Assert.Contains(ReleaseParser.MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingWellBelowTheLimit_IsAccepted_WithItsText()
    {
        var release = ParseWithinBudget(Page(Repeat("<div>", 150) + $"<p>{Body}</p>" + Repeat("</div>", 150)), "n.html").Release;

        Assert.NotNull(release);
        Assert.Equal(Body, release.BodyText);
    }

    [Fact]
    public void MarkdownWithOrdinaryNesting_IsAccepted()
    {
        var release = ParseWithinBudget("# Climate data platform launched\n\n> " + Body + "\n>\n> - one\n>   - two\n>     1. three\n\n        indented code\n", "n.md").Release;

        Assert.NotNull(release);
        Assert.Contains("three", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void AWideList_OfTwentyThousandItems_IsReadWhole()
    {
        var release = ParseWithinBudget(Page($"<p>{Body}</p><ul>" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<li>item {i}</li>")) + "</ul>"), "n.html").Release;

        Assert.NotNull(release);
        Assert.Contains("<li>item 19999</li>", release.BodyHtml, StringComparison.Ordinal);
        Assert.EndsWith("- item 19999", release.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r.txt", "Climate data platform launched\n\n" + Body)]
    [InlineData("r.md", "# Climate data platform launched\n\n" + Body)]
    [InlineData("r.html", "<h1>Climate data platform launched</h1><p>" + Body + "</p>")]
    [InlineData("r.eml", "Subject: Climate data platform launched\r\nContent-Type: text/html\r\n\r\n<p>" + Body + "</p>")]
    [InlineData("r.json", "{\"title\": \"Climate data platform launched\", \"body\": \"" + Body + "\"}")]
    public void SpentBudget_RejectsTheUploadAsParseTimeout(string fileName, string content)
    {
        using var spent = new CancellationTokenSource();
        spent.Cancel();

        var result = ReleaseParser.Parse(Encoding.UTF8.GetBytes(content), fileName, budget: spent.Token);

        Assert.Equal(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }

    [Fact]
    public void TheLinearSerializer_WritesWhatInnerHtmlWrites()
    {
        const string html = "<div><p class=\"x\" title='a \"b\" &amp; c'>Tom &amp; Jerry &lt;3 &nbsp;é</p><br><hr><pre>\nkept newline\n</pre>"
            + "<pre>no newline</pre><ul><li>one<li>two</ul><!-- note --><table><tr><td>cell</td></tr></table><a href=\"https://x.example/?a=1&amp;b=2\">link</a></div>";
        var document = new HtmlParser().ParseDocument(html);
        var root = document.Body!;

        Assert.Equal(root.InnerHtml, HtmlTree.InnerHtml(root, CancellationToken.None));
    }
}
