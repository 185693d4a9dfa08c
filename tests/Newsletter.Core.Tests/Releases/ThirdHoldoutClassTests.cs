using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The classes of input the corpus's third holdout failed on (issue 18; docs/release-formats.md), each with
/// variants of its own that are not corpus files.
/// </summary>
public class ThirdHoldoutClassTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    private static string Fill(string shape) =>
        shape.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal);

    // Class 1: chrome above the headline: a distributor's tagline, a skip link in other languages.
    [Theory]
    [InlineData("PRESS RELEASES DISTRIBUTION")]
    [InlineData("News Distribution Service")]
    [InlineData("Saltar al contenido principal")]
    [InlineData("Aller au contenu principal")]
    [InlineData("Zum Inhalt springen")]
    [InlineData("Vai al contenuto principale")]
    [InlineData("Ga naar de hoofdinhoud")]
    [InlineData("Hoppa till huvudinnehållet")]
    public void Text_ATaglineOrSkipLinkRightAboveTheHeadline_IsNotTheTitle(string chrome)
    {
        var release = Accept(Fill($"EXAMPLE-WIRE.org - Press Release Distribution\n{chrome}\n\n{{T}}\n\n2021-04-15\n{{B}}"), "wire.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("Bochum, Bayreuth, 15.04.2021", "Nr. 13")]
    [InlineData("15 April 2021", "No. 5/2021")]
    [InlineData("Berlin, 15. April 2021", "")]
    public void Text_ATeaserAboveTheReleasesDateLine_IsPassedOver(string dateLine, string issue)
    {
        var text = $"exw - Example\nWire\n\n{Body} A teaser that goes on as a listing shows it.\n\n{dateLine}\n{issue}\n\n{Title}\nA deck line under the headline\n\n{Body}\n";

        var release = Accept(text, "teaser.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("Comunicati stampa")]
    [InlineData("Notas de prensa")]
    [InlineData("Comunicados")]
    public void Html_AListingsH1InOtherLanguages_GivesWayToTheReleasesHeading(string listing)
    {
        var html = $"<html><body><h1>{listing}</h1><div><h2>{Title}</h2><p>{Body} A teaser of the release.</p><p>Torino, 15 aprile 2021 – {Body}</p></div></body></html>";

        var release = Accept(html, "listing.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("ex99-1", "<p>Exhibit 99.1</p>", "b")]
    [InlineData("Document1", "<p>EX-99.1</p>", "strong")]
    [InlineData("press-release.docx", "", "b")]
    public void Html_AHeadlineInABoldParagraph_WinsOverAFileNamedTitle(string pageTitle, string label, string bold)
    {
        var html = $"<html><head><title>{pageTitle}</title></head><body>{label}<p><{bold}>{Title}</{bold}></p><p>BOSTON, MA, April 15, 2021 – {Body}</p><p><b>About Example Labs</b></p><p>Example Labs makes catalysts.</p></body></html>";

        var release = Accept(html, "exhibit.html");

        Assert.Equal(Title, release.Title);
        Assert.DoesNotContain(Title, release.BodyText, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    // Class 2: a label before the headline, the issuer's name and author after it.
    [Theory]
    [InlineData("Release – {T}")]
    [InlineData("Press release: {T}")]
    [InlineData("Pressemitteilung: {T}")]
    [InlineData("Comunicado – {T}")]
    [InlineData("{T} – Universität Zürich – UZH – Rita Ziegler")]
    [InlineData("{T} | University of Oxford")]
    [InlineData("{T} - Karolinska Institutet")]
    public void Text_ALabelOrAnIssuersSuffixOnTheHeadline_IsDropped(string headline)
    {
        Assert.Equal(Title, Accept(Fill($"{headline}\n\n15 April 2021\n\n{{B}}"), "labelled.txt").Title);
    }

    [Theory]
    [InlineData("Release of the first catalyst data set")]
    [InlineData("Water splitting – Jane Smith")]
    [InlineData("Partners – a new catalyst")]
    public void Text_AHeadlineThatOnlyLooksLabelled_StaysWhole(string headline)
    {
        Assert.Equal(headline, Accept(Fill($"{headline}\n\n15 April 2021\n\n{{B}}"), "headline.txt").Title);
    }

    // Class 3: dates: datelines after a deck, a blurb's closing date, split and URL dates, wire datelines, mails, lists.
    [Theory]
    [InlineData("COLUMBIA, MD (November 9, 2004) –")]
    [InlineData("ROCKVILLE, MD; November 9, 2004 –")]
    [InlineData("Redwood City, CA—November 9, 2004—")]
    [InlineData("CHATHAM, N.J., November 9, 2004 (GLOBE NEWSWIRE) —")]
    [InlineData("November 9, 2004 – New York, New York –")]
    public void Markdown_ADatelineUnderADeckAndBullets_WinsOverAPeriodsEnd(string dateline)
    {
        var markdown = $"# Example Corporation Reports Third Quarter Results\n\n**Revenue for the quarter ended September 30, 2004 rose 12%**\n\n- Margins up again\n- Data revenues up\n- A name change\n\n{dateline} Example Corporation (NASDAQ: EXMP) today reported revenue of $163.4 million for its quarter ended September 30, 2004.\n\nThe company grew in every market it serves, and its margins rose to 32 percent in the quarter.\n";

        Assert.Equal(new DateOnly(2004, 11, 9), Accept(markdown, "results.md").Date);
    }

    [Theory]
    [InlineData("20 April 2016")]
    [InlineData("April 20, 2016")]
    [InlineData("20.04.2016")]
    public void Html_AListingsBlurbEndingWithItsDate_GivesTheDate(string date)
    {
        var html = $"<html><body><h1>Latest press releases</h1><div><h3>{Title}</h3><p>{Body} {Body} <span class=\"date\">{date}</span></p><p>The awards fund programmes led from the institute.</p></div><div><h3>Another release</h3><p>{Body} <span class=\"date\">14 April 2016</span></p></div></body></html>";

        Assert.Equal(new DateOnly(2016, 4, 20), Accept(html, "listing.html").Date);
    }

    [Theory]
    [InlineData("de", "05", "01", "2023", 2023, 1, 5)]
    [InlineData("en", "Jan", "05", "2023", 2023, 1, 5)]
    [InlineData("it", "2023", "01", "05", 2023, 1, 5)]
    [InlineData("en", "25", "01", "2023", 2023, 1, 25)]
    public void Html_ADateSetInThreeElements_IsRead(string language, string first, string second, string third, int year, int month, int day)
    {
        var html = $"<html lang=\"{language}\"><body><div class=\"cat\">Blog</div><div>{first}</div><div>{second}</div><div>{third}</div><h1>{Title}</h1><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(year, month, day), Accept(html, "split.html").Date);
    }

    [Fact]
    public void Html_AnAmbiguousSplitDateOnAnEnglishPage_IsNotRead()
    {
        var html = $"<html lang=\"en\"><body><div>05</div><div>01</div><div>2023</div><h1>{Title}</h1><p>{Body}</p></body></html>";

        Assert.Null(Accept(html, "split.html").Date);
    }

    [Theory]
    [InlineData("https://www.example-investor.com/2021/01/21/example-submits-application/")]
    [InlineData("https://example.org/news/2021-01-21-example-submits-application")]
    public void Html_ADateOnlyInTheCanonicalUrl_IsUsed(string url)
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(2021, 1, 21), Accept(html, "investor.html").Date);
    }

    [Fact]
    public void Html_ADateInTheText_WinsOverTheCanonicalUrls()
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"https://example.org/2021/01/21/x/\"></head><body><h1>{Title}</h1><p>15 April 2021</p><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(2021, 4, 15), Accept(html, "dated.html").Date);
    }

    [Theory]
    [InlineData("OMAHA, Neb., SAN JOSE, Calif., May 29 /PRNewswire/—")]
    [InlineData("BOSTON, May 29 (Reuters) - ")]
    [InlineData("LYON, France, GENEVA, Switzerland, May 29 -- ")]
    public void Text_AYearlessWireDatelineOfOtherShapes_TakesTheTextsYear(string dateline)
    {
        var text = $"{Title}\n\n{dateline}Example Labs, Inc. completed the purchase of a smaller rival, it said on Tuesday.\n\nThe company expects the deal to add to its earnings in 2001 and after.\n";

        Assert.Equal(new DateOnly(2001, 5, 29), Accept(text, "wire.txt").Date);
    }

    [Theory]
    [InlineData("January 28, 2011")]
    [InlineData("28 January 2011")]
    [InlineData("Posted on 28.01.2011")]
    public void Email_ADateLineAboveTheBodysHeadline_WinsOverTheDateHeader(string dateLine)
    {
        var mail = $"From: Example Relations <pr@example.org>\r\nSubject: Fwd: {Title}\r\nDate: Mon, 31 Jan 2011 09:12:44 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNews & Media\r\n\r\n{dateLine}\r\n\r\n{Title}\r\n\r\n{Body}\r\n";

        var release = Accept(mail, "forwarded.eml");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2011, 1, 28), release.Date);
    }

    [Theory]
    [InlineData("21. Dezember 2018", 2018, 12, 21)]
    [InlineData("3. marts 2020", 2020, 3, 3)]
    [InlineData("1. Mai 2019", 2019, 5, 1)]
    public void Markdown_ADateLineWithADayAndADot_IsADateNotAList(string line, int year, int month, int day)
    {
        var markdown = $"---\ntitle: {Title}\n---\n{Body}\n\n{line}\n\n## A finding\n\nAnother finding came out (20. September 2018) and was much cited.\n\n1. First point\n2. Second point\n";

        var release = Accept(markdown, "highlights.md");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
        Assert.Contains("<li>First point</li>", release.BodyHtml, StringComparison.Ordinal);
    }

    // Class 4: organisation.
    [Theory]
    [InlineData("(Nasdaq: TLVR)")]
    [InlineData("(NYSE: TLVR)")]
    [InlineData("(TSXV: TLV) (OTCQX: TLVRF)")]
    [InlineData("(NYSE American: TLVR)")]
    public void Text_AStockTicker_NamesTheCompanyAndIsNoAcronym(string ticker)
    {
        var text = $"Release – {Title}\n\nResearch News and Market Data on TLVR\n\nCHATHAM, N.J., March 21, 2024 (GLOBE NEWSWIRE) — Tellvar Therapeutics Holding Corp. {ticker} (Tellvar or the Company), a company with a pipeline of catalysts, announced a poster on TLVR-1900.\n\n{Body}\n\nABOUT PARTNERCO\n\nPartnerCo, acquired by Tellvar in 2023, makes electrodes.\n";

        var release = Accept(text, "ticker.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal("Tellvar Therapeutics Holding Corp", release.Organisation);
    }

    [Theory]
    [InlineData("From: Corporate Communications <ir@cygn.example>", "Redwood City, CA—July 19, 2001—Cygnus, Inc. (Nasdaq: CYGN) reported its results.", "Cygnus, Inc")]
    [InlineData("From: Investor Relations <ir@brel.example>", "ROCKVILLE, MD; October 22, 2003 –BioReliance Corporation (Nasdaq: BREL) reported record revenue.", "BioReliance Corporation")]
    public void Email_ATickerThatSpellsTheSendersDomain_IsNotTheOrganisation(string from, string dateline, string expected)
    {
        var mail = $"{from}\r\nSubject: {Title}\r\nDate: Thu, 19 Jul 2001 16:05:00 -0700\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{dateline} {Body}\r\n\r\nThe company is preparing a broad launch.\r\n";

        Assert.Equal(expected, Accept(mail, "results.eml").Organisation);
    }

    [Theory]
    [InlineData("AT THE COMPANY: Jane Doe, Chief Financial Officer, (301) 555-0100\nAT THE AGENCY: John Roe, (212) 555-0101")]
    [InlineData("FOR IMMEDIATE RELEASE\nAT EXAMPLE PR: Jane Doe, (212) 555-0100\nAT EXAMPLE PR: John Roe, (212) 555-0101")]
    public void Text_CapitalsInALabel_AreNoAcronym(string labels)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{labels}\n\n{Body}\n", "labels.txt");

        Assert.Null(release.Organisation);
    }

    [Theory]
    [InlineData("La Comunidad de Madrid destinará 28 millones de euros a la investigación.", "Comunidad de Madrid")]
    [InlineData("La Generalitat de Catalunya destinarà 28 milions d'euros a la recerca.", "Generalitat de Catalunya")]
    [InlineData("Il Comune di Milano destina 28 milioni di euro alla ricerca.", "Comune di Milano")]
    [InlineData("De Gemeente Utrecht trekt 28 miljoen euro uit voor onderzoek.", "Gemeente Utrecht")]
    public void Text_AGovernmentsName_IsAnOrganisation(string sentence, string expected)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{sentence} {Body}\n", "government.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("Speedus Corp. today announced its results for the quarter.", "Speedus Corp")]
    [InlineData("Example Labs LLC today announced its results for the quarter.", "Example Labs LLC")]
    public void Text_ACompanyNamedOnlyByItsSuffix_IsAnOrganisation(string sentence, string expected)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{sentence} A clinical study is to be published in the Texas Heart Institute Journal.\n\n{Body}\n", "company.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("Informationsdienst Wissenschaft (idw)", "der idw", "idw-Nutzerbeirat", "idw")]
    [InlineData("Università di Torino (UniTo)", "UniTo", "UniTo-led", "UniTo")]
    [InlineData("European Laboratory Network (EuroLab)", "the EuroLab", "EuroLab-funded", "EuroLab")]
    public void Text_ANameDefinedWithItsShortForm_IsTheIssuer(string definition, string use, string compound, string expected)
    {
        var text = $"{Title}\n\n15 April 2021\n\nThe board of the {definition} met in Frankfurt. {Body}\n\nMembers asked {use} to go on; the {compound} board said so too. Dem Dienst sind alle deutschen Universitäten angeschlossen.\n";

        Assert.Equal(expected, Accept(text, "defined.txt").Organisation);
    }

    [Theory]
    [InlineData("Universitäten")]
    [InlineData("Institute")]
    [InlineData("the Foundation")]
    public void Text_ALoneWordForAKindOfOrganisation_IsNoName(string noun)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\nThe work was shared with all {noun} in the country. {Body}\n", "noun.txt");

        Assert.Null(release.Organisation);
    }

    [Theory]
    [InlineData("By GRR 0")]
    [InlineData("By GRR")]
    [InlineData("Von GRR | 3")]
    public void Html_ARepublishersByline_IsNotTheTextNamingTheSite(string byline)
    {
        var html = $"<html lang=\"de\"><head><meta property=\"og:site_name\" content=\"GRR News\"></head><body><h1>{Title}</h1><p class=\"by\">{byline}</p><p>Die zehn erfolgreichsten Medienmitteilungen, die die Universität Zürich 2022 veröffentlichte. {Body}</p><p>73 Medienmitteilungen gab die Medienstelle der Universität Zürich heraus.</p></body></html>";

        Assert.Equal("Universität Zürich", Accept(html, "republished.html").Organisation);
    }

    [Theory]
    [InlineData("pr@riken.example", "RIKEN", "RIKEN Advanced Science Institute", "RIKEN Brain Science Institute")]
    [InlineData("press@inria.example", "Inria", "Inria Saclay Centre", "Inria Lyon Centre")]
    public void Email_SubInstitutesThatSpellTheDomain_GiveTheParent(string address, string parent, string first, string second)
    {
        var mail = $"From: Global Relations <{address}>\r\nSubject: {Title}\r\nDate: Mon, 31 Jan 2011 09:12:44 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{parent} will run a booth at the coming meeting.\r\n\r\nA team at the {first} trapped antihydrogen, and researchers at the {second} drew attention with their work.\r\n\r\n{Body}\r\n";

        Assert.Equal(parent, Accept(mail, "booth.eml").Organisation);
    }

    [Theory]
    [InlineData("ÖAW", "von der Österreichischen Akademie der Wissenschaften (ÖAW) unterstützt", "ÖAW")]
    [InlineData("Wellcome", "The awards, from the Wellcome Trust, fund programmes", "Wellcome")]
    public void Html_ThePageTitlesSiteSuffix_IsTheSiteName(string suffix, string sentence, string expected)
    {
        var html = $"<html><head><title>{Title} | {suffix}</title></head><body><h1>{Title}</h1><p>15 April 2021</p><p>Die Stipendien werden {sentence}. Sie gehen an Forscherinnen der Universität Wien und der Universität Innsbruck. {Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "suffix.html").Organisation);
    }

    [Theory]
    [InlineData("https://www.mpg.de/12602538/highlights", "Max-Planck-Wissenschaftlerinnen", "MPG")]
    [InlineData("https://www.hzdr.de/news/highlights", "Helmholtz-Zentrum-Forschende", "HZDR")]
    public void Markdown_AnIssuerNamedOnlyInCompounds_IsTheDomainsAcronym(string url, string compound, string expected)
    {
        var markdown = $"---\ntitle: Forschungshighlights 2018\nurl: {url}\n---\n{compound} haben 2018 viele Arbeiten veröffentlicht.\n\n21. Dezember 2018\n\n## Vier neue Quellen\n\nIn früher aufgezeichneten Daten der Detektoren LIGO und Virgo haben Forscher vier neue Signale entdeckt.\n";

        Assert.Equal(expected, Accept(markdown, "highlights.md").Organisation);
    }
}
