using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// An e-mail whose subject names only the kind of message (issue 18; docs/release-formats.md): a release's label alone, or a
/// topic of a word or two before one ("Re Agreement - Press Release"). The body's own headline is the title; a subject that is
/// a headline stays it. Each with variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutSubjectTests
{
    private const string Headline = "Example Foundation Opens Applications for Its Spring Grant Round";
    private const string Body = "The Example Foundation is pleased to announce that applications are now open for its spring granting cycle, in which grants go to programs of local non-profit organizations.";

    private static string Mail(string subject, string text) =>
        $"From: Example Desk <desk@example.org>\r\nTo: news@example.org\r\nSubject: {subject}\r\nDate: Sat, 28 Sep 1996 00:21:56 -0700\r\n"
        + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}";

    [Theory]
    [InlineData("Press Release")]
    [InlineData("NEWS RELEASE")]
    [InlineData("Pressemitteilung")]
    [InlineData("Communiqué de presse")]
    [InlineData("Nota de prensa")]
    public void Email_ASubjectThatIsALabel_GivesWayToTheBodysHeadline(string subject)
    {
        var release = Accept(Mail(subject, $"{Headline}\r\n\r\n{Body}\r\n\r\n{Body}\r\n"), "label.eml");

        Assert.Equal(Headline, release.Title);
    }

    [Theory]
    [InlineData("Re Merger - Press Release")]
    [InlineData("Dividend – Pressemitteilung")]
    [InlineData("RNS: Example SA - Re Acquisition - Press Release")]
    public void Email_ATopicAndALabel_GiveWayToTheBodysHeadlineUnderItsDateLine(string subject)
    {
        var text = $"Re Acquisition - Press Release\r\n\r\nExample SA\r\n8 March 2002\r\n\r\nPRESS RELEASE\r\n\r\n"
            + $"EXAMPLE MOBILE, SUBSIDIARY OF EXAMPLE SA, AGREES TO BUY 65% OF A REGIONAL OPERATOR\r\n\r\nMadrid, 8 March 2002.- {Body}\r\n\r\n{Body}\r\n";

        var release = Accept(Mail(subject, text), "topic.eml");

        Assert.Equal("EXAMPLE MOBILE, SUBSIDIARY OF EXAMPLE SA, AGREES TO BUY 65% OF A REGIONAL OPERATOR", release.Title);
    }

    // A body wrapped at a fixed width, every short line a candidate: the headline is the first that stands alone.
    [Theory]
    [InlineData("Press Release")]
    [InlineData("Pressemitteilung")]
    public void Email_ALabelSubjectOverAWrappedBody_GivesWayToTheHeadlineThatStandsAlone(string subject)
    {
        var text = $"{Headline}\r\n\r\nThe Example Foundation is pleased to announce that applications\r\nare now open for its spring cycle, in which grants\r\n"
            + "go to programs of local non-profit organizations serving\r\nfamilies in the five counties of the region.\r\n\r\n"
            + "Application packets are available from the Example Foundation,\r\n1202 Main Street, #1001, Springfield, 98122-3934, 206/323-3318.\r\n"
            + "Completed applications must arrive no later\r\nthan December 1, 1996.\r\n";

        var release = Accept(Mail(subject, text), "wrapped.eml");

        Assert.Equal(Headline, release.Title);
    }

    [Theory]
    [InlineData("Example Foundation announces its spring grants")]
    [InlineData("Merger completed - Press Release")]
    public void Email_ASubjectThatIsAHeadline_StaysTheTitle(string subject)
    {
        var release = Accept(Mail(subject, $"Program notes for the coming season\r\n\r\n{Body}\r\n\r\n{Body}\r\n"), "headline.eml");

        Assert.StartsWith(subject.Split(" - ")[0], release.Title, StringComparison.Ordinal);
    }
}
