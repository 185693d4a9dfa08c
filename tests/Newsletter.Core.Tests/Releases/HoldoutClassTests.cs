using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The classes of input the corpus's first holdout failed on (issue 18; docs/release-formats.md), each with
/// variants of its own that are not corpus files.
/// </summary>
public class HoldoutClassTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: the headline and its date on one line (archive listings, letterheads).
    [Theory]
    [InlineData("Archief\n\nPERSBERICHT\n\nExample Organisation Afd. Voorlichting & Communicatie\nPostbus 93138\ntel. 070-3440 713\n\n{T} 11 december 2019\n\nA deck line under the headline\n\n{B}")]
    [InlineData("Home\nNews\n\n{T}, 11 December 2019\n\n{B}")]
    [InlineData("Menu\n\n11. Dezember 2019: {T}\n\n{B}")]
    [InlineData("Archive\n\n2019-12-11 – {T}\n\n{B}")]
    public void Text_AHeadlineCarryingItsDate_IsTheTitleAndGivesTheDate(string shape)
    {
        var release = Accept(shape.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal), "dated-headline.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
    }

    [Fact]
    public void Html_AHeadingThatStartsWithItsDate_WinsOverThePagesTimestamp()
    {
        var html = $"<html><body><div>21.12.2019 - 00:02</div><h1>Pressemitteilungen</h1><h3>11. Dezember 2019: {Title}</h3><p>{Body}</p></body></html>";

        var release = Accept(html, "listing.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
    }

    [Theory]
    [InlineData("Conference on water splitting will be held on 11 December 2019")]
    [InlineData("Nobel laureates meet in Lindau from 11 December 2019")]
    public void Text_AHeadlineLeadingIntoADate_StaysWhole(string line)
    {
        var release = Accept($"{line}\n\n{Body}", "sentence.txt");

        Assert.Equal(line, release.Title);
    }

    // Class 2: a release's kind and number above its headline.
    [Theory]
    [InlineData("eso9015 — Organisation Release")]
    [InlineData("ESO Press Release")]
    [InlineData("Pressemitteilung Nr. 23/2019")]
    [InlineData("Communiqué de presse")]
    [InlineData("Science Release")]
    public void Text_AReleaseLabelAboveTheHeadline_IsNotTheTitle(string label)
    {
        var release = Accept($"Example\nPress Releases\n\n{label}\n\n{Title}\n\n11 December 2019\n\n{Body}", "label.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
    }

    // Class 3: organisation names that go on in lower case (German adjectives, Romance names).
    [Theory]
    [InlineData("Lo studio del Consiglio nazionale delle ricerche, con altri, mostra che il catalizzatore funziona. Il Consiglio nazionale delle ricerche, a Roma, lo conferma.", "Consiglio nazionale delle ricerche")]
    [InlineData("Wissenschaftler am Institut für angewandte Physik in Jena zeigen das. Das Institut für angewandte Physik baut nun eine Anlage.", "Institut für angewandte Physik")]
    [InlineData("Un satellite dell'Agenzia spaziale italiana (ASI) lo mostra. L'Agenzia spaziale italiana, a Roma, lo conferma.", "Agenzia spaziale italiana")]
    public void Organisation_ANameWithLowercaseWords_IsWhole(string text, string expected)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{text}\n", "lowercase.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("Il Consiglio nazionale delle ricerche ha mostrato un catalizzatore nuovo, dice lo studio.")]
    [InlineData("The Example Institute said, in a statement, that it will build a plant.")]
    public void Organisation_LowercaseWordsThatRunOnIntoTheSentence_AreNotTheName(string text)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{text}\n", "sentence.txt");

        Assert.DoesNotContain("mostrato", release.Organisation ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("said", release.Organisation ?? string.Empty, StringComparison.Ordinal);
    }

    // Class 4: an organisation known by its acronym: its press department, its possessive, its web address.
    [Theory]
    [InlineData("Contact\nEXO Education and Public Relations Department\nGarching, Germany", "EXO")]
    [InlineData("Media contact:\nACME Press Office\nBerlin", "ACME")]
    public void Organisation_ThePressDepartmentsOrganisation(string block, string expected)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{Body}\n\n{block}\n", "department.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Fact]
    public void Organisation_AnAcronymsPossessive_SpellingTheWebAddressInTheText()
    {
        var release = Accept($"{Title}\n11 December 2019\n\nThe instrument on EXO's Very Large Telescope has given astronomers a new view.\n\nLinks: https://www.exo.org/public/news/exo1507/\n", "acronym.txt");

        Assert.Equal("EXO", release.Organisation);
    }

    // Class 5: a republishing site named only in its menu row; the body's company instead.
    [Fact]
    public void Organisation_ASiteNameOnlyInTheMenuRow_GivesWayToTheBodysCompany()
    {
        var html = $"""
            <html><head><meta property="og:site_name" content="Newswire"><link rel="canonical" href="https://newswire.example/news/1"></head>
            <body><div>Newswire · News · Events · Jobs</div><h1>{Title}</h1><div>December 11, 2019 | Business</div>
            <p>Acme is investing in a new plant.</p><p>Jane Doe, President and CEO of Acme Corporation, said the plant opens next year.</p></body></html>
            """;

        Assert.Equal("Acme Corporation", Accept(html, "republished.html").Organisation);
    }

    [Fact]
    public void Organisation_APagesAuthor_StillWinsOverTheBody()
    {
        var html = $"<html><head><meta name=\"author\" content=\"Example University\"></head><body><h1>{Title}</h1><p>Staff of the Acme Corporation helped.</p></body></html>";

        Assert.Equal("Example University", Accept(html, "author.html").Organisation);
    }

    // Class 6: a news-wire dateline without the year.
    [Theory]
    [InlineData("VIENNA, Virginia, Jan. 31 -- The Example Foundation issued the following news release: a festival on June 24 and 25, 2023.", 2023, 1, 31)]
    [InlineData("BOSTON, March 4 - Example University will open a lab in the autumn of 2021.", 2021, 3, 4)]
    public void Date_AYearlessDateline_TakesTheYearTheTextNames(string dateline, int year, int month, int day)
    {
        var release = Accept($"{Title}\n\n{dateline}\n\n{Body}\n", "wire.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // Class 7: a line saying whose press release it is, with its date.
    [Theory]
    [InlineData(":: Nota de prensa de la Universidad de Ejemplo. 26/06/2014 ::", "Universidad de Ejemplo")]
    [InlineData("Press release from the Example Foundation, 26 June 2014", "Example Foundation")]
    [InlineData("Presseinformation (Forschung Kompakt) der Beispiel-Gesellschaft vom 26.06.2014", "Beispiel-Gesellschaft")]
    [InlineData("Communiqué de presse de l'Institut Exemple | 26 juin 2014", "Institut Exemple")]
    public void PressReleaseOfLine_GivesTheOrganisationAndTheDate(string line, string organisation)
    {
        var release = Accept($"Home\nNews\n\n{line}\n\n{Title}\n\nSupported by the National Science Foundation, {Body}\n", "press-line.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(organisation, release.Organisation);
        Assert.Equal(new DateOnly(2014, 6, 26), release.Date);
    }

    [Theory]
    [InlineData("26/06/2014", 2014, 6, 26)]
    [InlineData("06/26/2014", 2014, 6, 26)]
    [InlineData("05/05/2014", 2014, 5, 5)]
    public void Date_ASlashDate_IsReadWhereOnlyOneReadingIsPossible(string written, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Newsletter.Core.Releases.Parsing.DateFinder.FindFirst($"Published {written}"));
    }

    [Fact]
    public void Date_AnAmbiguousSlashDate_IsNotRead()
    {
        Assert.Null(Newsletter.Core.Releases.Parsing.DateFinder.FindFirst("Published 06/04/2014"));
    }
}
