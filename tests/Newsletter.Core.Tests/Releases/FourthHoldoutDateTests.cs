using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The date classes the corpus's fourth holdout failed on (issue 18; docs/release-formats.md): a labelled publication date
/// or a place-and-date line below the first paragraphs, a newspaper's two-digit-year date line, a date only in the canonical
/// URL's slug or compact id, a date only in the headline's release label. Each with variants that are not corpus files.
/// </summary>
public class FourthHoldoutDateTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    [Theory]
    [InlineData("Publisert 04.12.2025", 2025, 12, 4)]
    [InlineData("Published: 3 March 2021", 2021, 3, 3)]
    [InlineData("Veröffentlicht am 21.12.2012", 2012, 12, 21)]
    public void Json_ALabelledPublicationDateBelowTheOpening_DatesTheRelease(string label, int y, int m, int d)
    {
        var json = $"{{\"title\": \"{Title}\", \"bodyText\": \"We recommend the latest browser.\\n\\n{Title}\\n\\n{Body} On 3. desember it was given.\\n\\n{label}\\nA group of people with certificates\\n\\n{Body}\"}}";

        Assert.Equal(new DateOnly(y, m, d), Accept(json, "label.json").Date);
    }

    [Theory]
    [InlineData("Paris, le 29 janvier 2019", 2019, 1, 29)]
    [InlineData("Berlin, den 3. März 2019", 2019, 3, 3)]
    [InlineData("Roma, 3 marzo 2019", 2019, 3, 3)]
    public void Docx_APlaceAndDateLineBelowTheHeadersChrome_DatesTheRelease(string line, int y, int m, int d)
    {
        var docx = DocxBuilder.FromSource($"Retour en haut\n# {Title}\nCatégorie\nCorporate et autres activités, RSE\n{line}\nDix-neuf jeunes créateurs récompensés !\n{Body}\n");

        Assert.Equal(new DateOnly(y, m, d), Accept(docx, "place.docx").Date);
    }

    [Theory]
    [InlineData("28.02.13", 2013, 2, 28)]
    [InlineData("01.10.98", 1998, 10, 1)]
    public void Html_ANewspapersTwoDigitYearDateLine_DatesTheRelease(string line, int y, int m, int d)
    {
        var html = $"<html><body><div class=\"article\"><p class=\"date\">{line}</p><p class=\"section\">Gesellschaft</p><h1>{Title}</h1><p>{Body}</p></div></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "paper.html").Date);
    }

    [Theory]
    [InlineData("https://www.example-wire.at/presseaussendung/OTS_20190813_OTS0086/new-catalyst", 2019, 8, 13)]
    [InlineData("https://example-wire.com/news/home/20220525005536/en", 2022, 5, 25)]
    [InlineData("https://www.example.com/sv/press/2013/344036-example-clarification-2013-11-12/", 2013, 11, 12)]
    public void Html_ADateOnlyInTheCanonicalUrlsSlugOrId_DatesTheRelease(string url, int y, int m, int d)
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "url.html").Date);
    }

    [Fact]
    public void Html_ADateOnlyInTheHeadlinesReleaseLabel_DatesTheReleaseAndStaysInTheTitle()
    {
        var html = $"<html><body><h1>Example AB: Clarification 2013-11-12</h1><p>{Body}</p></body></html>";

        var release = Accept(html, "label.html");

        Assert.Equal("Example AB: Clarification 2013-11-12", release.Title);
        Assert.Equal(new DateOnly(2013, 11, 12), release.Date);
    }

    [Theory]
    [InlineData("ISS, 21 aprile 2017", 2017, 4, 21)]
    [InlineData("Example Institute, 21 April 2017", 2017, 4, 21)]
    public void Html_AnAggregatorsTimeStamp_GivesWayToTheReleasesOwnDateLine(string line, int y, int m, int d)
    {
        var html = $"<html><body><h3>{Title}</h3><div class=\"meta\"><a href=\"/s/7\">Example Institute of Health</a> - <span>Sa, 22/04/2017 - 14:18</span></div>"
            + $"<div><p>{line}</p><p>{Body}</p></div></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "feed.html").Date);
    }

    [Theory]
    [InlineData("MADISON, N.J., Oct. 16 /PRNewswire-FirstCall/ -- ")]
    [InlineData("BOSTON, Oct. 16 (Example-Wire) -- ")]
    public void Text_AYearlessDatelineWithoutABlankLineAboveIt_IsStillADateline(string dateline)
    {
        var text = $"{Title}\n\n{Title}\nA deck line that says more about the test kit\n{dateline}{Body} It is the 2009 test.\n\n{Body}\n";

        Assert.Equal(new DateOnly(2009, 10, 16), Accept(text, "wire.txt").Date);
    }
}
