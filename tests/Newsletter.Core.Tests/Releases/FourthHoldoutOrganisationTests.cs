using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The organisation classes the corpus's fourth holdout failed on (issue 18; docs/release-formats.md), each with variants
/// of its own that are not corpus files.
/// </summary>
public class FourthHoldoutOrganisationTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // A page title's site name after a dash, where it reads as an organisation the text names.
    [Theory]
    [InlineData("2021 Press Releases - The Example University Medical Center", "physicians at the Example University Medical Center and the Example University lab", "The Example University Medical Center")]
    [InlineData("Press Releases and Statements – Example Foundation", "the Example Foundation said it would double its grants", "Example Foundation")]
    public void Html_ThePageTitlesDashSuffix_NamesTheIssuerWhenTheTextNamesIt(string pageTitle, string mention, string expected)
    {
        var html = $"<html><head><title>{pageTitle}</title></head><body><h1>{Title}</h1><p>{Body} The work involved {mention}.</p></body></html>";

        Assert.Equal(expected, Accept(html, "suffix.html").Organisation);
    }

    [Fact]
    public void Html_ANewspapersDashSuffix_IsNoOrganisation()
    {
        var html = $"<html><head><title>{Title} - DIE ZEITUNG</title></head><body><h1>{Title}</h1><p>{Body} The Example Institute of Chemistry led the work.</p></body></html>";

        Assert.Equal("The Example Institute of Chemistry", Accept(html, "paper.html").Organisation);
    }

    // The words after those that spell the canonical URL's domain belong to the sentence, not to the name.
    [Theory]
    [InlineData("Example Foundation Commits $10 Million to Support Farmers", "Example Foundation")]
    [InlineData("Example Foundation Awards Its Prize", "Example Foundation")]
    public void Html_WordsAfterTheDomainsSpelling_AreNotPartOfTheName(string heading, string expected)
    {
        var html = "<html><head><link rel=\"canonical\" href=\"https://www.examplefoundation.org/news/1\"></head><body>"
            + $"<h1>{Title}</h1><p>{Body}</p><h3>{heading}</h3><p>{Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "domain.html").Organisation);
    }

    // A wire or press portal that sent or shows the release is never its issuer: not as sender or site, not by its dateline tag.
    [Fact]
    public void Email_AWireServicesSender_GivesWayToTheContactBlocksOrganisation()
    {
        var eml = "From: OTS Originaltext-Service <noreply@ots.at>\r\nSubject: Example Stiftung startet neues Programm\r\nDate: Wed, 28 Sep 2016 08:41:00 +0200\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nWien (OTS) - Die Stiftung hat heute entschieden, ein neues Programm fuer Schulen zu starten, weil die Nachfrage gross ist.\r\n\r\n"
            + "Rückfragen & Kontakt:\r\n\r\nJane Doe\r\nAG Example Verantwortung\r\n+43 1 234 56\r\n\r\n"
            + "OTS-ORIGINALTEXT PRESSEAUSSENDUNG UNTER AUSSCHLIESSLICHER INHALTLICHER VERANTWORTUNG DES AUSSENDERS | NEF0001\r\n";

        Assert.Equal("AG Example Verantwortung", Accept(eml, "ots.eml").Organisation);
    }

    [Theory]
    [InlineData("BOSTON--(BUSINESS WIRE)--Example Appeal, one of the UK’s fastest growing NGOs, has opened an emergency appeal.", "Example Appeal")]
    [InlineData("(Press-News.org) LOS ANGELES — Example Hope®, among the largest cancer research organizations in the U.S., has put in place a new model.", "Example Hope")]
    [InlineData("WASHINGTON, June 13, 2011 /PRNewswire-USNewswire/ -- Example Relief USA, a relief and development organization based in D.C., has announced a campaign.", "Example Relief USA")]
    public void Html_TheDatelinesSubjectWithAnApposition_IsTheIssuerNotTheWire(string dateline, string expected)
    {
        var html = $"<html><head><title>{Title} | Business Wire</title><link rel=\"canonical\" href=\"https://businesswire.com/news/home/1\"></head><body><h1>{Title}</h1>"
            + $"<p>{dateline} {Body}</p><p>{Body} The World Example Program said hunger is rising.</p></body></html>";

        Assert.Equal(expected, Accept(html, "wire.html").Organisation);
    }

    [Fact]
    public void Text_APersonsApposition_IsNoIssuer()
    {
        var text = $"{Title}\n\nBOSTON -- Jane Smith, a professor at the Example Institute of Technology, has shown that {Body}\n\n{Body}\n";

        Assert.Equal("Example Institute of Technology", Accept(text, "person.txt").Organisation);
    }

    [Fact]
    public void Text_AnOnlineReleaseServicesName_IsNoIssuer_AndTheClosingLineNamesTheSender()
    {
        var text = "Online Press Release Service for Exampleland -\n\n" + $"{Title}\n\nExampleland Aid Society is taking donations for its appeal. {Body}\n\n"
            + $"Exampleland Aid Society staff said help was needed.\n\n{Body}\n\nMedia Release 12 July 2011 from Aid Society.\n";

        Assert.Equal("Exampleland Aid Society", Accept(text, "service.txt").Organisation);
    }

    [Theory]
    [InlineData("SOURCE Example Relief USA")]
    [InlineData("SOURCE: Example Relief USA")]
    public void Text_AWiresSourceLine_NamesTheIssuer(string source)
    {
        var text = $"{Title}\n\n{Body}\n\nThe World Example Program said hunger is rising. The World Example Program asked for help.\n\nMEDIA CONTACT: Jane Doe, (703) 582-5880\n\n{source}\n";

        Assert.Equal("Example Relief USA", Accept(text, "source.txt").Organisation);
    }

    [Theory]
    [InlineData("The press release issued by the Department for Example, Food and Rural Affairs on 9 June 2025.", "Department for Example, Food and Rural Affairs")]
    [InlineData("This news release was published by the Example Research Council today.", "Example Research Council")]
    public void Text_ARepublishersIssuedByLine_NamesTheIssuer(string line, string expected)
    {
        var text = $"Category: Press Releases\n\n{Title}\n\n{line}\n\nPRESS RELEASE : {Title}\n\n{Body}\n\nPRESS RELEASE : the end\n";

        Assert.Equal(expected, Accept(text, "issued.txt").Organisation);
    }

    // Acronyms and words in capitals: an acronym always followed by the same name, a dateline's place, a label in capitals.
    [Fact]
    public void Text_AnAcronymAlwaysFollowedByTheSameName_IsNamedWithIt()
    {
        var text = $"{Title}\n\n12 January 2017 - {Body} The doctorate came from EX Leuven and Ghent University.\n\nStudents at EX Leuven welcomed it.\n";

        Assert.Equal("EX Leuven", Accept(text, "acronym.txt").Organisation);
    }

    [Fact]
    public void Markdown_ADatelinesPlaceInCapitals_IsNoAcronym()
    {
        var md = $"# News Releases\n\n### {Title}\n\nREHOVOT, ISRAEL—March 18, 2021—{Body} Two researchers at the Example Institute of Science found it.\n\n"
            + "### Another release of the day before\n\nREHOVOT, ISRAEL—March 17, 2021—Prof. Jane Hanna of the Example Institute of Science and her group did it.\n";

        Assert.Equal("Example Institute of Science", Accept(md, "dateline.md").Organisation);
    }

    [Fact]
    public void Docx_AnOrganisationSaidToday_IsTheIssuer()
    {
        var docx = DocxBuilder.FromSource($"EXA 94-4\nContact: Jane Doe\nJohn Roe\n1/11/94\nSEVERE WEATHER WARNINGS SAVED LIVES IN 1993\n"
            + "Better technology helped forecasters at the Example Weather Service put out a record 957 alerts in 1993, the Commerce Department's National Example and Atmospheric Administration said today.\n"
            + "The Example Weather Service said the increase comes from better reporting, the Example Weather Service added.\n");

        var release = Accept(docx, "said.docx");

        Assert.Equal("SEVERE WEATHER WARNINGS SAVED LIVES IN 1993", release.Title);
        Assert.Equal("National Example and Atmospheric Administration", release.Organisation);
    }

    // Names the body writes in other shapes: a government's kind in lower case, a Nordic compound, a German genitive.
    [Theory]
    [InlineData("een aanvraag indienen bij het Kansenfonds van de provincie Exampleland", "Provincie Exampleland")]
    [InlineData("een subsidie van de gemeente Utrecht", "Gemeente Utrecht")]
    [InlineData("Exampleby universitetssykehus deler hvert halvår ut priser", "Exampleby universitetssykehus")]
    [InlineData("Exampleby universitetssjukhus har fått ett nytt labb", "Exampleby universitetssjukhus")]
    public void Json_TheOnlyIssuerSignalIsTheBody_GivesItsName(string sentence, string expected)
    {
        var json = $"{{\"title\": \"{Title}\", \"bodyText\": \"{sentence}. {Body}\\n\\n{Body}\"}}";

        Assert.Equal(expected, Accept(json, "body.json").Organisation);
    }

    [Fact]
    public void Email_AnAcronymNameInTheGenitive_IsGivenAsTheTitleWritesIt()
    {
        var eml = "From: Example Wire Service <noreply@example-wire.at>\r\nSubject: NÖ Examplehaus will Standort stärken\r\nDate: Wed, 28 Sep 2016 08:41:00 +0200\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nSt. Pölten (EXW) - Der Aufsichtsrat des NÖ Examplehauses hat heute entschieden, einen Partner zu suchen. Den Verlag des NÖ Examplehauses betrifft das nicht.\r\n";

        Assert.Equal("NÖ Examplehaus", Accept(eml, "genitive.eml").Organisation);
    }

    [Fact]
    public void Html_TheReleasesOwnWebAddress_WinsOverANewspapersDomain()
    {
        var html = "<html><head><title>Stiftung Example schüttet aus - DIE ZEITUNG</title><link rel=\"canonical\" href=\"http://www.zeitung.de/news/1.html\"></head><body>"
            + "<h1>Stiftung Example schüttet erneut Millionen aus</h1><p>Berlin (dapd-bln). Bei ihrer ersten Ausschüttung hat die Stiftung Example Berlin 9,3 Millionen Euro vergeben.</p>"
            + "<p>( www.stiftung-example-berlin.de )</p><p>Die Moderation liegt allein bei DIE ZEITUNG. Kommentare von DIE ZEITUNG.</p></body></html>";

        Assert.Equal("Stiftung Example Berlin", Accept(html, "paper.html").Organisation);
    }
}
