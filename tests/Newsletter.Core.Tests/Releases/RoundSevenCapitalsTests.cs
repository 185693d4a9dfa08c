using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A mail whose subject gives the release's headline cut short, while the body sets it in full in capitals (issue 18;
/// docs/release-formats.md): the body's headline, wrapped over two lines in capitals, is the title. Each with variants of its own
/// that are not corpus files.
/// </summary>
public class RoundSevenCapitalsTests
{
    private const string Body = "Today, Thursday, at 1 pm, the exchange and the other companies of the group will hold two minutes of silence in memory of the victims, together with the other exchanges of Europe.";

    private static string Mail(string subject, string text) =>
        $"From: Example Exchange - Media Relations <media@example.org>\r\nTo: press@example.org\r\nSubject: {subject}\r\nDate: Thu, 14 Jul 2005 10:17:42 +0200\r\n"
        + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}";

    [Theory]
    [InlineData("PRESS RELEASE - Example Exchange Group: two minutes of silence today at 1 pm CET",
        "THE EXAMPLE EXCHANGE GROUP TO OBSERVE TWO MINUTES OF SILENCE", "TODAY, JULY 14 AT 1 pm CET TO COMMEMORATE THE VICTIMS OF THE ATTACKS")]
    [InlineData("Pressemitteilung - Beispiel Börse: zwei Schweigeminuten heute um 13 Uhr",
        "DIE BEISPIEL BÖRSE HÄLT HEUTE UM 13 UHR ZWEI SCHWEIGEMINUTEN", "ZUM GEDENKEN AN DIE OPFER DER ANSCHLÄGE")]
    public void Email_ACapitalsHeadlineInTheBodyThatTellsTheSubjectsStoryInFull_IsTheTitle(string subject, string first, string second)
    {
        var text = $"PRESS RELEASE\r\n\r\n{first}\r\n{second}\r\n\r\n{Body}\r\n\r\nTrading systems will stay open.\r\n\r\nMilan, 14-Jul-05\r\n";

        var release = Accept(Mail(subject, text), "capitals.eml");

        Assert.Equal($"{first} {second}", release.Title);
    }

    // A body headline that tells another story, or a letterhead in capitals, leaves the subject the title.
    [Theory]
    [InlineData("EXAMPLE EXCHANGE GROUP", "MEDIA RELATIONS OFFICE")]
    [InlineData("QUARTERLY TRADING STATISTICS FOR THE SECOND QUARTER", "PUBLISHED BY THE MARKET SUPERVISION UNIT")]
    public void Email_ACapitalsBlockThatTellsAnotherStory_LeavesTheSubject(string first, string second)
    {
        const string subject = "Example Exchange Group: two minutes of silence today at 1 pm CET";
        var text = $"{first}\r\n{second}\r\n\r\n{Body}\r\n\r\nTrading systems will stay open.\r\n";

        var release = Accept(Mail(subject, text), "other.eml");

        Assert.Equal(subject, release.Title);
    }
}
