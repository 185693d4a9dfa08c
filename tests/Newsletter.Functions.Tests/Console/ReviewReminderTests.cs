using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Functions.Console;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>
/// The hourly review-waiting mail on Azurite: every editor gets the count once for the same releases, a newer arrival
/// brings one more mail at most once an hour, an editor who turned it off gets none, and a send that failed is made up
/// by the next run without mailing anyone twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewReminderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);

    // On the hour and a minute, so an hour's advance stays inside the next hour.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day,
        DateTimeOffset.UtcNow.Hour, 1, 0, TimeSpan.Zero));

    public Task InitializeAsync() => app.StartAsync(time: time);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task RunAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MailReviewReminders>().Run(new TimerInfo(), CancellationToken.None);
    }

    private List<Core.Mail.MailMessage> MailsTo(string address) => app.Mail.Sent.Where(m => m.To.Address == address).ToList();

    [Fact]
    public async Task EveryEditor_GetsTheCountOnce_ForTheSameReleases_AndANewArrivalAtMostOnceAnHour()
    {
        await app.SeedUpdateAsync("Sand battery stores heat for months");
        await app.SeedUpdateAsync("Catalyst splits water at room temperature");

        await RunAsync();
        await RunAsync();
        time.Advance(TimeSpan.FromHours(1));
        await RunAsync();

        var first = Assert.Single(MailsTo("editor@example.org"));
        Assert.Single(MailsTo("admin@example.org"));
        Assert.Equal("2 releases wait for review", first.Subject);
        Assert.Contains("2 releases wait for an editor of", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Sand battery stores heat for months (KTH Royal Institute of Technology), received ", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Catalyst splits water at room temperature", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Review them in the console: {ConsoleHarness.BaseUrl}/console", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Turn it off: {ConsoleHarness.BaseUrl}/console/settings", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("Sand battery stores heat for months", first.HtmlBody, StringComparison.Ordinal);

        // One arrives: the next run mails it with the new count; one more in the same hour waits for the next hour.
        await app.SeedUpdateAsync("Spin-off wins a grant");
        await RunAsync();
        await app.SeedUpdateAsync("Telescope mirror is finished");
        await RunAsync();

        var second = MailsTo("editor@example.org")[1];
        Assert.Equal(2, MailsTo("editor@example.org").Count);
        Assert.Equal("3 releases wait for review", second.Subject);
        Assert.Contains("3 releases wait for an editor of", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("this one arrived since the last mail", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("Spin-off wins a grant", second.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Sand battery", second.TextBody, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        var third = MailsTo("editor@example.org")[2];
        Assert.Equal("4 releases wait for review", third.Subject);
        Assert.Contains("Telescope mirror is finished", third.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingWaiting_MailsNobody()
    {
        await app.SeedUpdateAsync("Published long ago", Core.Updates.UpdateStatus.Published);

        await RunAsync();

        Assert.Empty(app.Mail.Sent);
    }

    [Fact]
    public async Task AnEditorWhoTurnedItOff_GetsNone_AndSeesTheChoiceOnTheSettingsPage()
    {
        var (cookie, token) = await app.SignInAsync("editor@example.org");
        await app.SeedUpdateAsync("Sand battery stores heat for months");

        var saved = await app.PostAsync<ConsoleSettings>("/console/settings", cookie, token, [], (f, r) => f.Run(r, CancellationToken.None));
        var page = await app.GetAsync<ConsoleSettings>("/console/settings?saved=1", cookie, (f, r) => f.Run(r, CancellationToken.None));
        await RunAsync();

        Assert.Equal(303, saved.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/settings?saved=1", saved.Headers.Location.ToString());
        Assert.Contains("Your choice is saved.", page.Body, StringComparison.Ordinal);
        Assert.NotEmpty(ReviewBox(page.Body));
        Assert.DoesNotContain("checked", ReviewBox(page.Body), StringComparison.Ordinal);
        Assert.Empty(MailsTo("editor@example.org"));
        Assert.Single(MailsTo("admin@example.org"));

        // Turned on again, it counts from now: the release already announced is not mailed to them after the fact.
        await app.PostAsync<ConsoleSettings>("/console/settings", cookie, token, [KeyValuePair.Create("review", "on")], (f, r) => f.Run(r, CancellationToken.None));
        var on = await app.GetAsync<ConsoleSettings>("/console/settings", cookie, (f, r) => f.Run(r, CancellationToken.None));
        Assert.Contains("checked", ReviewBox(on.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASendThatFailed_IsMadeUpByTheNextRun_AndNobodyIsMailedTwice()
    {
        await app.SeedUpdateAsync("Sand battery stores heat for months");
        app.Mail.Fails = m => m.To.Address == "admin@example.org";

        await Assert.ThrowsAsync<IOException>(RunAsync);
        app.Mail.Fails = null;
        time.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        time.Advance(TimeSpan.FromHours(1));
        await RunAsync();

        Assert.Single(MailsTo("admin@example.org"));
        Assert.Single(MailsTo("editor@example.org"));
    }

    [Fact]
    public async Task AHostileTitle_NeverReachesTheSubject_AndIsEncodedInTheBody()
    {
        await app.SeedUpdateAsync("<b>Sand</b> battery\r\nBcc: everyone@example.org");

        await RunAsync();

        var mail = MailsTo("editor@example.org").Single();
        Assert.Equal("1 release waits for review", mail.Subject);
        Assert.Contains("&lt;b&gt;Sand&lt;/b&gt; battery", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Sand</b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nBcc", mail.TextBody, StringComparison.Ordinal);
    }

    /// <summary>The review-mail checkbox as the page renders it.</summary>
    private static string ReviewBox(string body) => System.Text.RegularExpressions.Regex.Match(body, "<input[^>]*id=\"review\"[^>]*>").Value;
}
