using Newsletter.Core.Embargoes;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Embargoes;

public class EmbargoParsingTests
{
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before.";
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TextRelease_EmbargoLineAboveTheTitle_SetsTheEmbargoAndIsNotTheTitle()
    {
        var release = Accept($"EMBARGOED UNTIL 10:00 CET, 12 March 2025\n\nNew catalyst splits water\n\n{Body}", "release.txt");

        Assert.Equal("New catalyst splits water", release.Title);
        Assert.Equal(["10:00 CET, 12 March 2025"], release.EmbargoLines);
        Assert.DoesNotContain("EMBARGOED", release.BodyText, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), Decide(release).Embargo);
    }

    [Fact]
    public void HtmlRelease_EmbargoLineAtTheEnd_StillCounts()
    {
        var release = Accept($"<html><body><h1>New catalyst splits water</h1><p>{Body}</p><p>Embargo: 12 March 2025, 10:00</p></body></html>", "release.html");

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), Decide(release).Embargo);
    }

    [Fact]
    public void Markdown_FrontMatterEmbargo_IsTheField()
    {
        var release = Accept($"---\ntitle: New catalyst splits water\nembargo: 2025-03-12T10:00:00+01:00\n---\n{Body}\n", "release.md");

        Assert.Equal("2025-03-12T10:00:00+01:00", release.EmbargoField);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), Decide(release).Embargo);
    }

    [Fact]
    public void Json_EmbargoField_IsTheField()
    {
        var release = Accept($$"""{"title": "New catalyst splits water", "bodyText": "{{Body}}", "embargo": "2025-03-12T09:00:00Z"}""", "release.json");

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), Decide(release).Embargo);
    }

    [Fact]
    public void UnreadableField_IsRefusedWithItsCode()
    {
        var release = Accept($"---\ntitle: New catalyst splits water\nembargo: next Tuesday\n---\n{Body}\n", "release.md");

        Assert.Equal(RejectionCodes.InvalidEmbargo, Decide(release).Rejection?.Code);
    }

    [Fact]
    public void UnreadableLine_HoldsTheReleaseWithTheReason()
    {
        var release = Accept($"EMBARGOED UNTIL the end of the press conference\n\nNew catalyst splits water\n\n{Body}", "release.txt");
        var decision = Decide(release);

        Assert.Null(decision.Rejection);
        Assert.Contains("cannot be read", decision.HoldReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanAYearAhead_IsRefusedAsTooFar()
    {
        var release = Accept($"Embargo: 12 March 2027, 10:00\n\nNew catalyst splits water\n\n{Body}", "release.txt");

        Assert.Equal(RejectionCodes.EmbargoTooFar, Decide(release).Rejection?.Code);
    }

    [Fact]
    public void PastEmbargo_PublishesAtOnceWithAWarning()
    {
        var release = Accept($"Embargo: 12 February 2025, 10:00\n\nNew catalyst splits water\n\n{Body}", "release.txt");
        var decision = Decide(release);

        Assert.Null(decision.Embargo);
        Assert.Null(decision.Rejection);
        Assert.Contains(decision.Warnings, w => w.Contains("already passed", StringComparison.Ordinal));
    }

    [Fact]
    public void LineInTheAutumnFold_IsRefusedAsAmbiguous()
    {
        var release = Accept($"Embargo: 26 October 2025, 02:30\n\nNew catalyst splits water\n\n{Body}", "release.txt");

        Assert.Equal(RejectionCodes.EmbargoAmbiguousTime, Decide(release).Rejection?.Code);
    }

    [Fact]
    public void LineInTheSpringGap_IsRefusedAsNonexistent()
    {
        var release = Accept($"Embargo: 30 March 2025, 02:30\n\nNew catalyst splits water\n\n{Body}", "release.txt");

        Assert.Equal(RejectionCodes.EmbargoNonexistentTime, Decide(release).Rejection?.Code);
    }

    [Fact]
    public void SeveralEmbargoes_TheLatestApplies()
    {
        var release = Accept($"---\ntitle: New catalyst splits water\nembargo: 2025-03-12T10:00:00+01:00\n---\nEMBARGOED UNTIL 12:00 CET, 12 March 2025\n\n{Body}\n", "release.md");
        var decision = EmbargoRules.Decide(release.EmbargoField, new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.Zero), release.EmbargoLines, Brussels, Now);

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 11, 0, 0, TimeSpan.Zero), decision.Embargo);
        Assert.Contains(decision.Warnings, w => w.Contains("latest", StringComparison.Ordinal));
    }

    private static EmbargoDecision Decide(ParsedRelease release) => EmbargoRules.Decide(release.EmbargoField, null, release.EmbargoLines, Brussels, Now);
}
