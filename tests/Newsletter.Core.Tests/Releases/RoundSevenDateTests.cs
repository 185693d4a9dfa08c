using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A numeric date standing alone on its line (issue 18; docs/release-formats.md): a letterhead's "1/11/94" above the headline, a
/// page's "23/12/1998 - 09:13" under it. A day over 12 settles the order; one that reads both ways is settled by the page's
/// language and its other dates. Each with variants of its own that are not corpus files.
/// </summary>
public class RoundSevenDateTests
{
    private const string Body = "Better technology and sightings of severe weather on the ground helped forecasters put out a record number of alerts last year, saving lives and property, the agency said today.";

    [Theory]
    [InlineData("1/11/94", 1994, 1, 11)]
    [InlineData("12/23/98", 1998, 12, 23)]
    [InlineData("23/12/1998", 1998, 12, 23)]
    [InlineData("3-14-2001", 2001, 3, 14)]
    public void Text_ANumericDateLineUnderTheContactAboveTheHeadline_DatesTheRelease(string dateLine, int year, int month, int day)
    {
        var text = $"AGENCY 94-4\nContact: Jane Example\nJohn Example\n{dateLine}\nSEVERE WEATHER WARNINGS SAVED LIVES AND PROPERTY LAST YEAR\n{Body}\n{Body}\n";

        var release = Accept(text, "letterhead.txt");

        Assert.Equal("SEVERE WEATHER WARNINGS SAVED LIVES AND PROPERTY LAST YEAR", release.Title);
        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    [Theory]
    [InlineData("en", "09/05/2023 - 09:13", 2023, 9, 5)]
    [InlineData("de", "09/05/2023 - 09:13", 2023, 5, 9)]
    [InlineData("fr", "09-05-2023", 2023, 5, 9)]
    [InlineData("en", "23/12/1998, 10:30", 1998, 12, 23)]
    public void Html_ANumericDateLineUnderTheHeading_DatesTheReleaseInThePagesOrder(string language, string dateLine, int year, int month, int day)
    {
        var html = $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"></head><body><article><h1>Researchers selected as finalists for the inventor award</h1>"
            + $"<div class=\"date\">{dateLine}</div><p>{Body}</p><p>{Body}</p></article></body></html>";

        var release = Accept(html, "numeric.html");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // A number line that is no date (a release's number, a phone's) dates nothing.
    [Theory]
    [InlineData("94-4")]
    [InlineData("13/13/2001")]
    public void Text_ANumberLineThatIsNoDate_DatesNothing(string line)
    {
        var text = $"{line}\nSEVERE WEATHER WARNINGS SAVED LIVES AND PROPERTY LAST YEAR\n{Body}\n{Body}\n";

        var release = Accept(text, "number.txt");

        Assert.Null(release.Date);
    }
}
