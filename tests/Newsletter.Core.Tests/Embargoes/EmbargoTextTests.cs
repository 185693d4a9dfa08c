using Newsletter.Core.Embargoes;

namespace Newsletter.Core.Tests.Embargoes;

public class EmbargoTextTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    public static TheoryData<string, DateTimeOffset> Readable => new()
    {
        { "10:00 CET, 12 March 2025", Utc(2025, 3, 12, 9, 0) },
        { "10:00 CEST, 12 June 2025", Utc(2025, 6, 12, 8, 0) },
        { "00:01 GMT Wednesday 12 March 2025", Utc(2025, 3, 12, 0, 1) },
        { "12 March 2025, 10:00 UTC", Utc(2025, 3, 12, 10, 0) },
        { "9 a.m. ET on March 12, 2025", Utc(2025, 3, 12, 13, 0) },
        { "9am EST, 12 March 2025", Utc(2025, 3, 12, 14, 0) },
        { "10:00 EDT 12 June 2025", Utc(2025, 6, 12, 14, 0) },
        { "10:00 BST on 12 June 2025", Utc(2025, 6, 12, 9, 0) },
        { "12.03.2025 10:00 UTC+2", Utc(2025, 3, 12, 8, 0) },
        { "12 March 2025 10:00 GMT+01:00", Utc(2025, 3, 12, 9, 0) },
        { "2025-03-12 10:00 +0100", Utc(2025, 3, 12, 9, 0) },
        { "2025-03-12T10:00:00+01:00", Utc(2025, 3, 12, 9, 0) },
        { "2025-03-12T09:00Z", Utc(2025, 3, 12, 9, 0) },
        { "12 June 2025 10:00 Central European Summer Time", Utc(2025, 6, 12, 8, 0) },
        { "12 June 2025, 10:00", Utc(2025, 6, 12, 8, 0) },
        { "noon Brussels time, 12 June 2025", Utc(2025, 6, 12, 10, 0) },
        { "2025-06-12T10:00", Utc(2025, 6, 12, 8, 0) },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Read_CommonShapes_LandOnTheirUtcMoment(string text, DateTimeOffset expected)
    {
        var reading = EmbargoText.Read(text, Brussels);

        Assert.Equal(EmbargoKind.At, reading.Kind);
        Assert.Equal(expected, reading.At);
    }

    [Theory]
    [InlineData("10:00 IST, 12 March 2025", "IST")]
    [InlineData("10:00 CST, 12 March 2025", "CST")]
    [InlineData("10:00 Pacific Standard, 12 March 2025", "pacific")]
    [InlineData("10:00 CET, Thursday 12 March 2025", "Wednesday")]
    [InlineData("10:00 CET, 12 March", "no date")]
    [InlineData("10:00 CET 12 March 2025 or 13 March 2025", "more than one date")]
    [InlineData("10:00 CET (09:00 GMT) 12 March 2025", "time zone")]
    [InlineData("10:00 or 11:00 CET 12 March 2025", "more than one time")]
    [InlineData("three days after publication", "no date")]
    [InlineData("25:00 CET 12 March 2025", "25")]
    [InlineData("", "no time")]
    public void Read_WhatItCannotBeSureOf_IsUnreadableWithTheReason(string text, string because)
    {
        var reading = EmbargoText.Read(text, Brussels);

        Assert.Equal(EmbargoKind.Unreadable, reading.Kind);
        Assert.Contains(because, reading.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("For immediate release")]
    [InlineData("n/a")]
    public void Read_NoEmbargo_IsNone(string text) => Assert.Equal(EmbargoKind.None, EmbargoText.Read(text, Brussels).Kind);

    [Theory]
    [InlineData("EMBARGOED UNTIL 10:00 CET, 12 March 2025", "10:00 CET, 12 March 2025")]
    [InlineData("Embargo: 12 March 2025, 10:00", "12 March 2025, 10:00")]
    [InlineData("**Strictly embargoed until 00:01 GMT 12 March 2025**", "00:01 GMT 12 March 2025")]
    [InlineData("Under embargo until 12 March 2025", "12 March 2025")]
    [InlineData("NOT FOR RELEASE BEFORE 9 a.m. ET, March 12, 2025", "9 a.m. ET, March 12, 2025")]
    [InlineData("Embargoed", "")]
    public void TryMatchLine_EmbargoNotices_GiveTheirValue(string line, string value)
    {
        Assert.True(EmbargoText.TryMatchLine(line, out var found));
        Assert.Equal(value, found);
    }

    [Theory]
    [InlineData("Embargo on exports of the compound ended in 2019.")]
    [InlineData("The embargo was lifted on 12 March 2025.")]
    [InlineData("Embargoes are common in science publishing.")]
    public void TryMatchLine_ProseAboutEmbargoes_IsNoNotice(string line) => Assert.False(EmbargoText.TryMatchLine(line, out _));

    [Fact]
    public void Read_SpringGapOnBrusselsTransitionDay_IsNonexistent()
    {
        // 29 March 2026: Brussels clocks go from 02:00 to 03:00.
        var reading = EmbargoText.Read("29 March 2026, 02:30", Brussels);

        Assert.Equal(EmbargoKind.Nonexistent, reading.Kind);
        Assert.Contains("does not exist in Europe/Brussels", reading.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AutumnFoldOnBrusselsTransitionDay_IsAmbiguousWithBothMoments()
    {
        // 25 October 2026: Brussels clocks go from 03:00 back to 02:00, so 02:30 happens twice.
        var reading = EmbargoText.Read("25 October 2026, 02:30", Brussels);

        Assert.Equal(EmbargoKind.Ambiguous, reading.Kind);
        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 25, 1, 30)], reading.Candidates);
        Assert.Contains("+02:00", reading.Problem, StringComparison.Ordinal);
        Assert.Contains("+01:00", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25 October 2026, 02:30 +02:00", 0)]
    [InlineData("25 October 2026, 02:30 CET", 1)]
    [InlineData("2026-10-25T02:30:00+01:00", 1)]
    public void Read_AutumnFoldWithAnOffset_IsOneMoment(string text, int utcHour) =>
        Assert.Equal(Utc(2026, 10, 25, utcHour, 30), EmbargoText.Read(text, Brussels).At);

    [Theory]
    [InlineData("29 March 2026, 01:30", 0, 30)]
    [InlineData("29 March 2026, 03:00", 1, 0)]
    [InlineData("29 March 2026, 10:00", 8, 0)]
    [InlineData("25 October 2026, 01:59", 23, 59)]
    [InlineData("25 October 2026, 03:00", 2, 0)]
    [InlineData("25 October 2026, 10:00", 9, 0)]
    public void Read_LocalTimesAroundBothTransitions_LandOnTheRightUtcMoment(string text, int hour, int minute)
    {
        var at = EmbargoText.Read(text, Brussels).At!.Value;

        Assert.Equal((hour, minute), (at.UtcDateTime.Hour, at.UtcDateTime.Minute));
        // Shown back in Brussels time, it reads as entered.
        Assert.Equal(text.Split(", ")[1], TimeZoneInfo.ConvertTime(at, Brussels).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}
