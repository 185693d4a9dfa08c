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

    // A Word document's letterhead above the headline: its release number, its contacts and the date line.
    [Theory]
    [InlineData("1/11/94", 1994, 1, 11)]
    [InlineData("March 3, 2001", 2001, 3, 3)]
    [InlineData("3. März 2001", 2001, 3, 3)]
    public void Docx_ADateLineInTheLetterheadAboveTheHeadline_DatesTheRelease(string dateLine, int year, int month, int day)
    {
        var source = $"AGENCY 94-4\nContact: Jane Example\nJohn Example\n{dateLine}\nSEVERE WEATHER WARNINGS SAVED LIVES AND PROPERTY LAST YEAR\n{Body}\n{Body}\n";

        var release = Accept(DocxBuilder.FromSource(source), "letterhead.docx");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // An old page's layout table above the heading, the date in a cell of its own beside the section's name.
    [Theory]
    [InlineData("November 10, 2000", 2000, 11, 10)]
    [InlineData("10 novembre 2000", 2000, 11, 10)]
    [InlineData("10. November 2000", 2000, 11, 10)]
    public void Html_ADateInALayoutTablesCellAboveTheHeading_DatesTheRelease(string cell, int year, int month, int day)
    {
        var html = "<html><body><table><tr><td class=\"nav\">About Programs Contacting Us News Center Search Home</td></tr></table>"
            + $"<table><tr><td><b>News Releases</b></td><td align=\"right\">{cell}</td></tr><tr><td colspan=\"2\">back to News Releases <b>Example Laboratory</b></td></tr></table>"
            + $"<h2>Portable vapor detector being prepared for its big field test</h2><p>SPRINGFIELD — {Body}</p><p>{Body}</p></body></html>";

        var release = Accept(html, "table.html");

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
