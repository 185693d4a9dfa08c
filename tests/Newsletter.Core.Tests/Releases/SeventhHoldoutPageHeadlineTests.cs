using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A page without an h1 or a title whose headline a reader sees at once (issue 18; docs/release-formats.md): a blog's post
/// heading under the day's date header, a heading that carries its own date, a heading the body follows with no date near
/// it, a filing's bold headline under the form's cover text. Each is the title, in variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutPageHeadlineTests
{
    private const string Body = "The company said on Monday that the plan had been approved by the board and that the work would start in the spring, with the first results due before the end of the year.";

    private static string Page(string inner) => $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{inner}</body></html>";

    // A blog's day header above a wrapper that holds the post's heading: the date stands above the heading's block, not beside it.
    [Theory]
    [InlineData("<h2 class=\"date-header\"><span>Montag, 1. September 2025</span></h2>", "Beispiel AG schließt Verkauf ihres Logistikportfolios ab")]
    [InlineData("<h2 class=\"date-header\">Tuesday, March 4, 2014</h2>", "Example Corp completes the sale of its logistics portfolio")]
    [InlineData("<div class=\"day\">24.03.2014</div>", "Exemple SA finalise la cession de son portefeuille logistique")]
    public void Html_APostHeadingUnderTheDaysHeaderOfItsWrapper_IsTheTitle(string dayHeader, string headline)
    {
        var html = Page("<div class=\"sidebar\"><h2>Featured</h2><div><h3><a href=\"#\">More than five million page views for the blog</a></h3>"
            + "<p>The two blogs have been read more than five million times since they started, which the editors ...</p></div></div>"
            + $"<div class=\"main\">{dayHeader}<div class=\"post\"><h3 class=\"post-title\">{headline}</h3>"
            + $"<div class=\"post-body\"><p>Disclosure of inside information under the market abuse regulation</p><p>{Body}</p><p>{Body}</p></div></div></div>");

        var release = Accept(html, "post.html");

        Assert.Equal(headline, release.Title);
    }

    // A news item's heading that ends with its own date ("... - 21/06/2014", "..., 12 mai 2016"): the heading is dated itself, the
    // title is the heading as written, and its date is the release's.
    [Theory]
    [InlineData("Example Group backs cinema for everyone at the town's film festival - 21/06/2014", 2014, 6, 21)]
    [InlineData("El Grupo Ejemplo apoya el cine para todos en el festival de la ciudad – 3 de marzo de 2015", 2015, 3, 3)]
    [InlineData("Le Groupe Exemple soutient le cinéma pour tous au festival de la ville, 12 mai 2016", 2016, 5, 12)]
    public void Html_AHeadingThatCarriesItsOwnDate_IsTheTitleAndDatesTheRelease(string heading, int year, int month, int day)
    {
        var html = Page($"<header><div class=\"site-name\">Example Corporate</div></header><nav><a>Home</a> / <a>Media</a> / Community News</nav>"
            + $"<main><div class=\"news-item\"><h2>{heading}</h2><p>{Body}</p><p>{Body}</p></div></main>");

        var release = Accept(html, "item.html");

        Assert.Equal(heading, release.Title);
        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // An old page's heading with its deck, a photo's caption and the body under it, its date in a table of chrome above.
    [Theory]
    [InlineData("Portable vapor detector being prepared for its big field test", "Technology may be used for drug detection")]
    [InlineData("Un detector portátil de vapores se prepara para su gran prueba de campo", "La tecnología podría servir para detectar drogas")]
    [InlineData("Ein tragbarer Dampfdetektor wird für seinen großen Feldtest vorbereitet", "Die Technik könnte Drogen aufspüren")]
    public void Html_AHeadingTheBodyFollows_IsTheTitleWhenThePageHasNoOther(string headline, string deck)
    {
        var html = Page("<table><tr><td class=\"nav\">About Capabilities Programs Contacting Us News Center Search Home</td></tr></table>"
            + "<table><tr><td><b>News Releases</b></td><td align=\"right\">November 10, 2000</td></tr>"
            + "<tr><td colspan=\"2\">back to News Releases <b>Example National Laboratory</b></td></tr></table>"
            + $"<h2>{headline}</h2><h3>{deck}</h3><p><img src=\"a.jpg\" alt=\"a\"><br>READY FOR TESTING — Researchers watch a lab test of the portable system, which is now being refined for a field trial next year. (Photo by A. Photographer)</p>"
            + $"<p>SPRINGFIELD — {Body}</p><p>{Body}</p>");

        var release = Accept(html, "old.html");

        Assert.Equal(headline, release.Title);
    }

    // A filing's cover text (long check-box paragraphs) above the release's bold headline and its dateline.
    [Theory]
    [InlineData("Oil discovery in the deep waters of the gulf", "Rio de Janeiro, September 02 2009 –")]
    [InlineData("Descubrimiento de petróleo en aguas profundas del golfo", "Ciudad de México, 2 de septiembre de 2009 –")]
    public void Html_ABoldHeadlineUnderAFilingsCoverText_IsTheTitle(string headline, string dateline)
    {
        var html = Page("<p>Indicate by check mark whether the registrant files or will file annual reports under cover of Form 20-F or Form 40-F.</p>"
            + "<p>Form 20-F ___X___ Form 40-F _______</p>"
            + "<p>Indicate by check mark whether the registrant by furnishing the information contained in this Form is also thereby furnishing the information to the Commission pursuant to Rule 12g3-2(b).</p>"
            + "<p>Yes _______ No___X____</p>"
            + $"<p align=\"center\"><b>{headline}</b></p><p>{dateline} {Body}</p><p>{Body}</p>");

        var release = Accept(html, "filing.html");

        Assert.Equal(headline, release.Title);
        Assert.Equal(new DateOnly(2009, 9, 2), release.Date);
    }

    // A bold line above running text with no date after it is no headline of a filing: the page's own heading rules still decide.
    [Fact]
    public void Html_ABoldLineInsideRunningTextWithoutADateline_IsNotTakenPastTheText()
    {
        var html = Page($"<p>{Body}</p><p><b>Further reading on the plan and its funding</b></p><p>{Body}</p>");

        var rejection = Reject(html, "nodate.html");

        Assert.Equal("no-title", rejection.Code);
    }
}
