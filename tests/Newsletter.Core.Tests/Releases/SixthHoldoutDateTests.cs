using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The date classes the corpus's sixth holdout failed on (issue 18; docs/release-formats.md): the release's own date line
/// beside its headline under a page's long chrome, and a release's own dateline that a republisher's or a mail's later
/// stamp hid. Each with variants of its own that are not corpus files.
/// </summary>
public class SixthHoldoutDateTests
{
    private const string Title = "Example Institute opens a new research centre";
    private const string Body = "Example Institute today opened a new research centre for materials science, with room for two hundred researchers and a clean room shared with local companies.";

    private static string Chrome(int links) =>
        "<div id=\"header\"><p class=\"logo\">Example Institute</p><ul>"
        + string.Concat(Enumerable.Range(1, links).Select(i => $"<li><a href=\"/s{i}\">Section {i}</a></li>"))
        + "</ul></div><div id=\"path\"><a href=\"/\">Home</a> &gt; <a href=\"/news\">News</a></div>";

    // Class 1: a line of only a date right above or below the headline, under a page's long chrome, dates the release.
    [Theory]
    [InlineData("April 18, 2012", true, 2012, 4, 18)]
    [InlineData("13.11.2007", false, 2007, 11, 13)]
    [InlineData("11 December 2013", false, 2013, 12, 11)]
    [InlineData("March 29, 2013 (JST)", false, 2013, 3, 29)]
    [InlineData("le 4 avril 2019", false, 2019, 4, 4)]
    [InlineData("Bruxelles, 4 avril 2019", false, 2019, 4, 4)]
    [InlineData("Publicado el 3 de septiembre de 2020", false, 2020, 9, 3)]
    [InlineData("2013/03/29", true, 2013, 3, 29)]
    public void Html_ADateLineBesideTheHeadlineUnderLongChrome_DatesTheRelease(string line, bool above, int y, int m, int d)
    {
        var date = $"<p class=\"date\">{line}</p>";
        var html = $"<html><body>{Chrome(14)}<div id=\"content\"><p class=\"kicker\">Press release</p>{(above ? date : string.Empty)}<h1>{Title}</h1>"
            + $"<p class=\"subtitle\">A centre for materials science</p>{(above ? string.Empty : date)}<p>{Body}</p><p>{Body}</p></div>"
            + "<div id=\"footer\"><p>Copyright 2024 Example Institute</p></div></body></html>";

        var release = Accept(html, "page.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    [Fact]
    public void Html_ADateInASentenceBesideTheHeadline_IsNoDateLine()
    {
        var html = $"<html><body>{Chrome(14)}<div id=\"content\"><h1>{Title}</h1>"
            + $"<p>The centre, planned since 3 March 2019, opens to the public next year and will host the institute's research groups.</p><p>{Body}</p></div>"
            + "<div id=\"footer\"><p>Published 12 May 2021</p></div></body></html>";

        Assert.NotEqual(new DateOnly(2019, 3, 3), Accept(html, "sentence.html").Date);
    }

    // Class 2: a numeric date that reads both ways is read day first on a page in a language that writes the day first.
    [Theory]
    [InlineData("nl", "(03-09-2020)", 2020, 9, 3)]
    [InlineData("de", "03.09.2020", 2020, 9, 3)]
    [InlineData("fr", "03/09/2020", 2020, 9, 3)]
    [InlineData("pt", "03 / 09 / 2020", 2020, 9, 3)]
    public void Html_AnAmbiguousNumericDateLineOnADayFirstPage_IsReadDayFirst(string language, string line, int y, int m, int d)
    {
        var html = $"<html lang=\"{language}\"><body><main><h1>{Title}</h1><p class=\"description\">{line}</p><p>{Body}</p><p>{Body}</p></main></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "daytfirst.html").Date);
    }

    [Fact]
    public void Html_AnAmbiguousNumericDateLineOnAnEnglishPage_IsNotGuessed()
    {
        var html = $"<html lang=\"en\"><body><main><h1>{Title}</h1><p class=\"description\">03/09/2020</p><p>{Body}</p></main></body></html>";

        Assert.NotEqual(new DateOnly(2020, 9, 3), Accept(html, "english.html").Date);
    }

    [Theory]
    [InlineData("Daily News 04 / 04 / 2019", 2019, 4, 4)]
    [InlineData("Stand: 14 / 11 / 2019", 2019, 11, 14)]
    [InlineData("2019 - 11 - 14", 2019, 11, 14)]
    public void DateFinder_ANumericDateWithSpacedSeparators_IsRead(string text, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("Pages 4 / 12 / 2019 edition")] // would be 4 December or 12 April
    [InlineData("Score 14 / 11 /2019")] // spaced on one side only
    public void DateFinder_SpacedSeparatorsThatDoNotMakeOneDate_AreNotRead(string text)
    {
        Assert.Null(DateFinder.FindFirst(text));
    }

    // Class 3: a republisher's or a mail's stamp a few days after the release's own dateline does not date the release.
    [Theory]
    [InlineData("News of June 1, 1999", "DETROIT, MI, May 28, 1999 - ", 1999, 5, 28)]
    [InlineData("Nieuws van 1 juni 1999", "Utrecht, 28 mei 1999 – ", 1999, 5, 28)]
    [InlineData("News of August 31, 1999", "Kansas City, August 24, 1999 ", 1999, 8, 24)]
    [InlineData("31 December 1999", "CYPRESS, Calif., Dec. 30 -- ", 1999, 12, 30)]
    [InlineData("Actualité du 2 juin 1999", "Lyon, le 28 mai 1999 – ", 1999, 5, 28)]
    public void Text_ARepublishersLaterStamp_GivesWayToTheReleasesOwnDateline(string stamp, string dateline, int y, int m, int d)
    {
        var release = Accept($"Motor Review\n\n{stamp}\n\n{Title}\n\n{dateline}{Body}\n\n{Body}\n", "republished.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    [Fact]
    public void Text_AStampBeforeTheDatelineOrLongAfterIt_IsKept()
    {
        // A dateline months before the stamp is a date the text talks about, not the release's.
        var release = Accept($"Motor Review\n\nNews of June 1, 1999\n\n{Title}\n\nDETROIT, MI, January 12, 1999 - {Body}\n", "old.txt");

        Assert.Equal(new DateOnly(1999, 6, 1), release.Date);
    }

    [Theory]
    [InlineData("Forwarded for those following the story.", "Joanna Example, 202/586-5806 April 18, 1996", 1996, 4, 18)]
    [InlineData("Weitergeleitet zur Information der Redaktion.", "Pressestelle der Beispiel-Stiftung, Ruf 030 1234567, 18. April 1996", 1996, 4, 18)]
    [InlineData("---------- Weitergeleitete Nachricht ----------", "WASHINGTON, April 18, 1996 -- ", 1996, 4, 18)]
    [InlineData("Messaggio inoltrato per chi segue la vicenda.", "Marta Esempio, +39 06 1234 5678, 18 aprile 1996", 1996, 4, 18)]
    public void Email_AForwardedReleasesOwnDateLine_WinsOverTheMailsLaterDate(string note, string line, int y, int m, int d)
    {
        var eml = $"From: A Reader <reader@example.edu>\r\nSubject: Institute release: {Title}\r\nDate: Fri, 19 Apr 1996 09:12:44 -0500\r\n"
            + $"Content-Type: text/plain; charset=us-ascii\r\n\r\n{note}\r\n\r\n{line}\r\n\r\n{Title}\r\n\r\n{Body}\r\n";

        Assert.Equal(new DateOnly(y, m, d), Accept(eml, "forwarded.eml").Date);
    }

    [Fact]
    public void Html_AListingsNextEntryDate_DoesNotDateTheEntry()
    {
        var html = "<html><body><div class=\"item\"><p class=\"date\">30.09.2016</p><p class=\"label\">Teaser</p>"
            + $"<h3>{Title}</h3><p>{Body}</p></div><div class=\"item\"><p class=\"date\">23.09.2016</p><h3>Another entry of the same listing</h3><p>{Body}</p></div></body></html>";

        Assert.Equal(new DateOnly(2016, 9, 30), Accept(html, "listing.html").Date);
    }

    [Fact]
    public void Email_AnEventDateInTheTextBeforeTheMailsDate_DoesNotDateIt()
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {Title}\r\nDate: Fri, 19 Apr 1996 09:12:44 -0500\r\n"
            + $"Content-Type: text/plain; charset=us-ascii\r\n\r\n{Title}\r\n\r\nAt the meeting on April 16, 1996 the board of Example Institute agreed on the plans for a new research centre for materials science.\r\n\r\n{Body}\r\n";

        Assert.Equal(new DateOnly(1996, 4, 19), Accept(eml, "direct.eml").Date);
    }

    // Class 4: a date the opening sentence talks about gives way to the day the page's address spells.
    [Theory]
    [InlineData("https://www.example.nl/nieuws/2017/03/14/mededeling", "Met het oog op de verkiezingen van 15 maart 2017 heeft de minister-president het ontslag van alle ministers aangeboden.", 2017, 3, 14)]
    [InlineData("https://example.pt/pt/noticia/18-01-2013/universidade", "A 16 de janeiro de 2013, a Aula Magna acolheu o primeiro ato comum das duas universidades da cidade.", 2013, 1, 18)]
    [InlineData("https://example.com/news/18.01.2013/campus", "On 16 January 2013 the great hall hosted the first joint ceremony of the two universities of the city.", 2013, 1, 18)]
    public void Html_ADateInTheOpeningSentence_GivesWayToTheAddresssDate(string url, string sentence, int y, int m, int d)
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1><p>{sentence}</p><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "url.html").Date);
    }

