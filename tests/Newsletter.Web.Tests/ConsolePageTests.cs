using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
using Newsletter.Core.Portal;
using Newsletter.Core.Updates;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Web.Tests;

/// <summary>The console's update page and queue as the functions render them: a member's change requests, encoded.</summary>
public sealed class ConsolePageTests
{
    private const string Hostile = "<script>alert('x')</script> The heat lasts five months, not six.";
    private static readonly ConsoleContext Console = new("editor@example.org", IsAdmin: false, AntiForgeryToken: "token");
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static Update Published() => new()
    {
        Id = "u0123456789abcdef01234567", MemberId = "kth", ReleaseId = "r0123456789ab", Title = "Sand battery stores heat for months",
        Date = new DateOnly(2026, 11, 30), Organisation = "KTH Royal Institute of Technology", Summary = "Heat kept in sand.",
        BodyHtml = "<p>Heat kept in sand.</p>", BodyText = "Heat kept in sand.", WordCount = 4, Topics = ["Research"], ContentHash = "h",
        Status = UpdateStatus.Published, CreatedAt = At.AddDays(-2), PublishedAt = At.AddDays(-2),
    };

    // The console's frame links to sign-out through the access links, which the hosts register beside the Web services.
    private static Pages ConsolePages() => new(configure: s => s.AddSingleton<AccessLinks>());

    private static ChangeRequest Request(Update update) =>
        new("q01", "kth", update.ReleaseId, update.Id, ChangeRequestKind.Correction, Hostile, "p1", "press@kth.se", At);

