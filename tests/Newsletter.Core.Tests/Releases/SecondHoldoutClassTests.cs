using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The classes of input the corpus's second holdout failed on (issue 18; docs/release-formats.md), each with
/// variants of its own that are not corpus files.
/// </summary>
public class SecondHoldoutClassTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a listing's heading that names its section and its month or year is chrome, not the headline.
    [Theory]
    [InlineData("News archive: Research press releases 2021")]
    [InlineData("Pressemitteilungen – April 2019")]
    [InlineData("Archive 2015")]
    [InlineData("Communiqués de presse : mars 2020")]
    public void Text_ADatedSectionHeading_IsNotTheTitle(string heading)
    {
        var release = Accept($"Home\nNews\n\n{heading}\n\n{Title}\n\nPosted on Thursday 15 April 2021\n\n{Body}\n", "section.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("Ten discoveries of 2021 in the news")]
    [InlineData("Press freedom in April 2019: a survey of newsrooms")]
    public void Text_AHeadlineNamingAYearAndANewsWord_IsStillTheTitle(string headline)
    {
        var release = Accept($"Home\n\n{headline}\n\n15 April 2021\n\n{Body}\n", "headline.txt");

        Assert.Equal(headline, release.Title);
    }

    [Fact]
    public void Html_ADatedSectionH1_GivesWayToTheReleasesHeading()
    {
        var html = $"<html><body><h1>Pressemitteilungen – April 2019</h1><p>Unsere Pressemitteilungen informieren Sie über aktuelle Ereignisse.</p><h2>{Title}</h2><p>{Body}</p></body></html>";

        Assert.Equal(Title, Accept(html, "listing.html").Title);
    }

    // Class 2: a date line above the headline (a blog's, a listing's), with only chrome above the date.
    [Theory]
    [InlineData("Example Network\nHome\nAbout\nBlog\n\nMonday, June 22, 2020\n\n{T}\n\n{B}")]
    [InlineData("Presse\n\n22.06.2020\n\n{T}\n\n{B}")]
    [InlineData("News\n\n2020.06.22 |\n\n{T}\n\n{B}")]
    [InlineData("{T0}\n\n22 June 2020\n\n{T}\n\n{B}")]
    public void Text_ADateLineAboveTheHeadline_GivesTheDateAndTheHeadlineBelowIt(string shape)
    {
        var text = shape.Replace("{T0}", "Menu", StringComparison.Ordinal).Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal);

        var release = Accept(text, "blog.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2020, 6, 22), release.Date);
    }

    [Theory]
    [InlineData("<div class=\"date\">Jun 22 2020</div><div class=\"time\">10:46</div><h2>{T}</h2>")]
    [InlineData("<div class=\"date\">2020.06.22 |</div><h3>{T}</h3>")]
    [InlineData("<h1>Press releases</h1><p class=\"date\">22.06.2020</p><h2>{T}</h2>")]
    public void Html_ADateLineAboveAHeading_MakesItTheHeadlineWithThatDate(string head)
    {
        var html = $"<html><body><p class=\"caption\">A bison herd. (Photo: Jane Doe)</p>{head.Replace("{T}", Title, StringComparison.Ordinal)}<p>{Body}</p><div class=\"date\">2020.06.29 |</div><h3>Another release of the week after</h3><p>Short text.</p></body></html>";

        var release = Accept(html, "listing.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2020, 6, 22), release.Date);
    }

    // Class 3: date shapes that were not read.
    [Theory]
    [InlineData("2015.10.27 |", 2015, 10, 27)]
    [InlineData("Af Kasper Enstrøm, 16-01-2022", 2022, 1, 16)]
    [InlineData("published 01-16-2022", 2022, 1, 16)]
    [InlineData("2022.1.6", 2022, 1, 6)]
    public void Date_YearFirstDotsAndDashedDates_AreRead(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("published 06-04-2022")]
    [InlineData("call 070-3440-713 or 202-358-1726")]
    [InlineData("version 21.12.12 of the software")]
    [InlineData("release 2.2015.10.3")]
    public void Date_AmbiguousOrNumberShapes_AreNotRead(string text)
    {
        Assert.Null(DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("Veröffentlicht: 21.12.12", 2012, 12, 21)]
    [InlineData("Published: 3.4.98", 1998, 4, 3)]
    public void Text_ALabelledDateWithATwoDigitYear_IsRead(string line, int year, int month, int day)
    {
        var release = Accept($"{Title}\n{line}\n\n{Body}\n", "short-year.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // Class 4: a mail whose sender is a person (the press officer) names no organisation.
    [Theory]
    [InlineData("Dwayne Brown <dwayne.c.brown@example.gov>")]
    [InlineData("Mary K. Smith <msmith@example.gov>")]
    [InlineData("Jan van der Berg <j.vanderberg@example.gov>")]
    public void Email_APersonalSender_IsNotTheOrganisation(string from)
    {
        var release = Accept(Mail(from, Title, $"{Body}\n\nThe Example Space Agency will stream the briefing live.\n\nhttp://www.examplespaceagency.gov/live\n"), "advisory.eml");

        Assert.Equal("The Example Space Agency", release.Organisation);
    }

    [Theory]
    [InlineData("Novo Nordisk <press@novonordisk.com>", "Novo Nordisk")]
    [InlineData("Cornell Chronicle <chronicle@cornell.edu>", "Cornell")]
    public void Email_ASenderNamedLikeAPersonButWithAnOfficesAddress_StaysTheOrganisation(string from, string expected)
    {
        Assert.Equal(expected, Accept(Mail(from, Title, Body), "release.eml").Organisation);
    }

    // Class 5: a forwarded subject ending with its date, behind a list's tag.
    [Theory]
    [InlineData("Fwd: [Exemple Presse] Exemple : Synthèse de presse – 3 juin 2024", "Exemple\n\nSYNTHÈSE DE PRESSE\n\n3 juin 2024\n\n", "Exemple : Synthèse de presse – 3 juin 2024")]
    [InlineData("[hqnews] Weekly science digest – June 3, 2024", "June 3, 2024\n\n", "Weekly science digest – June 3, 2024")]
    [InlineData("FW: [Pressedienst] Wochenrückblick der Forschung, 03.06.2024", "03.06.2024\n\n", "Wochenrückblick der Forschung, 03.06.2024")]
    public void Email_ASubjectEndingWithItsDate_IsTheTitleNotTheBodysDateLine(string subject, string top, string expected)
    {
        var release = Accept(Mail("Example Press <press@example.org>", subject, top + Body), "digest.eml");

        Assert.Equal(expected, release.Title);
        Assert.Equal(new DateOnly(2024, 6, 3), release.Date);
    }

    [Fact]
    public void Email_AListTagAlone_IsKept()
    {
        Assert.Equal("[hqnews] Update", Accept(Mail("Example Press <press@example.org>", "[hqnews] Update", Body), "short.eml").Title);
    }

    // Class 6: an organisation the body names only by its acronym, inside compounds.
    [Theory]
    [InlineData("Vi ser tilbage på ti opdagelser fra EXU i 2021. Et forskerhold med to EXU-forskere har analyseret 110.148 pattedyr.", "EXU")]
    [InlineData("Die EXU-Pressestelle hilft gern. Forschende der EXU sind in den Medien gut vertreten.", "EXU")]
    [InlineData("KTX-forskare har visat hur katalysatorn fungerar. Studien gjordes vid KTX i Stockholm.", "KTX")]
    public void Organisation_AnAcronymNamedInCompounds(string text, string expected)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{text}\n\nHer er mere.\n", "acronym.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("The DNA of the plant was read twice; DNA samples were kept.")]
    [InlineData("EXU and EXV staff met; EXU and EXV will meet again.")]
    public void Organisation_ACommonOrTiedAcronym_IsNotTaken(string text)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{text}\n", "acronym.txt");

        Assert.Null(release.Organisation);
    }

    // Class 7: a German noun joined to the organisation by der/des is not part of its name.
    [Theory]
    [InlineData("Forscherinnen und Forscher der Universität Beispielstadt sind in den Medien gut vertreten.", "Universität Beispielstadt")]
    [InlineData("Ein Team des Instituts für Beispielkunde hat das gezeigt.", "Instituts für Beispielkunde")]
    [InlineData("Forschende der Universität der Künste Beispielstadt stellen aus.", "Universität der Künste Beispielstadt")]
    [InlineData("Gesellschaft der Freunde des Beispielmuseums lädt ein.", "Gesellschaft der Freunde des Beispielmuseums")]
    public void Organisation_ANounJoinedByDer_IsNotPartOfTheName(string text, string expected)
    {
        var release = Accept($"{Title}\n21.10.2025\n\n{text}\n", "der.txt");

        Assert.Equal(expected, release.Organisation);
    }

    // Class 8: a contact block whose office, organisation and address run together.
    [Theory]
    [InlineData("Contact\nMedia and PR Office\nUniversity of Example\nHeslington, Example YO10 5DD", "University of Example")]
    [InlineData("Contact\nCommunications Office\nUniversity of Example\nStreatham, Example EX4 4QJ", "University of Example")]
    [InlineData("Contact: Press and Media Office, Example Institute Garching, 85748 Garching", "Example Institute")]
    [InlineData("Contact: Jane Boyd, Example University, Houston", "Example University")]
    public void Organisation_AContactBlockRunTogether_GivesTheOrganisationAlone(string block, string expected)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{Body}\n\n{block}\n", "contact.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Fact]
    public void Organisation_ForMoreInformationAboutAProgramme_IsNoContactBlock()
    {
        var text = $"{Title}\n11 December 2019\n\n{Body} The Example Agency runs the mission.\n\nFor more information about the Discovery Program, visit:\n\nhttp://discovery.exampleagency.gov\n";

        Assert.Equal("The Example Agency", Accept(text, "more.txt").Organisation);
    }

    // Class 9: the issuer's own magazine as the page's site name.
    [Theory]
    [InlineData("ETX Life", "Die ETX Zürich wurde in rund 8440 Artikeln erwähnt. (Bild: ETX Zürich)", "ETX Zürich")]
    [InlineData("Example Chronicle", "Researchers at Example University found it.", "Example University")]
    [InlineData("Example Magazine", "Researchers found it in the lab.", "Example")]
    public void Organisation_ASiteNamedForTheIssuersMagazine_IsTheIssuer(string site, string text, string expected)
    {
        var html = $"<html><head><meta property=\"og:site_name\" content=\"{site}\"></head><body><h1>{Title}</h1><p>{text}</p><p>Stories from {site} and the media.</p></body></html>";

        Assert.Equal(expected, Accept(html, "magazine.html").Organisation);
    }

    // Class 10: a list archive's links in brackets are its chrome, and a part named in a possessive or a shouted headline
    // is not the organisation a web address spells.
    [Fact]
    public void Email_AListArchivesBracketedLinks_AreNotTheTextOrItsOrganisation()
    {
        var body = "[Date Prev] [Date Next] [Thread Prev] [Thread Next] [Date Index]\n\nEXA TO ANNOUNCE NEW MISSION TODAY\n\n"
                   + $"{Body} EXA's Marshall Space Flight Center manages the programme.\n\nhttp://www.exa.gov/newsaudio\n\n"
                   + "[Index of Archives] [JPL News] [EXA Marshall Space Flight Center News] [EXA Science News]\n";

        var release = Accept(Mail("Dwayne Brown <dwayne.c.brown@example.gov>", "EXA to Announce New Mission Today", body), "archive.eml");

        Assert.Equal("EXA", release.Organisation);
        Assert.DoesNotContain("Date Prev", release.BodyHtml, StringComparison.Ordinal);
    }

    private static string Mail(string from, string subject, string body) =>
        $"From: {from}\r\nTo: news@example.org\r\nSubject: {subject}\r\nDate: Mon, 03 Jun 2024 10:12:00 +0200\r\nMIME-Version: 1.0\r\n"
        + $"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body.Replace("\n", "\r\n", StringComparison.Ordinal)}";
}
