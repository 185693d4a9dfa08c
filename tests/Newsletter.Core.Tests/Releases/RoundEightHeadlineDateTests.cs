using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A headline that ends on the day of the event it names, with its weekday ("... on Monday 23 March 2020") (issue 18;
/// docs/release-formats.md): the weekday belongs to the date, so a date the headline leads into stays in it, and the release's
/// own date is the dateline's. A headline followed by its own date with a weekday still loses both. Each with variants of its
/// own that are not corpus files.
/// </summary>
public class RoundEightHeadlineDateTests
{
    private const string Body = "The board has decided, in view of the restrictions on public gatherings announced yesterday, to cancel the meeting and to convene it again later in the year.";

    [Theory]
    [InlineData("Example Group cancels the Annual General Meeting on Monday 23 March 2020")]
    [InlineData("Beispiel AG sagt die Hauptversammlung am Montag, 23. März 2020 ab")]
    [InlineData("Exemple SA reporte l'assemblée générale du lundi 23 mars 2020")]
    public void PlainText_AHeadlineThatLeadsIntoAWeekdayAndDate_KeepsIt(string headline)
    {
        var release = Accept($"{headline}\n\nHelsinki, 17 March 2020 - {Body}\n", "agm.txt");

        Assert.Equal(headline, release.Title);
        Assert.Equal(new DateOnly(2020, 3, 17), release.Date);
    }

    [Theory]
    [InlineData("Example Group cancels its Annual General Meeting, Tuesday 17 March 2020")]
    [InlineData("Example Group cancels its Annual General Meeting – Tuesday, 17 March 2020")]
    public void PlainText_AHeadlineFollowedByItsOwnWeekdayAndDate_LosesBoth(string line)
    {
        var release = Accept($"{line}\n\n{Body}\n", "agm.txt");

        Assert.Equal("Example Group cancels its Annual General Meeting", release.Title);
        Assert.Equal(new DateOnly(2020, 3, 17), release.Date);
    }
}