    [Theory]
    [InlineData("https://example.pt/pt/noticia/18-01-2013/universidade", "A 16 de janeiro de 2013, a Aula Magna acolheu o primeiro ato comum das duas universidades.")]
    [InlineData("https://example.de/aktuell/2013/01/18/festakt", "Am 16. Januar 2013 fand in der Aula der erste gemeinsame Festakt der beiden Universitäten statt.")]
    public void Html_ADateInTheClosingSentence_GivesWayToTheAddresssDate(string url, string sentence)
    {
        var html = $"<html><head><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1><p>{Body}</p><p>{Body}</p><p>{Body}</p><p>{sentence}</p></body></html>";

        Assert.Equal(new DateOnly(2013, 1, 18), Accept(html, "closing.html").Date);
    }

    // Class 5: a wire's dateline set with an ellipsis, under a long list of highlights.
    [Theory]
    [InlineData("ARMONK, N.Y., October 19, 2015 . . . ", 2015, 10, 19)]
    [InlineData("PARIS, le 19 octobre 2015... ", 2015, 10, 19)]
    [InlineData("MÜNCHEN, 19. Oktober 2015 … ", 2015, 10, 19)]
    public void Text_AnEllipsisDatelineUnderManyHighlights_DatesTheRelease(string dateline, int y, int m, int d)
    {
        var bullets = string.Concat(Enumerable.Range(1, 12).Select(i => $"- Highlight {i}: revenue in region {i} up {i} percent on the year before\n\n"));
        var release = Accept($"{Title}\n\n{bullets}The full year 2016 outlook stays unchanged.\n\n{dateline}Example Group today reported third-quarter results with revenue up in every region.\n\n{Body}\n", "wire.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    [Fact]
    public void Html_ADatelineInTheOpeningSentence_KeepsItsDateOverTheAddresss()
    {
        var html = "<html><head><link rel=\"canonical\" href=\"https://example.com/news/2013/01/20/campus\"></head><body>"
            + $"<h1>{Title}</h1><p>LISBON, January 16, 2013 – {Body}</p><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(2013, 1, 16), Accept(html, "dateline.html").Date);
    }

    [Theory]
    [InlineData("/noticia/18-01-2013/universidade", 2013, 1, 18)]
    [InlineData("/news/18.01.2013/campus", 2013, 1, 18)]
    [InlineData("/actualites/2013-01-18/campus", 2013, 1, 18)]
    public void DateFinder_ADayFirstDateAsAPathSegment_IsTheAddresssDate(string path, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), DateFinder.FromUrl("https://example.org" + path));
    }

