using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The issuer classes the corpus's fifth holdout failed on where several real names compete (issue 18;
/// docs/release-formats.md): a distribution service's sender, a press office for its organisation, a site that only hosts
/// a wire's release, a labelled publisher line, a unit of the organisation a domain spells. Each with variants of its own.
/// </summary>
public class FifthHoldoutIssuerTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    private static string Mail(string from, string body) =>
        $"From: {from}\r\nSubject: {Title}\r\nDate: Mon, 08 Dec 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";

    // "X via Y": a distribution service sends in the issuer's name; the issuer is the name before "via".
    [Theory]
    [InlineData("\"Example Research Society ry via STT Info\" <noreply@sttinfo.fi>", "Example Research Society ry", "Example Research Society ry")]
    [InlineData("\"Beispiel-Stiftung Nord via news aktuell\" <info@newsaktuell.de>", "Beispiel-Stiftung Nord", "Beispiel-Stiftung Nord")]
    [InlineData("Fundación Ejemplo vía Agencia Difusora <envios@difusora.es>", "Fundación Ejemplo", "Fundación Ejemplo")]
    public void Email_ADistributionServicesXViaYSender_GivesX(string from, string mention, string expected)
    {
        var eml = Mail(from, $"{mention} announced the award today. {Body}\r\n\r\n{Body}");

        Assert.Equal(expected, Accept(eml, "via.eml").Organisation);
    }

    // A press office or communications unit sends for its organisation: the sender names the parent.
    [Theory]
    [InlineData("EXO Media Centre <media@exo.int>", "EXO", "EXO")]
    [InlineData("\"EX*AMP Corporate Communications\" <corporate_comms@examp.sg>", "EX*AMP", "EX*AMP")]
    [InlineData("Beispieluniversität Kassel Pressestelle <presse@uni-beispiel.de>", "Beispieluniversität Kassel", "Beispieluniversität Kassel")]
    [InlineData("Ufficio Stampa Università di Esempio <stampa@esempio.it>", "Università di Esempio", "Università di Esempio")]
    [InlineData("Example Health Agency Newsroom <news@example.gov>", "Example Health Agency", "Example Health Agency")]
    public void Email_APressOfficesSender_NamesItsOrganisation(string from, string mention, string expected)
    {
        var eml = Mail(from, $"Today {mention} published new figures on hydrogen. {Body}\r\n\r\n{Body}");

        Assert.Equal(expected, Accept(eml, "office.eml").Organisation);
    }

    // A financial portal or release aggregator that shows a wire's release names itself in its chrome; the issuer is the
    // company the release names.
    [Theory]
    [InlineData("Beispiel-Börse.de", "WESTCHESTER, Ill., Nov. 2, 2016 /PRNewswire/ -- Acme Grain Incorporated (NYSE: ACG), a leading ingredient provider, today published its results.", "Acme Grain Incorporated")]
    [InlineData("Le Zèbre", "HOUSTON, TX--(Marketwired - December 21, 2017) - Exemplar Biotech, Inc., (NASDAQ: EXBT), a clinical stage company, announced that its trial was approved.", "Exemplar Biotech, Inc")]
    [InlineData("Aktien Heute", "OSLO, Norway, March 3, 2020 (GLOBE NEWSWIRE) -- Nordic Example ASA today announced a new contract.", "Nordic Example ASA")]
    public void Html_ASiteShowingAWiresRelease_GivesWayToTheCompanyItNames(string site, string dateline, string expected)
    {
        var html = $"<html><head><title>{Title} | {site}</title><meta property=\"og:site_name\" content=\"{site}\"></head><body>"
            + $"<p>{site}</p><h1>{Title}</h1><p>{dateline} {Body}</p><p>{Body}</p><p>About {expected}</p><p>{expected} makes things.</p><p>© 2016 {site}. Alle Rechte vorbehalten.</p></body></html>";

        Assert.Equal(expected, Accept(html, "portal.html").Organisation);
    }

    [Fact]
    public void Html_ACompanysOwnSiteShowingItsWireRelease_KeepsTheCompany()
    {
        var html = "<html><head><title>Acme Grain Incorporated</title><meta property=\"og:site_name\" content=\"Acme Grain Incorporated\"></head><body>"
            + $"<h1>{Title}</h1><p>CHICAGO, Nov. 2, 2016 /PRNewswire/ -- Acme Grain Incorporated today published its results. {Body}</p><p>{Body}</p></body></html>";

        Assert.Equal("Acme Grain Incorporated", Accept(html, "own.html").Organisation);
    }

    // "About the Company" is a heading over the company's paragraph, not its name: the wire's closing "SOURCE" line names it.
    [Theory]
    [InlineData("About the Company", "SOURCE Acme Grain Incorporated", "Acme Grain Incorporated")]
    [InlineData("Über die Stiftung", "SOURCE Beispiel-Stiftung Nord", "Beispiel-Stiftung Nord")]
    public void Html_AnAboutHeadingWithOnlyAKindOfBody_IsNoName(string heading, string source, string expected)
    {
        var html = $"<html><head><title>{Title} | Kurse Aktuell</title><meta property=\"og:site_name\" content=\"Kurse Aktuell\"></head><body>"
            + $"<h1>{Title}</h1><p>CHICAGO, Nov. 2, 2016 /PRNewswire/ -- The results are in. {Body}</p><p>{heading}</p><p>{Body}</p>"
            + $"<p>{source}</p><p>© 2016 Kurse Aktuell</p></body></html>";

        Assert.Equal(expected, Accept(html, "about.html").Organisation);
    }

    // A government portal hosts its ministries' releases; a labelled publisher line names the ministry.
    [Theory]
    [InlineData("Utgiver: Samferdselsdepartementet (Oppretta 01.01.1998)", "Samferdselsdepartementet")]
    [InlineData("Herausgeber: Bundesministerium für Beispielwesen", "Bundesministerium für Beispielwesen")]
    [InlineData("Issued by: Department for Example Affairs", "Department for Example Affairs")]
    [InlineData("Utgivare: Exempeldepartementet", "Exempeldepartementet")]
    public void Html_ALabelledPublisherLine_WinsOverThePortalsName(string line, string expected)
    {
        var html = $"<html><head><title>{Title} - portalen.no</title></head><body><p>Portalen Stoltenberg II</p><p>Pressemelding, 18.04.2008</p>"
            + $"<p>Publisert under: Portalen Stoltenberg II</p><p>{line}</p><h1>{Title}</h1><p>{Body}</p><p>Om portalen.no | Kontakt</p></body></html>";

        Assert.Equal(expected, Accept(html, "portal.html").Organisation);
    }

    // A unit of the organisation the domain spells ("EXA Science Operations Office") is a part of it, not the issuer.
    [Theory]
    [InlineData("https://www.exa.int/news/1", "the satellite EXA has built", "Head of EXA Science Operations Office", "EXA")]
    [InlineData("https://www.exampleinstitute.org/news/1", "the Example Institute said", "Jane Doe, Example Institute Technology Transfer Office", "Example Institute")]
    public void Html_AUnitOfTheDomainsOrganisation_GivesTheOrganisation(string url, string mention, string unit, string expected)
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1><p>{Body} It is {mention} last year.</p>"
            + $"<p>{Body}</p><p>Speakers: {unit}</p></body></html>";

        Assert.Equal(expected, Accept(html, "unit.html").Organisation);
    }

    // A news agency's lead-in ("Agência FAPESP – ...") says who reports the release; the body defines its issuer's short form in
    // a name joined by "da", "do", "dos", "y", "e" ("Instituto Nacional de Pesquisas da Amazônia (Inpa)"), and goes on using it.
    [Theory]
    [InlineData("Agência EXEMPLA", "A expedição do Instituto Nacional de Pesquisas da Exemplônia (Inpex) identificou 56 espécies. O Inpex", "Inpex")]
    [InlineData("Agência NOTIXA", "O Instituto de Pesquisas dos Exemplos (Ipex) identificou 56 espécies. O Ipex", "Ipex")]
    [InlineData("Agencia SCIEXA", "El Instituto de Ciencia y Tecnología Ejemplar (Icte) ha presentado el estudio. El Icte", "Icte")]
    public void Markdown_AShortFormDefinedInARomanceName_IsTheIssuerNotTheAgency(string agency, string lead, string expected)
    {
        var shortForm = expected;
        var markdown = $"# {Title}\n\n**{agency}** – {lead} coordenou o trabalho. {Body}\n\n{Body} {shortForm} disse.\n\n{Body} {shortForm} e {shortForm}.\n\n[{agency}](http://agencia.example.org/) · Republicar\n";

        Assert.Equal(expected, Accept(markdown, "agency.md").Organisation);
    }

    // A photo credit in an image's description ("© Institut Exemple") names the owner that the page's domain spells.
    [Theory]
    [InlineData("https://www.exemple.fr/en/news", "Tissue under the microscope. © Institut Exemple.", "Institut Exemple")]
    [InlineData("https://www.beispiel-stiftung.de/presse", "Foto: © Jana Muster, Beispiel-Stiftung", "Beispiel-Stiftung")]
    public void Json_AnImageCreditThatSpellsTheDomain_NamesTheIssuer(string url, string alt, string expected)
    {
        var body = $"<div>Filter events</div><ul><li><img alt=\"{alt}\"><p>Press release | 01.02.2016</p><h3>{Title}</h3><p>{Body}</p></li></ul>";
        var json = System.Text.Json.JsonSerializer.Serialize(new { title = Title, url, language = "en", bodyHtml = body });

        Assert.Equal(expected, Accept(json, "credit.json").Organisation);
    }
}
