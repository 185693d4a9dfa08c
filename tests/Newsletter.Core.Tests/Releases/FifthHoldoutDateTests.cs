using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The date classes the corpus's fifth holdout failed on (issue 18; docs/release-formats.md): a wire's date line with its
/// clock time and time zone, under the headline's decks. Each with variants of its own that are not corpus files.
/// </summary>
public class FifthHoldoutDateTests
{
    private const string Title = "Example Group reports a strong first half";
    private const string Body = "Example Group today published its results for the first half of the year, with sales up in every region and a higher operating margin than a year before.";

    // Class 1: a wire's date line with its clock time and time zone, below the headline's decks.
    [Theory]
    [InlineData("27 juil. 2016 11:45 AM Heure Avancée de l’Est")]
    [InlineData("July 27, 2016 11:45 AM Eastern Daylight Time")]
    [InlineData("27.07.2016 um 11:45 Uhr MESZ")]
    [InlineData("27 luglio 2016 alle 11.45 CEST")]
    public void Text_ADateLineWithTimeAndZoneUnderDecks_DatesTheRelease(string dateLine)
    {
        var release = Accept($"Example Wire\n\n{Title}\n\nSales up 2.9% on a like-for-like basis\n\nOperating income up 5.3% at constant rates\n\n{dateLine}\n\n{Body}\n", "wire.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2016, 7, 27), release.Date);
    }

    [Fact]
    public void Text_ASentenceWithAYearAndAClockTime_IsNoDateLine()
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\nIn 2016 11:45 was the record time of the race in the city\n\n{Body}\n", "sentence.txt");

        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    [Theory]
    [InlineData("Zeit: Montag, den 19.08.2019 10.00 Uhr")]
    [InlineData("When: Monday, 19 August 2019")]
    public void Text_AnEventsLabelledTimeInTheText_DoesNotDateTheRelease(string eventLine)
    {
        var release = Accept($"{Title}\n\n{Body}\n\n{Body}\n\nThe group invites journalists to a press event.\n\n{eventLine}\n\n{Body}\n\nPublished 13 August 2019\n", "event.txt");

        Assert.Equal(new DateOnly(2019, 8, 13), release.Date);
    }

    // Class 2: a forwarded mail's own date is the day it was forwarded; the release's dateline dates it.
    [Theory]
    [InlineData("I: ", "Roma, 18 luglio 2022 – ")]
    [InlineData("Fwd: ", "LONDON, July 18, 2022 – ")]
    [InlineData("WG: ", "Berlin, 18. Juli 2022 – ")]
    public void Email_AForwardedRelease_TakesItsDatelineOverTheMailsDate(string marker, string dateline)
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {marker}{Title}\r\nDate: Tue, 19 Jul 2022 08:47:12 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{dateline}{Body}\r\n";

        Assert.Equal(new DateOnly(2022, 7, 18), Accept(eml, "forward.eml").Date);
    }

    [Fact]
    public void Email_AReleaseMailedDirectly_KeepsTheMailsDate()
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {Title}\r\nDate: Tue, 19 Jul 2022 08:47:12 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\nLONDON, July 18, 2022 – {Body}\r\n";

        Assert.Equal(new DateOnly(2022, 7, 19), Accept(eml, "direct.eml").Date);
    }

    // Class 3: a weekday before a numeric date that could be read day first or month first settles it.
    [Theory]
    [InlineData("Thu, 11/09/2025", 2025, 9, 11)]
    [InlineData("Wed 06/04/2025", 2025, 6, 4)]
    [InlineData("jeudi 11/09/2025", 2025, 9, 11)]
    [InlineData("Mo., 03-02-2025", 2025, 2, 3)]
    [InlineData("(Sun) 03/02/2025", 2025, 3, 2)]
    public void DateFinder_AWeekdayBeforeAnAmbiguousNumericDate_SettlesItsReading(string text, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Newsletter.Core.Releases.Parsing.DateFinder.FindFirst(text));
    }

    [Theory]
    [InlineData("06/04/2025")] // no weekday: either reading
    [InlineData("Fri, 11/09/2025")] // a Friday in neither reading
    [InlineData("do 03-02-2025")] // a bare two-letter word is no weekday
    public void DateFinder_AWeekdayThatSettlesNothing_LeavesAnAmbiguousDateUnread(string text)
    {
        Assert.Null(Newsletter.Core.Releases.Parsing.DateFinder.FindFirst(text));
    }

    [Fact]
    public void Text_AnAggregatorsWeekdayAndNumericDate_DatesTheRelease()
    {
        var release = Accept($"News\n\n{Title}\n\nThu, 11/09/2025\n\n{Body}\n\n{Body}\n", "aggregator.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2025, 9, 11), release.Date);
    }
}
