using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Web.Pages.Reading;

namespace Newsletter.Web.Tests;

public class ReadingPageTests
{
    private static Update Published(string id, string title, string body = "<p>Body</p>", string? original = null) => new()
    {
        Id = id,
        MemberId = "ucl",
        ReleaseId = "r-" + id,
        ContentHash = "h-" + id,
        Title = title,
        Date = new DateOnly(2026, 11, 30),
        Organisation = "University College London",
        Summary = "A summary of " + title,
        BodyHtml = body,
        BodyText = "Body",
        Topics = [],
        CanonicalUrl = original,
        Status = UpdateStatus.Published,
        CreatedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        PublishedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task HomePage_ListsTheLatestUpdates_AndCallsToSubscribe()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<HomePage, IReadOnlyList<Update>>([Published("u2", "Second <b>bold</b>"), Published("u1", "First")]);

        Assert.Equal(["Second <b>bold</b>", "First"], page.QuerySelectorAll("main .list li > a").Select(a => a.TextContent));
        Assert.Equal("https://updates.example.net/updates/u2", page.QuerySelector("main .list li > a")!.GetAttribute("href"));
        Assert.Equal("2026-11-30", page.QuerySelector("main .list time")!.GetAttribute("datetime"));
        Assert.Equal("https://updates.example.net/subscribe", page.QuerySelector("main .cta a")!.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "https://updates.example.net/feed.atom");
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "https://updates.example.net/archive");
    }

    [Fact]
    public async Task HomePage_WithNothingPublished_ShowsItsEmptyState()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<HomePage, IReadOnlyList<Update>>([]);

        Assert.Equal("Nothing published yet", page.QuerySelector(".empty h2")!.TextContent);
        Assert.Null(page.QuerySelector("main .list"));
    }

    [Fact]
    public async Task ArchivePage_ListsEditionsWithUpdates_AndLeavesEmptyOnesOut()
    {
        await using var pages = new Pages();
        var at = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
        var item = new EditionItem("u1", "Climate data platform", "UCL", new DateOnly(2026, 11, 29), "Summary", []);
        Edition Make(string id, Frequency frequency, params EditionItem[] items) => new()
        {
            Id = id, Frequency = frequency, ScheduledFor = at, WindowStart = at.AddDays(-1), Cutoff = at, Items = items, Status = EditionStatus.Composed, CreatedAt = at, Attempt = "a",
        };

        var page = await pages.PageAsync<ArchivePage, IReadOnlyList<Edition>>([
            Make("weekly-20261130T0700", Frequency.Weekly, item, item),
            Make("daily-20261130T0700", Frequency.Daily),
        ]);

        var entry = Assert.Single(page.QuerySelectorAll("main .list li"));
        Assert.Equal("https://updates.example.net/archive/weekly-20261130T0700", entry.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Weekly digest, 30 Nov 2026", entry.QuerySelector("a")!.TextContent);
        Assert.Equal("2 updates: Climate data platform and more", entry.QuerySelector(".meta")!.TextContent);
    }

    [Fact]
    public async Task ArchivePage_WithNoEdition_ShowsItsEmptyState()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<ArchivePage, IReadOnlyList<Edition>>([]);

        Assert.Equal("No edition yet", page.QuerySelector(".empty h2")!.TextContent);
    }

    [Fact]
    public async Task UpdatePage_ShowsTheSanitizedBody_AndTheOriginal_AndTheSignup()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<UpdateArticlePage, Update>(Published("u1", "Fish & <chips>", "<p>Measured <em>twice</em>.</p>", "https://ucl.example/news/1"));

        Assert.Equal("Fish & <chips> · Research Network Updates", page.Title);
        Assert.Equal("Fish & <chips>", page.QuerySelector("article h1")!.TextContent);
        Assert.Equal("twice", page.QuerySelector("article p em")!.TextContent);
        Assert.Equal("University College London · 30 Nov 2026", page.QuerySelector("article .meta")!.TextContent);
        Assert.Equal("https://ucl.example/news/1", page.QuerySelector("article a[rel~=noopener]")!.GetAttribute("href"));
        Assert.Equal("https://updates.example.net/subscribe", page.QuerySelector("main .cta a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(2026, 3, 29, 8, "29 Mar 2026, 10:00 Europe/Brussels (08:00 UTC)")]
    [InlineData(2026, 10, 25, 9, "25 Oct 2026, 10:00 Europe/Brussels (09:00 UTC)")]
    [InlineData(2026, 3, 28, 23, "29 Mar 2026, 00:00 Europe/Brussels (23:00 UTC 28 Mar)")]
    public async Task UpdatePage_ShowsThePublicationInTheNetworksTimeWithUtcBeside(int year, int month, int day, int utcHour, string shown)
    {
        await using var pages = new Pages();
        var at = new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero);

        var page = await pages.PageAsync<UpdateArticlePage, Update>(Published("u1", "Embargo lifted") with { PublishedAt = at, Embargo = at });

        var times = page.QuerySelectorAll("article .meta time");
        var time = times[^1];
        Assert.Equal(shown, time.TextContent);
        Assert.Equal(at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), time.GetAttribute("datetime"));
    }
}
