using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The headline classes the corpus's fourth holdout failed on (issue 18; docs/release-formats.md): listing and archive
/// headings, language switchers, breadcrumbs, a menu or a wire's promotion above the headline, and a release's label,
/// number, bullet or bracketed month around it. Each with variants of its own that are not corpus files.
/// </summary>
public class FourthHoldoutHeadlineTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a listing's, an archive's or a category's heading above the release.
    [Theory]
    [InlineData("Category: Press Releases")]
    [InlineData("Kategorie: Pressemitteilungen")]
    [InlineData("Medienmitteilungen 2016")]
    [InlineData("Press Releases and Statements")]
    [InlineData("Newsletter Vol.25")]
    [InlineData("Vol. 12, No. 3")]
    [InlineData("Ausgabe 3/2019")]
    [InlineData("Press Room")]
    public void Text_AListingOrCategoryHeading_IsNotTheTitle(string heading)
    {
        var release = Accept($"{heading}\n\n{Title}\n\n15 April 2021\n\n{Body}\n", "listing.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("<h1>Medienmitteilungen 2016</h1><p class=\"lead\">Hier sehen Sie die aktuellen Mitteilungen der Universität.</p><div><p class=\"date\">15.04.2021</p><p>Teaser</p><h3>{T}</h3><p>{B}</p></div>")]
    [InlineData("<h1>Press Room</h1><h2>Press Releases and Statements</h2><p>Your search for Press Release returned 1379 results.</p><ul><li><p>APRIL 15, 2021</p><h3>{T}</h3><p>{B}</p></li><li><p>APRIL 19, 2021</p><h3>Another release of the week after this one</h3><p>{B}</p></li></ul>")]
    public void Html_AListingsHeadingOverDatedEntries_GivesWayToTheFirstEntry(string body)
    {
        var html = "<html><body>" + body.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal) + "</body></html>";

        var release = Accept(html, "listing.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("<p><b>April 15, 2021</b><br><a href=\"/news/2021/a.html\">{T}</a><br>{B}</p><p><b>April 9, 2021</b><br><a href=\"/news/2021/b.html\">Another release from the week before</a><br>{B}</p>")]
    [InlineData("<ul><li><span>15.04.2021</span> <a href=\"/a\">{T}</a> {B}</li><li><span>09.04.2021</span> <a href=\"/b\">Another release from the week before</a></li></ul>")]
    public void Html_AListingWithoutHeadings_GivesItsFirstDatedEntry(string entries)
    {
        var html = "<html><body><h1>2021 Press Releases</h1>" + entries.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal) + "</body></html>";

        var release = Accept(html, "archive.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    // Class 2: a language switcher is chrome, a headline that names languages is not.
    [Theory]
    [InlineData("Portuguese English Spanish")]
    [InlineData("Deutsch | English | Français")]
    [InlineData("EN FR DE NL")]
    [InlineData("Svenska · English")]
    public void Text_ALanguageSwitcherAboveTheHeadline_IsNotTheTitle(string switcher)
    {
        Assert.True(HeadlineFinder.IsLanguageSwitcher(switcher));

        var release = Accept($"{switcher}\n\n{Title}\n\n15 April 2021\n\n{Body}\n", "switcher.txt");

        Assert.Equal(Title, release.Title);
    }

    [Theory]
    [InlineData("English and German schools swap their pupils")]
    [InlineData("Dutch research council funds six new projects")]
    public void ALineNamingLanguagesAmongOtherWords_IsNoSwitcher(string headline) =>
        Assert.False(HeadlineFinder.IsLanguageSwitcher(headline));

    // Class 3: a breadcrumb's last crumb names the page: the line below that repeats it is the headline.
    [Theory]
    [InlineData("Você está aqui: Notícias » {T}")]
    [InlineData("Sie sind hier: Startseite > Presse > {T}")]
    [InlineData("Home › News › {T}")]
    public void Text_TheLineThatRepeatsTheBreadcrumbsLastCrumb_IsTheTitle(string crumb)
    {
        var text = "Portuguese English Spanish\nInterface\nAdjust the interface to make it easier to use for different conditions.\n"
            + "This renders the document in high contrast mode.\nBusca Avançada\n" + crumb.Replace("{T}", Title, StringComparison.Ordinal)
            + $"\n\n{Title}\n\nA deck that runs on about the study and what it found in many samples from many places in the country\n{Body}\n";

        Assert.Equal(Title, Accept(text, "crumb.txt").Title);
    }

    // Class 4: a sign-up prompt and a menu's entries between the first headline-like line and the release.
    [Theory]
    [InlineData("Receive our news by email!")]
    [InlineData("Get the latest stories in your inbox")]
    public void Text_AMenuBetweenAPromptAndTheHeadline_LeavesTheLineAboveTheBodyAsTheTitle(string prompt)
    {
        var text = $"Skip to content\nExample University\nNewsletter Vol.25\n{prompt}\nView\nSubscribe\nClose\nNEWS\nSearch\nby recently order\nby view order\n{Title}\n{Body} {Body}\n2021.04.15\nView 16572\n";

        var release = Accept(text, "menu.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Fact]
    public void Text_ATitleWithADeckAndTheBody_KeepsTheFirstLine()
    {
        var text = $"{Title}\nA deck line under the headline that says more\nAnd a second deck line with more to say\n\n{Body}\n";

        Assert.Equal(Title, Accept(text, "deck.txt").Title);
    }

    // Class 5: a wire's promotion above the headline; the headline stands above a contact line and a yearless dateline.
    [Theory]
    [InlineData("Find out how you can start using Example Wire to")]
    [InlineData("Learn how your organisation can send its news with")]
    public void Text_AWiresPromotionAboveTheHeadline_IsNotTheTitle(string promotion)
    {
        var text = "Example Wire is a cost-effective and efficient newswire service for public policy groups, government agencies, PR firms, "
            + "think-tanks, watchdog groups, advocacy groups, coalitions, foundations, colleges and universities to distribute their releases.\n\n"
            + $"{promotion}\n\nCONNECT WITH THE WORLD\n\nSign Up to Receive Press Releases:\n\n{Title}\n\n"
            + "Contact: Jane Doe, Example Foundation, +1 555 0100, jane@example.org\n\n"
            + $"BOSTON, April 15 /Example Wire/ -- {Body}\n\nThe 2021 work goes on.\n";

        Assert.Equal(Title, Accept(text, "wire.txt").Title);
    }

    // Class 6: a release's label and number, a listing's bullet and its bracketed month around the headline.
    [Theory]
    [InlineData("Comunicati stampa - CS N° 27/2017 {T}")]
    [InlineData("Press release No. 12/2021: {T}")]
    [InlineData("Pressemitteilung Nr. 23/2014 – {T}")]
    [InlineData("Communiqués de presse – {T}")]
    [InlineData("• PRESS RELEASE : {T} [June 2025]")]
    [InlineData("{T} (15 April 2021)")]
    [InlineData("▪ {T}")]
    public void Title_ALabelNumberBulletOrBracketedMonth_IsDropped(string shape)
    {
        var html = $"<html><body><h1>{shape.Replace("{T}", Title, StringComparison.Ordinal)}</h1><p>{Body}</p></body></html>";

        Assert.Equal(Title, Accept(html, "label.html").Title);
    }

    [Theory]
    [InlineData("Press release: 3 new species found in the Alps", "3 new species found in the Alps")]
    [InlineData("New catalyst enters trials (Phase II)", "New catalyst enters trials (Phase II)")]
    [InlineData("Releases of methane fell in 2020", "Releases of methane fell in 2020")]
    public void Title_ANumberOrBracketThatIsPartOfTheHeadline_Stays(string heading, string expected)
    {
        var html = $"<html><body><h1>{heading}</h1><p>{Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "kept.html").Title);
    }
}