    [Theory]
    [InlineData("/noticia/03-04-2013/universidade")] // reads both ways
    [InlineData("/files/18-01-2013-report.pdf")] // not a segment of its own
    public void DateFinder_APathSegmentThatIsNoSureDate_IsNotRead(string path)
    {
        Assert.Null(DateFinder.FromUrl("https://example.org" + path));
    }

    // Class 3: a wire's dateline without the year, its day first ("MONTREAL, le 7 déc. /CNW Telbec/ -"), dates the release over
    // a day its opening sentence talks about; the year is the one the text names.
    [Theory]
    [InlineData("MONTRÉAL, le 7 déc. /CNW Telbec/ - Le comité exécutif a présenté les décisions prises lors de sa séance du 5 décembre 2007 sur le transport collectif.", 2007, 12, 7)]
    [InlineData("BERLIN, 7. Dez. (dpa) - Der Senat hat in seiner Sitzung vom 5. Dezember 2007 beschlossen, das Netz der Radwege zu verdoppeln.", 2007, 12, 7)]
    [InlineData("ROMA, 7 dic. /Agenzia Esempio/ - La giunta ha approvato nella seduta del 5 dicembre 2007 il nuovo piano dei trasporti della città.", 2007, 12, 7)]
    [InlineData("BOSTON, Dec. 7 /Example Newswire/ -- The board said at its meeting of December 5, 2007 that the plant would open next year.", 2007, 12, 7)]
    [InlineData("LYON, le 14 mars /Fil Presse/ - Le conseil a voté le 12 mars 2019 un budget de 40 millions d'euros pour les écoles de la métropole.", 2019, 3, 14)]
    public void Text_AYearlessDatelineDayFirst_WinsOverADateTheTextTalksAbout(string dateline, int year, int month, int day)
    {
        var release = Accept($"Example Wire\nCommuniqués | Nouvelles\n\n{Title}\n\n{dateline} {Body}\n\n{Body}\n", "yearless.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    [Fact]
    public void Text_AnOpeningSentenceThatStartsWithAPlaceAndADay_IsNoDateline()
    {
        var release = Accept($"{Title}\n\nParis, 12 March 2019 - Le conseil a voté un budget de 40 millions d'euros pour les écoles.\n\n{Body}\n", "full.txt");

        Assert.Equal(new DateOnly(2019, 3, 12), release.Date);
    }

    // A republisher's yearless dateline over the release's own date, which the text names as the release's: that date stands.
    [Theory]
    [InlineData("WASHINGTON, Sept. 17 -- The Example Foundation issued the following news release on Sept. 16, 2025:", 2025, 9, 16)]
    [InlineData("PARIS, 17 sept. -- L'institut a publié le communiqué suivant le 16 septembre 2025 :", 2025, 9, 16)]
    [InlineData("BERLIN, 17. Sept. -- Die Stiftung hat am 16. September 2025 folgende Pressemitteilung veröffentlicht:", 2025, 9, 16)]
    public void Text_AYearlessDatelineOverTheReleasesOwnNamedDate_GivesWay(string dateline, int year, int month, int day)
    {
        var release = Accept($"{Title}\n\n{dateline}\n\n{Body}\n\n{Body}\n", "republished.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    // Class 4: a day the opening sentence gives as today's, without the year ("released today (7 September)"), dates the release
    // over days the text talks about; the year is the one the text names.
    [Theory]
    [InlineData("The charity said in a report released today (7 September) that the crackdown that began in April 2009 and the arrests between 10 April and 20 May 2009 call for action.", 2009, 9, 7)]
    [InlineData("The charity said today (Monday 7 September) that the crackdown that began in April 2009 and the arrests between 10 April and 20 May 2009 call for action.", 2009, 9, 7)]
    [InlineData("The charity said today (September 7) that the crackdown that began in April 2009 and the arrests between April 10 and May 20, 2009 call for action.", 2009, 9, 7)]
    [InlineData("Das Hilfswerk erklärte heute (7. September), die seit April 2009 andauernde Verfolgung und die Festnahmen vom 20. Mai 2009 verlangten Maßnahmen.", 2009, 9, 7)]
    [InlineData("L'association a déclaré aujourd'hui (7 septembre) que la répression commencée en avril 2009 et les arrestations du 20 mai 2009 exigent une action.", 2009, 9, 7)]
    public void Html_ADayTheOpeningSentenceGivesAsToday_DatesTheRelease(string opening, int year, int month, int day)
    {
        var html = $"<html><body><article><h1>{Title}</h1><p>{opening}</p><p>{Body}</p><p>Police arrested forty people between 10 April and 20 May 2009.</p></article></body></html>";

        Assert.Equal(new DateOnly(year, month, day), Accept(html, "today.html").Date);
    }

    [Fact]
    public void Html_TodayWithOnlyAWeekday_DoesNotDateTheRelease()
    {
        var html = $"<html><body><article><h1>{Title}</h1><p>The charity said today (Monday) that the arrests of 20 May 2009 call for action.</p><p>{Body}</p></article></body></html>";

        Assert.Equal(new DateOnly(2009, 5, 20), Accept(html, "weekday.html").Date);
    }
}
