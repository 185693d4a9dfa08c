using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Updates;
using Newsletter.Functions.Console;
using Newsletter.Functions.Portal;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>A member's correction request from the portal to the editors and back, through the function classes, over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChangeRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Hostile = "<script>alert('x')</script> It keeps heat for five months, not six.\r\nBcc: everyone@example.com";
    private readonly ConsoleHarness app = new(azurite);

    public async Task InitializeAsync() => await app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ARequest_IsAudited_MailedToEveryEditor_ListedAtTheConsole_AndAnsweredByTheCorrection()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months", UpdateStatus.Published);
        var (contact, contactToken) = await app.SignInAsync("press@kth.se");
        var (editor, editorToken) = await app.SignInAsync("editor@example.org");
        var release = $"/portal/releases/{update.ReleaseId}";

        var asked = await app.PostAsync<PortalReleaseAction>(release, contact, contactToken,
            [new("action", "request"), new("kind", "correction"), new("text", Hostile)], (f, r) => f.Run(r, update.ReleaseId, CancellationToken.None));

        Assert.Equal(200, asked.Status);
        Assert.Contains("sent to the editors", asked.Body, StringComparison.Ordinal);

        // Every editor is mailed; the subject carries the update's title only, the body the request encoded.
        var mails = app.Mail.Sent.Where(m => m.Subject.StartsWith("Correction requested", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["admin@example.org", "editor@example.org"], mails.Select(m => m.To.Address).Order(StringComparer.Ordinal));
        Assert.All(mails, m =>
        {
            Assert.Equal("Correction requested: Sand battery stores heat for months", m.Subject);
            Assert.DoesNotContain("<script>", m.HtmlBody, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", m.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"{ConsoleHarness.BaseUrl}/console/updates/{update.Id}", m.TextBody, StringComparison.Ordinal);
        });

        // Recorded in the audit log with who and when.
        var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Subject: update.Id), 10, CancellationToken.None);
        var entry = Assert.Single(audit);
        Assert.Equal(AuditActions.UpdateChangeRequested, entry.Action);
        Assert.Equal("press@kth.se", entry.Actor);

        // Listed on the update's console page and in the queue's own section.
        var page = await app.GetAsync<ConsoleUpdate>($"/console/updates/{update.Id}", editor, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        Assert.Contains("Open change requests (1)", page.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", page.Body, StringComparison.Ordinal);
        var queue = await app.GetAsync<ConsoleHome>("/console", editor, (f, r) => f.Run(r, CancellationToken.None));
        Assert.Contains("1 published update with open requests", queue.Body, StringComparison.Ordinal);
        Assert.Contains($"/console/updates/{update.Id}\">Sand battery stores heat for months</a>", queue.Body, StringComparison.Ordinal);

        // The editor's correction answers it: gone from the console, and the member's page says so.
        var corrected = await app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/correct", editor, editorToken,
            [new("title", update.Title), new("summary", "Researchers store heat in sand for five months."), new("organisation", update.Organisation), new("topics", "Research")],
            (f, r) => f.Run(r, update.Id, "correct", CancellationToken.None));
        Assert.Equal(303, corrected.Status);
        var after = await app.GetAsync<ConsoleUpdate>($"/console/updates/{update.Id}", editor, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        Assert.DoesNotContain("Open change requests", after.Body, StringComparison.Ordinal);
        var queueAfter = await app.GetAsync<ConsoleHome>("/console", editor, (f, r) => f.Run(r, CancellationToken.None));
        Assert.Contains("No open change requests", queueAfter.Body, StringComparison.Ordinal);
        var mine = await app.GetAsync<PortalReleaseView>(release, contact, (f, r) => f.Run(r, update.ReleaseId, CancellationToken.None));
        Assert.Contains("Answered: corrected by the editors", mine.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawalRequest_IsAnsweredByTheWithdrawal_AndARequestWithoutTextReachesNoEditor()
    {
        var update = await app.SeedUpdateAsync("Quantum sensor maps the brain", UpdateStatus.Published);
        var (contact, contactToken) = await app.SignInAsync("press@kth.se");
        var (editor, editorToken) = await app.SignInAsync("editor@example.org");
        var release = $"/portal/releases/{update.ReleaseId}";
        Task<FunctionResponse> AskAsync(string text) => app.PostAsync<PortalReleaseAction>(release, contact, contactToken,
            [new("action", "request"), new("kind", "withdrawal"), new("text", text)], (f, r) => f.Run(r, update.ReleaseId, CancellationToken.None));

        var blank = await AskAsync("   ");
        Assert.DoesNotContain(app.Mail.Sent, m => m.Subject.Contains("requested", StringComparison.Ordinal));
        Assert.Empty(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Subject: update.Id), 10, CancellationToken.None));

        await AskAsync("The study was retracted.");
        Assert.Equal(2, app.Mail.Sent.Count(m => m.Subject == "Withdrawal requested: Quantum sensor maps the brain"));
        var withdrawn = await app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/withdraw", editor, editorToken,
            [new("note", "The member withdrew it.")], (f, r) => f.Run(r, update.Id, "withdraw", CancellationToken.None));

        Assert.DoesNotContain("sent to the editors", blank.Body, StringComparison.Ordinal);
        Assert.Equal(303, withdrawn.Status);
        var queue = await app.GetAsync<ConsoleHome>("/console", editor, (f, r) => f.Run(r, CancellationToken.None));
        Assert.Contains("No open change requests", queue.Body, StringComparison.Ordinal);
        var mine = await app.GetAsync<PortalReleaseView>(release, contact, (f, r) => f.Run(r, update.ReleaseId, CancellationToken.None));
        Assert.Contains("Answered: withdrawn by the editors", mine.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRequestAgain_IsStoredAndMailedOnce_EvenAtOnce_AndAskedAfterTheAnswer_IsANewOne()
    {
        var update = await app.SeedUpdateAsync("Wooden towers store wind power", UpdateStatus.Published);
        var (contact, contactToken) = await app.SignInAsync("press@kth.se");
        var (editor, editorToken) = await app.SignInAsync("editor@example.org");
        var release = $"/portal/releases/{update.ReleaseId}";
        Task<FunctionResponse> AskAsync(string text) => app.PostAsync<PortalReleaseAction>(release, contact, contactToken,
            [new("action", "request"), new("kind", "correction"), new("text", text)], (f, r) => f.Run(r, update.ReleaseId, CancellationToken.None));
        int Mails() => app.Mail.Sent.Count(m => m.Subject == "Correction requested: Wooden towers store wind power" && m.To.Address == "editor@example.org");

        var answers = await Task.WhenAll(AskAsync("The tower is 150 m, not 105 m."), AskAsync("The tower is 150 m, not 105 m."));
        var again = await AskAsync("The tower is 150 m, not 105 m.");

        Assert.All(answers.Append(again), a => Assert.Contains("sent to the editors", a.Body, StringComparison.Ordinal));
        Assert.Equal(1, Mails());
        var page = await app.GetAsync<ConsoleUpdate>($"/console/updates/{update.Id}", editor, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        Assert.Contains("Open change requests (1)", page.Body, StringComparison.Ordinal);
        Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Subject: update.Id, Action: AuditActions.UpdateChangeRequested), 10, CancellationToken.None));

        // Another request is mailed; so is the first one asked again once the editors answered it.
        await AskAsync("The town is Skellefteå.");
        Assert.Equal(2, Mails());
        await app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/correct", editor, editorToken,
            [new("title", update.Title), new("summary", "A 150 m wooden tower stores wind power."), new("organisation", update.Organisation), new("topics", "Research")],
            (f, r) => f.Run(r, update.Id, "correct", CancellationToken.None));
        await AskAsync("The tower is 150 m, not 105 m.");
        Assert.Equal(3, Mails());
    }
}