    [Fact]
    public async Task TheUpdatePage_ListsItsOpenRequests_WithKindWhoWhen_AndTheTextEncoded()
    {
        await using var pages = ConsolePages();
        var update = Published();
        var review = new UpdateReview(update, "KTH Royal Institute of Technology", null, [], [], ["Research"], [Request(update)]);

        var html = await pages.Renderer.RenderAsync<UpdateReviewPage, UpdatePageModel>(
            new UpdatePageModel(Console, review, UpdateEdit.Of(update), new Dictionary<string, string>()));
        var page = Pages.Parse(html);

        var section = page.QuerySelector("section[aria-labelledby=requests-heading]");
        Assert.NotNull(section);
        Assert.Contains("Open change requests (1)", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("Correction", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("press@kth.se", section.TextContent, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector("time"));
        Assert.Equal(Hostile, section.QuerySelector(".request-text")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUpdatePage_WithoutOpenRequests_HasNoRequestSection()
    {
        await using var pages = ConsolePages();
        var update = Published();
        var review = new UpdateReview(update, "KTH", null, [], [], ["Research"], []);

        var page = await pages.PageAsync<UpdateReviewPage, UpdatePageModel>(new UpdatePageModel(Console, review, UpdateEdit.Of(update), new Dictionary<string, string>()));

        Assert.Null(page.QuerySelector("section[aria-labelledby=requests-heading]"));
    }

    [Fact]
    public async Task TheQueue_ShowsPublishedUpdatesWithOpenRequests_InTheirOwnSection_WithACount()
    {
        await using var pages = ConsolePages();
        var update = Published();

        var page = await pages.PageAsync<QueuePage, QueuePageModel>(new QueuePageModel(Console, [], Requested: [new RequestedUpdate(update, [Request(update), Request(update) with { Id = "q02" }])]));

        var section = page.QuerySelector("section[aria-labelledby=requests-heading]")!;
        Assert.Contains("1 published update with open requests", section.TextContent, StringComparison.Ordinal);
        var row = section.QuerySelector("tbody tr")!;
        Assert.Contains("Sand battery stores heat for months", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 (correction)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nothing waits for review", page.Body!.TextContent, StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset Lift = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static Update Scheduled() => Published() with { Status = UpdateStatus.Scheduled, PublishedAt = null, Embargo = Lift };

    private static string Described(Pages pages, DateTimeOffset at)
    {
        using var scope = pages.Scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Newsletter.Core.Embargoes.NetworkClock>().Describe(at);
    }

    [Fact]
    public async Task AScheduledUpdate_ShowsTheBadgeAndItsLift_OnItsPage_AndInTheUpdatesList()
    {
        await using var pages = ConsolePages();
        var update = Scheduled();
        var review = new UpdateReview(update, "KTH", null, [], [], ["Research"], []);

        var page = await pages.PageAsync<UpdateReviewPage, UpdatePageModel>(new UpdatePageModel(Console, review, UpdateEdit.Of(update), new Dictionary<string, string>()));
        var list = await pages.PageAsync<UpdatesPage, UpdatesPageModel>(new UpdatesPageModel(Console, UpdateStatus.Scheduled, [update, Published()]));

        var status = page.QuerySelector("p.meta")!;
        Assert.Equal("Scheduled", status.QuerySelector(".status.scheduled")!.TextContent);
        Assert.Equal(Described(pages, Lift), status.QuerySelector("time")!.TextContent);
        Assert.Equal("2026-12-03T09:00:00Z", status.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("UTC", status.QuerySelector("time")!.TextContent, StringComparison.Ordinal);
        var rows = list.QuerySelectorAll("tbody tr");
        Assert.Equal("Scheduled", rows[0].QuerySelector(".status.scheduled")!.TextContent);
        Assert.Equal(Described(pages, Lift), rows[0].QuerySelector("time")!.TextContent);
        Assert.Null(rows[1].QuerySelector(".status.scheduled"));
    }

    [Fact]
    public async Task TheQueue_FlagsPendingUpdatesWhoseEmbargoLiftsSoon_WithTheLift_AndOmitsTheSectionWhenNone()
    {
        await using var pages = ConsolePages();
        var pending = Published() with { Status = UpdateStatus.PendingReview, PublishedAt = null, Embargo = Lift };

        var page = await pages.PageAsync<QueuePage, QueuePageModel>(new QueuePageModel(Console, [pending], Lifting: [pending]));
        var none = await pages.PageAsync<QueuePage, QueuePageModel>(new QueuePageModel(Console, [pending]));

        var section = page.QuerySelector("section[aria-labelledby=lifting-heading]")!;
        Assert.Equal("Embargo lifting soon, still waiting for review", section.QuerySelector("h2")!.TextContent);
        Assert.Contains("1 update whose embargo lifts within a day", section.TextContent, StringComparison.Ordinal);
        var row = section.QuerySelector("tbody tr")!;
        Assert.Contains("Sand battery stores heat for months", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(Described(pages, Lift), row.QuerySelector("time")!.TextContent);
        Assert.Null(none.QuerySelector("section[aria-labelledby=lifting-heading]"));
    }

    [Theory]
    [InlineData(2026, 3, 28, 23, "29 Mar 2026 00:00", "28 Mar 2026 23:00 UTC")]
    [InlineData(2026, 7, 1, 9, "1 Jul 2026 11:00", "1 Jul 2026 09:00 UTC")]
    public async Task ConsoleTimes_AreInTheNetworksZone_WithUtcInTheirTitle(int year, int month, int day, int utcHour, string shown, string utc)
    {
        await using var pages = ConsolePages();
        var at = new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero);
        var pending = Published() with { Status = UpdateStatus.PendingReview, PublishedAt = null, CreatedAt = at };

        var page = await pages.PageAsync<QueuePage, QueuePageModel>(new QueuePageModel(Console, [pending]));

        var time = page.QuerySelector("tbody tr time")!;
        Assert.Equal(shown, time.TextContent);
        Assert.Equal($"{utc} (Europe/Brussels: {shown})", time.GetAttribute("title"));
        Assert.Equal(at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), time.GetAttribute("datetime"));
        Assert.Contains("Times are in Europe/Brussels time; point at one to see it in UTC.", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
