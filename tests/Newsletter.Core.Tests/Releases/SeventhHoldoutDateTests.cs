using System.Text;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The date classes the corpus's seventh holdout failed on (issue 18; docs/release-formats.md): a date shape read in every
/// language whose months are read, a year-first or spaced shape, and the release's own date over a day the text talks about.
/// Each with variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutDateTests
{
    private const string Body = "The institute today opened a new research centre for materials science, with room for two hundred researchers and a clean room shared with local companies.";

    // Class 1: the month names of the languages of central, eastern and northern Europe and beyond, in the forms a date writes them.
    [Theory]
    [InlineData("Warszawa, 12 marca 2019 r.", 2019, 3, 12)] // Polish
    [InlineData("Praha 5. listopadu 2020", 2020, 11, 5)] // Czech
    [InlineData("Košice 3. februára 2015", 2015, 2, 3)] // Slovak
    [InlineData("Maribor, 15. junija 2018", 2018, 6, 15)] // Slovenian
    [InlineData("Zagreb, 7. svibnja 2017.", 2017, 5, 7)] // Croatian
    [InlineData("Beograd, 4. septembar 2016.", 2016, 9, 4)] // Serbian
    [InlineData("Cluj, 3 martie 2020", 2020, 3, 3)] // Romanian
    [InlineData("Tartu, 12. märtsil 2019", 2019, 3, 12)] // Estonian
    [InlineData("Oulu 9. syyskuuta 2021", 2021, 9, 9)] // Finnish
    [InlineData("Akureyri, 5. febrúar 2019", 2019, 2, 5)] // Icelandic
    [InlineData("İzmir, 12 Ağustos 2020", 2020, 8, 12)] // Turkish
    [InlineData("Bandung, 17 Agustus 2021", 2021, 8, 17)] // Indonesian
    [InlineData("Харків, 4 травня 2020 року", 2020, 5, 4)] // Ukrainian
    [InlineData("Новосибирск, 12 апреля 2021 года", 2021, 4, 12)] // Russian
    [InlineData("Пловдив, 5 юни 2019 г.", 2019, 6, 5)] // Bulgarian
    [InlineData("Θεσσαλονίκη, 3 Μαΐου 2018", 2018, 5, 3)] // Greek
    [InlineData("Kraków, 28 października 2019", 2019, 10, 28)] // Polish, a long genitive
    public void DateFinder_AMonthNameOfAnotherLanguage_IsRead(string text, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), DateFinder.FindFirst(text));
    }

    // Class 2: the shapes that write the year first or set the day and month apart with spaces.
    [Theory]
    [InlineData("Debrecen, 2019. március 15.", 2019, 3, 15)] // Hungarian
    [InlineData("2020. okt. 2-án", 2020, 10, 2)] // Hungarian, abbreviated, with the day's suffix
    [InlineData("Liepājā 2018. gada 4. maijā", 2018, 5, 4)] // Latvian
    [InlineData("Kaunas, 2020 m. gegužės 5 d.", 2020, 5, 5)] // Lithuanian
    [InlineData("発表日 2020年3月5日", 2020, 3, 5)] // Japanese, Chinese
    [InlineData("2020년 3월 5일 발표", 2020, 3, 5)] // Korean
    [InlineData("Hà Nội, ngày 5 tháng 3 năm 2020", 2020, 3, 5)] // Vietnamese
    [InlineData("Brno, 3. 4. 2019", 2019, 4, 3)] // a dotted date with spaces
    [InlineData("pondělí, 26. 06. 2014 13.18 hod.", 2014, 6, 26)]
    public void DateFinder_AYearFirstOrSpacedDate_IsRead(string text, int y, int m, int d)
    {
        Assert.Equal(new DateOnly(y, m, d), DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("Debrecen, 2019. február 30.")] // no such day
    [InlineData("The 2019 season ended with 5 teams level on points.")]
    [InlineData("Items 1. 2. 3. and 4. of the agenda")]
    [InlineData("Score 3. 4.2019")] // spaced on one side only
    [InlineData("2020年13月5日")]
    public void DateFinder_WhatOnlyLooksLikeThoseShapes_IsNoDate(string text)
    {
        Assert.Null(DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("Mac")]
    [InlineData("Nisan")]
    [InlineData("Liepa")]
    public void DateFinder_ANameThatIsAMonthOnlyInAnotherLanguage_IsNoMonthWordOfAHeadline(string word)
    {
        Assert.False(DateFinder.IsMonthOrYear(word));
    }

    [Theory]
    [InlineData("<p class=\"date\">2021. április 12.</p>", 2021, 4, 12)]
    [InlineData("<p class=\"date\">sreda, 14. 4. 2021</p>", 2021, 4, 14)]
    [InlineData("<p><strong>Nitra 12. apríla 2021:</strong> Univerzita otvorila nové výskumné centrum.</p>", 2021, 4, 12)]
    public void Html_ADateLineInThoseShapes_DatesTheRelease(string line, int y, int m, int d)
    {
        var html = $"<html><body><main><h1>Example Institute opens a research centre</h1>{line}<p>{Body}</p><p>{Body}</p></main></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "shapes.html").Date);
    }

    // Class 3: a labelled numeric date that reads both ways is read as the page itself settles it, not month first by default.
    [Theory]
    [InlineData("Date: 04/05/2019", "Applications are open until 30 June 2019.", 2019, 5, 4)]
    [InlineData("Date 04/05/2019", "Applications are open until June 30, 2019.", 2019, 4, 5)]
    [InlineData("Published: 04/05/2019", "Applications close on 25/06/2019.", 2019, 5, 4)]
    [InlineData("Published: 04/05/2019", "Applications close on 06/25/2019.", 2019, 4, 5)]
    [InlineData("Released: 04-05-2019", "The board met on 2 May 2019 and on 17 April 2019.", 2019, 5, 4)]
    public void Text_ALabelledDateThatReadsBothWays_IsReadInThePagesOwnOrder(string line, string sentence, int y, int m, int d)
    {
        var release = Accept($"Example Exchange asks for more disclosure\n\n{line}\n\n{Body} {sentence}\n\n{Body}\n", "both.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    [Theory]
    [InlineData("en", "Interim results (press release of 4 May 2019)", 2019, 5, 4)]
    [InlineData("en", "Interim results (press release of April 5, 2019)", 2019, 4, 5)]
    [InlineData("es", "Resultados intermedios del primer trimestre", 2019, 5, 4)]
    [InlineData("en", "Interim results of the first quarter", 2019, 4, 5)] // nothing settles it: the value's month-first reading stands
    public void Html_APublishedLineThatReadsBothWays_IsSettledByTheSameDayWrittenOutOrTheLanguage(string language, string headline, int y, int m, int d)
    {
        var html = $"<html lang=\"{language}\"><body><main><h1>{headline}</h1><p class=\"published\">Published: 04/05/2019</p><p>{Body}</p><p>{Body}</p></main></body></html>";

        Assert.Equal(new DateOnly(y, m, d), Accept(html, "both.html").Date);
    }

    [Theory]
    [InlineData(2019, 4, 5, "on 30 June 2019", 2019, 5, 4)]
    [InlineData(2019, 4, 5, "on June 30, 2019", 2019, 4, 5)]
    [InlineData(2019, 4, 4, "on 30 June 2019", 2019, 4, 4)] // the same both ways
    [InlineData(2019, 4, 25, "on 30 June 2019", 2019, 4, 25)] // reads one way only
    public void DateFinder_SettleBothWays_FollowsThePagesOwnOrder(int y, int m, int d, string sentence, int ey, int em, int ed)
    {
        Assert.Equal(new DateOnly(ey, em, ed), DateFinder.SettleBothWays(new DateOnly(y, m, d), [$"The board met {sentence}."], "en"));
    }

    // Class 4: the day the opening sentence gives as today's ("heute, am 7.7.22", "today, 7 July 2022") wins over a day it talks about.
    [Theory]
    [InlineData("Heute, am 7.7.22, wurde das sanierte Zentrum mit einem Festakt eröffnet, nach drei Jahren Bauzeit.", 2022, 7, 7)]
    [InlineData("Nach Bauarbeiten seit dem 3. Mai 2019 öffnete heute, am 7. Juli 2022, das sanierte Zentrum.", 2022, 7, 7)]
    [InlineData("Under works since 3 May 2019, the centre opened today, 7 July 2022, to the public.", 2022, 7, 7)]
    [InlineData("En obras desde el 3 de mayo de 2019, el centro abrió hoy, 7 de julio de 2022, sus puertas.", 2022, 7, 7)]
    public void Text_TheDayTheOpeningSentenceGivesAsTodays_DatesTheRelease(string sentence, int y, int m, int d)
    {
        var release = Accept($"Example Centre reopens\n\n{sentence}\n\n{Body}\n", "today.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    // Class 5: a labelled publication date with its words in another order, deeper in the text than its opening paragraphs.
    [Theory]
    [InlineData("Date Published: 16 Jan, 2013", 2013, 1, 16)]
    [InlineData("Publication date: 4 March 2021", 2021, 3, 4)]
    [InlineData("Fecha de publicación: 4 de marzo de 2021", 2021, 3, 4)]
    [InlineData("Erscheinungsdatum: 04.03.2021", 2021, 3, 4)]
    [InlineData("Data publikacji: 04.03.2021", 2021, 3, 4)]
    public void Text_ALabelledPublicationDateUnderTheChrome_DatesTheRelease(string line, int y, int m, int d)
    {
        var release = Accept($"Example Service statement\n\nSelect a park to view its lodges\n\nWelcome to Example Service\n\nExample Service statement on the season\n\n{line}\nThe statement was read at the press conference.\n\n{Body}\n\n{Body}\n\n{Body}\n", "label.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    // Class 6: a line of the issuer's name and the date, set apart by a dash, as portals of many issuers show it.
    [Theory]
    [InlineData("Technische Universität Beispielstadt – 10.05.2010", 2010, 5, 10)]
    [InlineData("Université de Technologie de Exempleville - 3 mars 2019", 2019, 3, 3)]
    [InlineData("Example Institute of Technology — May 3, 2019", 2019, 5, 3)]
    public void Text_AnIssuerAndDateLineUnderAPortalsChrome_DatesTheRelease(string line, int y, int m, int d)
    {
        var release = Accept($"New degree course in medical engineering\n\nPortal → Medicine → Facts\n\nReport 119: news of research and teaching of 11.05.10\n\nScience information service - press releases\n\n{line}\n\n{Body}\n\n{Body}\n\n{Body}\n", "portal.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    // Class 7: an opening sentence that starts with the day of an event is the text talking about a day, not a dateline.
    [Theory]
    [InlineData("29. August 2014 | Anna Beispiel", "Am Donnerstag, 28. August 2014, besuchte die Ministerin das Institut und sprach mit den Forschenden über ihre Arbeit.")]
    [InlineData("29 August 2014 | Jane Example", "On Thursday, 28 August 2014, the minister visited the institute and spoke with the researchers about their work.")]
    [InlineData("29 août 2014 | Jeanne Exemple", "Le jeudi, 28 août 2014, la ministre a visité l'institut et rencontré les chercheurs du laboratoire.")]
    public void Html_AnOpeningSentenceThatStartsWithAnEventsDay_GivesWayToThePagesDateLine(string meta, string sentence)
    {
        var html = $"<html><body><main><article><h1>Minister visits Example Institute</h1><p class=\"meta\">{meta}</p><p>{sentence}</p><p>{Body}</p></article></main></body></html>";

        Assert.Equal(new DateOnly(2014, 8, 29), Accept(html, "visit.html").Date);
    }

    // Class 8: a wire's dateline without the year takes the year of the same day written out in full in the headline.
    [Theory]
    [InlineData("Example Motors marks 18 February 2011 as the founder's birthday", "MODENA, 18 February – The founder, who won his first title in 1952, was born on this day.", 2011, 2, 18)]
    [InlineData("Example Labs celebrates May 29, 2019 as its founding day", "BOSTON, May 29 -- Example Labs, founded in 1998, marks its anniversary with an open day.", 2019, 5, 29)]
    [InlineData("La fundación cumple veinte años el 14 de diciembre de 2015 con una jornada", "MADRID, 14 dic. (Agencia) - La fundación, creada en 1995, celebra su aniversario con una jornada abierta.", 2015, 12, 14)]
    public void Text_AYearlessDatelineWhoseDayTheHeadlineWritesInFull_TakesTheHeadlinesYear(string headline, string dateline, int y, int m, int d)
    {
        var release = Accept($"{headline}\n\n{dateline}\n\n{Body}\n", "yearless.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    // Class 9: a machine's stamp with its clock time gives way to the date written for readers beside it.
    [Theory]
    [InlineData("2024-07-08T10:19:36+03:00Thursday, 4 July 2024|Categories: Society|", 2024, 7, 4)]
    [InlineData("2019-03-12T08:00:00Z Monday, 11 March 2019 | News", 2019, 3, 11)]
    [InlineData("2016-07-29T11:45:00+02:00 publié le 27 juillet 2016", 2016, 7, 27)]
    public void Text_AMachineStampBesideAWrittenDate_GivesWayToTheWrittenDate(string line, int y, int m, int d)
    {
        var release = Accept($"Example Institute wins a spin-off prize\n\n{Body}\n\n{line}\n", "stamp.txt");

        Assert.Equal(new DateOnly(y, m, d), release.Date);
    }

    [Theory]
    [InlineData("2019. gada 2019. m. 2019. ")]
    [InlineData("1. 2. 1. 2. 19 ")]
    [InlineData("ngày 5 tháng 3 ngày 5 tháng ")]
    [InlineData("2020年3月2020年3月 ")]
    public void LargeHostileInputInThoseShapes_IsReadWithinItsBudget(string piece)
    {
        var text = $"Example Institute opens a research centre\n\n{HostileText.Repeat(piece, 20_000)}\n\n{Body}\n";

        var result = HostileText.ParseWithinBudget(text, "hostile.txt");

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
