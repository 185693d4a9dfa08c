using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A headline cut short in the middle of a word, as a forum's or feed's subject field cuts it, with the release below setting it
/// in full (issue 18; docs/release-formats.md): the full headline is the title. A headline that a later line merely goes on from
/// with a word of its own stays. Each with variants of its own that are not corpus files.
/// </summary>
public class RoundEightCutHeadlineTests
{
    private const string Body = "The committee met this morning to coordinate the response to the storms that have hit the north of the country for several days, together with the regions concerned.";

    [Theory]
    [InlineData("Maltempo: convocato il comitato operativo della protezione civi", "Maltempo: convocato il comitato operativo della protezione civile")]
    [InlineData("Storm warning: the crisis unit of the civil protection departm", "Storm warning: the crisis unit of the civil protection department meets today")]
    [InlineData("Unwetter: Krisenstab des Bevölkerungsschutzes tritt zusam", "Unwetter: Krisenstab des Bevölkerungsschutzes tritt zusammen")]
    public void PlainText_AHeadlineCutInAWordAboveItsFullForm_IsTheFullForm(string cut, string full)
    {
        var release = Accept($"{cut}\n\nPosted: 20 October 2024, 14:26\nPress release\n20 October 2024\n\n{full}\n\n{Body}\n", "forum.txt");

        Assert.Equal(full, release.Title);
        Assert.DoesNotContain(full, release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainText_ALaterLineThatGoesOnWithAWordOfItsOwn_LeavesTheHeadline()
    {
        const string headline = "Storm warning: the crisis unit meets today";
        var release = Accept($"{headline}\n\n20 October 2024\n\n{headline} at noon in the capital\n\n{Body}\n", "forum.txt");

        Assert.Equal(headline, release.Title);
    }
}
