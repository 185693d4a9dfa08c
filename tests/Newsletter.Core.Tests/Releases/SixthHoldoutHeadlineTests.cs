using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The headline classes the corpus's sixth holdout failed on (issue 18; docs/release-formats.md): a publication's, site's or
/// section's name above the headline (a topic and a publication, a section of an organisation, a newsletter's issue date, an
/// organisation's letterhead), page furniture (a page count, a release service's number and categories, a feed's notice of
/// two sentences), a breadcrumb that ends on a section, and a wire's label before the headline. Each with variants of its
/// own that are not corpus files.
/// </summary>
public class SixthHoldoutHeadlineTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a publication's, site's or section's name right above the headline, which stands above its date line.
    [Theory]
    [InlineData("Physics | Science Daily")]
    [InlineData("Chemie | Wissenschaft aktuell")]
    [InlineData("Santé | Le Journal")]
    [InlineData("Medienmitteilungen der Stadt Winterthur")]
    [InlineData("Press releases of the City of Leeds")]
    [InlineData("Communiqués de la Ville de Lyon")]
    [InlineData("Daily News 12 / 03 / 2021")]
    [InlineData("Newsletter vom 14.05.2019")]
    [InlineData("Newsletter of 3 March 2020")]
    [InlineData("Jornal da UFRJ online")]
    [InlineData("MINISTERIO DE CULTURA noticias")]
    [InlineData("University of Example News")]
    public void Text_APublicationsOrSectionsNameAboveTheHeadline_IsNotTheTitle(string name)
    {
        var release = Accept($"Example Portal\nHome\nNews\nContact\n{name}\n{Title}\n15 April 2021\n{Body}\n", "named.txt");

        Assert.Equal(Title, release.Title);
    }

    [Theory]
    [InlineData("Science Daily reaches a million readers")]
    [InlineData("Stadt Winterthur eröffnet neues Hallenbad")]
    [InlineData("Newsletter shows record growth in 2020")]
    public void Text_AHeadlineThatNamesAPublicationOrAnOrganisation_StaysTheTitle(string headline)
    {
        var release = Accept($"Example Portal\nHome\n{headline}\n15 April 2021\n{Body}\n", "named.txt");

        Assert.Equal(headline, release.Title);
    }

    [Theory]
    [InlineData("## Medienmitteilungen der Stadt Winterthur")]
    [InlineData("## Press releases of the City of Leeds")]
    [InlineData("## Newsletter vom 14.05.2019")]
    public void Markdown_ASectionsNameAsAHeading_IsNotTheTitle(string heading)
    {
        var release = Accept($"[Portal](https://example.org/) » [City](https://example.org/city)\n\n{heading}\n\n### {Title}\n\n19. Juni 2019 - 12:00\n\n{Body}\n", "section.md");

        Assert.Equal(Title, release.Title);
    }

    // Class 1 on a page: a bulletin's issue as the page's title and its first lines, the release's headline set in bold below.
    [Theory]
    [InlineData("Daily News 12 / 03 / 2021")]
    [InlineData("Newsletter vom 14.05.2019")]
    [InlineData("Boletín de noticias 3 de mayo de 2021")]
    public void Html_ABulletinsIssueAsThePagesTitle_IsNotTheTitle(string issue)
    {
        var html = $"<html><head><title>Example Agency - PRESS RELEASES - {issue}</title></head><body>"
            + "<div id=\"header\"><p>Example Agency</p><p>Press release database</p><ul><li><a href=\"/\">Help</a></li><li><a href=\"/c\">Contact</a></li></ul></div>"
            + "<div id=\"nav\"><p>Navigation path</p><a href=\"/\">Example Agency</a> &gt; Daily News</div>"
            + $"<div id=\"content\"><p>Additional tools</p><p>Example Agency - Daily News</p><p>{issue}</p><p>Brussels, 12 March 2021</p>"
            + $"<p><strong>{Title}</strong></p><p>{Body}</p><p>{Body}</p></div></body></html>";

        Assert.Equal(Title, Accept(html, "bulletin.html").Title);
    }

    // The site's name leads a page's title that names a section after it: it is the issuer when the text names none.
    [Theory]
    [InlineData("Example Agency", "PRESS RELEASES")]
    [InlineData("Beispiel Stiftung", "Pressemitteilungen")]
    [InlineData("Agence Exemple", "Communiqués de presse")]
    public void Html_ASitesNameBeforeASectionInThePagesTitle_IsTheIssuer(string site, string section)
    {
        var html = $"<html><head><title>{site} - {section} - Daily News 12 / 03 / 2021</title></head><body>"
            + $"<div id=\"content\"><p>Brussels, 12 March 2021</p><p><strong>{Title}</strong></p>"
            + $"<p>{Body}</p></div></body></html>";

        Assert.Equal(site, Accept(html, "site.html").Organisation);
    }

    // Class 6: a mail's cover note above the release it carries: the release's own headline, by its date line, is the title.
    [Theory]
    [InlineData("Catalyst splits water: results", "Dear all,\nplease find below the press release approved today by the board of the company.\nBest regards,\nInvestor Relations", "Milan, April 15, 2021")]
    [InlineData("Quartalszahlen: catalyst water", "Liebe Kolleginnen und Kollegen,\nanbei finden Sie die heutige Pressemitteilung des Vorstands zu den Zahlen des Quartals.\nMit freundlichen Grüßen", "Hamburg, 15. April 2021")]
    [InlineData("Risultati: catalyst splits water", "Gentili tutti,\nin calce il comunicato stampa approvato oggi dal consiglio di amministrazione della società.\nCordiali saluti", "Milano, 15 aprile 2021")]
    public void Email_ACoverNoteAboveTheRelease_GivesWayToTheReleasesHeadline(string subject, string cover, string dateLine)
    {
        var eml = $"From: Investor Relations <ir@example.com>\r\nSubject: {subject}\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{cover.Replace("\n", "\r\n")}\r\n\r\nPress Release\r\n{dateLine}\r\n{Title}\r\n\r\n{Body}\r\n";

        Assert.Equal(Title, Accept(eml, "cover.eml").Title);
    }

    [Theory]
    [InlineData("Research digest of the month", "Actualités des laboratoires")]
    [InlineData("Tender offer for the company's shares", "To Whom It May Concern,")]
    public void Email_ADatedLineThatTellsAnotherStory_KeepsTheSubject(string subject, string line)
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {subject}\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\nDear editors,\r\nplease find below our news of the month, approved today by the board of the institute.\r\n\r\n15 April 2021\r\n{line}\r\n\r\n{Body}\r\n";

        Assert.Equal(subject, Accept(eml, "other.eml").Title);
    }

    [Fact]
    public void Email_ABodyWithoutADatedHeadline_KeepsTheSubject()
    {
        var eml = "From: Press Office <press@example.org>\r\nSubject: New catalyst splits water\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\nDear editors,\r\nWhat follows is our latest research news\r\n\r\n{Body}\r\n";

        Assert.Equal("New catalyst splits water", Accept(eml, "plain.eml").Title);
    }

    // Class 2: an organisation's letterhead in capitals above the date line, with the headline under the date.
    [Theory]
    [InlineData("MINISTERIO DE CULTURA Y DEPORTE", "Madrid, 3 de mayo de 2019")]
    [InlineData("MINISTERE DE L'AGRICULTURE ET DE L'ALIMENTATION", "Paris, le 3 mai 2019")]
    [InlineData("DEPARTMENT OF TRANSPORT", "London, 3 May 2019")]
    public void Text_ALetterheadAboveTheDateLine_IsNotTheTitle(string letterhead, string dateLine)
    {
        var release = Accept($"Portal\nAccueil\n{letterhead}\n{dateLine}\n{Title}\n{Body}\n", "letterhead.txt");

        Assert.Equal(Title, release.Title);
    }

    // Class 3: page furniture above the headline: a page count, a release service's number and categories, a feed's notice.
    [Theory]
    [InlineData("Page 1 of 4")]
    [InlineData("Seite 2 von 5")]
    [InlineData("Página 1 de 3")]
    [InlineData("Pagina 1 di 2")]
    [InlineData("ots20210412003 Wirtschaft/Finanzen, Politik/Recht")]
    [InlineData("Wirtschaft/Finanzen, Politik/Recht, Medien/Kommunikation")]
    public void Text_PageFurnitureAboveTheHeadline_IsNotTheTitle(string furniture)
    {
        var release = Accept($"Example Portal\nHome | News | Contact\nNews of April 20, 2021\n{furniture}\n{Title}\nBoston, April 15, 2021 -- {Body}\n", "furniture.txt");

        Assert.Equal(Title, release.Title);
    }

    [Theory]
    [InlineData("Council updates appear here as soon as they are published. For the full text see the council's own site")]
    [InlineData("Die Meldungen des Amtes erscheinen hier, sobald sie veröffentlicht sind. Den vollen Text finden Sie auf der Website des Amtes")]
    public void Text_AFeedsNoticeOfTwoSentencesAboveTheDate_IsNotTheTitle(string notice)
    {
        var release = Accept($"Example Portal\nHome\nArticles\n{notice}\n27th October 2020\n{Title}\n{Body}\n", "notice.txt");

        Assert.Equal(Title, release.Title);
    }

    [Fact]
    public void Text_AHeadlineWithAnInitialOrACompanyForm_StaysTheTitle()
    {
        const string headline = "Dr. Jane Smith joins Example Holdings Inc. as chief scientist";
        var release = Accept($"Example Portal\nHome\n{headline}\n27th October 2020\n{Body}\n", "initial.txt");

        Assert.Equal(headline, release.Title);
    }

    // Class 4: a breadcrumb that ends on the section's name, repeated below it, names no release.
    [Theory]
    [InlineData("Home › Media › Media Releases", "Media Releases")]
    [InlineData("Startseite » Presse » Pressemitteilungen", "Pressemitteilungen")]
    public void Text_ABreadcrumbEndingOnASection_IsNotTheTitle(string crumb, string section)
    {
        var release = Accept($"Example Institute\nSearch\n{crumb}\n{section}\n9. September 2014\n{Title}\n{Body}\n", "crumb.txt");

        Assert.Equal(Title, release.Title);
    }

    // Class 5: a wire's label before the headline and the language it is given in after it.
    [Theory]
    [InlineData("EQS-Adhoc: ", " (deutsch)")]
    [InlineData("DGAP-News: ", " (english)")]
    [InlineData("EQS-News: ", "")]
    [InlineData("", " (français)")]
    public void Markdown_AWiresLabelAndLanguage_AreNotPartOfTheTitle(string label, string language)
    {
        var release = Accept($"# {label}Example AG: {Title}{language}\n\n20.10.2023\n\n{Body}\n", "wire.md");

        Assert.Equal($"Example AG: {Title}", release.Title);
    }

    [Fact]
    public void Markdown_AHeadlineThatStartsWithTwoPlaces_KeepsThem()
    {
        var release = Accept($"# UK-Canada: {Title}\n\n20.10.2023\n\n{Body}\n", "places.md");

        Assert.Equal($"UK-Canada: {Title}", release.Title);
    }
}
