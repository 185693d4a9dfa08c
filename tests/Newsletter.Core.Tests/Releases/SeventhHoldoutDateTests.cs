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

    [Theory]
    [InlineData("2019. gada 2019. m. 2019. ")]
    [InlineData("1. 2. 1. 2. 19 ")]
    [InlineData("ngày 5 tháng 3 ngày 5 tháng ")]
    [InlineData("2020年3月2020年3月 ")]
    public void LargeHostileInputInThoseShapes_IsReadWithinItsBudget(string piece)
    {
        var text = $"Example Institute opens a research centre\n\n{new StringBuilder(piece.Length * 20_000).Insert(0, piece, 20_000)}\n\n{Body}\n";
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var result = ReleaseParser.Parse(Encoding.UTF8.GetBytes(text), "hostile.txt", budget: budget.Token);

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
