using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Updates;
using Newsletter.Functions.Console;
using Newsletter.Functions.Editions;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The review queue and an update's page at the console, through the function classes, over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleReviewTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        (cookie, token) = await app.SignInAsync("editor@example.org");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<FunctionResponse> PageAsync(Update update) =>
        app.GetAsync<ConsoleUpdate>($"/console/updates/{update.Id}", cookie, (f, r) => f.Run(r, update.Id, CancellationToken.None));

    private Task<FunctionResponse> ActAsync(Update update, string action, params (string Name, string Value)[] fields) =>
        app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/{action}", cookie, token, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
            (f, r) => f.Run(r, update.Id, action, CancellationToken.None));

    private static (string, string)[] EditFields(Update update, string? title = null, string? summary = null, params string[] topics) =>
    [
        ("title", title ?? update.Title), ("summary", summary ?? update.Summary), ("organisation", update.Organisation),
        .. (topics.Length == 0 ? update.Topics : topics).Select(t => ("topics", t)),
    ];

    private Task<FunctionResponse> PublicPageAsync(Update update) =>
        app.GetAsync<UpdatePage>($"/updates/{update.Id}", null, (f, r) => f.Run(r, update.Id, CancellationToken.None));

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string subject) =>
        await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Subject: subject), 50, CancellationToken.None);

    [Fact]
    public async Task TheQueue_ListsWhatWaits_WithItsMemberAndWarnings()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");
        await app.SeedUpdateAsync("Already out", UpdateStatus.Published);

        var queue = await app.GetAsync<ConsoleHome>("/console", cookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(200, queue.Status);
        Assert.Contains($"href=\"{ConsoleHarness.BaseUrl}/console/updates/{update.Id}\">Sand battery stores heat for months</a>", queue.Body, StringComparison.Ordinal);
        Assert.Contains("1 update waiting for review", queue.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Already out", queue.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpdatesPage_ShowsItAsItsPublicPage_BesideItsOriginWarningsAndForms()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");

        var page = await PageAsync(update);

        Assert.Equal(200, page.Status);
        // The page has its own heading; the preview's title is one level below it.
        Assert.Contains("<h1>Review: Sand battery stores heat for months</h1>", page.Body, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Body, "<h1[ >]"));
        Assert.Contains("<div class=\"preview\"><article><h2 class=\"article-title\">Sand battery stores heat for months</h2>", page.Body, StringComparison.Ordinal);
        Assert.Contains("KTH Royal Institute of Technology (kth)", page.Body, StringComparison.Ordinal);
        Assert.Contains("press@kth.se", page.Body, StringComparison.Ordinal);
        Assert.Contains("No date line found; the upload date is used.", page.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"{ConsoleHarness.BaseUrl}/console/updates/{update.Id}/original\" download>sand.txt</a>", page.Body, StringComparison.Ordinal);
        Assert.Equal(4, page.Body.Split("name=\"antiforgery\" value=\"k1.").Length - 1);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheOriginal_IsADownloadOfWhatTheMemberSent()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");

        var file = await app.GetAsync<ConsoleUpdateOriginal>($"/console/updates/{update.Id}/original", cookie, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        var none = await app.GetAsync<ConsoleUpdateOriginal>("/console/updates/unone/original", cookie, (f, r) => f.Run(r, "unone", CancellationToken.None));

        Assert.Equal(200, file.Status);
        Assert.Equal("application/octet-stream", file.ContentType);
        Assert.Contains("attachment; filename=sand.txt", file.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Sand battery", file.Body, StringComparison.Ordinal);
        Assert.Equal(404, none.Status);
    }

    [Fact]
    public async Task AnEditThenApproval_PublishesTheEditedTitle_WithTheRevisionAsADiff_AndBothInTheAuditLog()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");

        var edited = await ActAsync(update, "edit", EditFields(update, title: "Sand battery keeps heat for a whole winter", topics: ["Research", "Innovation"]));
        var page = await PageAsync(update);
        var approved = await ActAsync(update, "approve");
        var again = await ActAsync(update, "approve");
        var published = await PublicPageAsync(update);

        Assert.Equal(303, edited.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/updates/{update.Id}?done=edit", edited.Headers.Location.ToString());
        Assert.Contains("Sand battery <del>stores</del><ins>keeps</ins> heat", page.Body, StringComparison.Ordinal);
        Assert.Contains("<del>months</del><ins>winter</ins>", page.Body, StringComparison.Ordinal);
        Assert.Equal(303, approved.Status);
        Assert.Equal(409, again.Status);
        Assert.Contains("The update is already published; nothing was changed.", again.Body, StringComparison.Ordinal);
        Assert.Equal(200, published.Status);
        Assert.Contains("<h1>Sand battery keeps heat for a whole winter</h1>", published.Body, StringComparison.Ordinal);

        var audit = await AuditAsync(update.Id);
        Assert.Equal([AuditActions.UpdateApproved, AuditActions.UpdateEdited], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal("editor@example.org", e.Actor));
        var edit = audit[1];
        Assert.Contains(edit.Changes, c => c is { Field: "title", Before: "Sand battery stores heat for months", After: "Sand battery keeps heat for a whole winter" });
        // Topics are recorded by key, as an upload stores them; a reader or member sees their labels.
        Assert.Contains(edit.Changes, c => c is { Field: "topics", Before: "research", After: "research, innovation" });
    }

    [Fact]
    public async Task ApprovingAnEmbargoedUpdate_SaysItIsScheduled_WithItsLift_AndTheQueueFlagsItBefore()
    {
        var lift = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(3).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months", embargo: lift);
        await app.SeedUpdateAsync("Embargo a month away", embargo: lift.AddDays(30));
        var plain = await app.SeedUpdateAsync("No embargo at all");

        var queue = await app.GetAsync<ConsoleHome>("/console", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var approved = await ActAsync(update, "approve");
        var page = await app.GetAsync<ConsoleUpdate>($"/console/updates/{update.Id}?done=approve", cookie, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        await ActAsync(plain, "approve");
        var published = await app.GetAsync<ConsoleUpdate>($"/console/updates/{plain.Id}?done=approve", cookie, (f, r) => f.Run(r, plain.Id, CancellationToken.None));

        var described = app.Services.GetRequiredService<NetworkClock>().Describe(lift);
        var soon = queue.Body[queue.Body.IndexOf("Embargo lifting soon, still waiting for review", StringComparison.Ordinal)..];
        Assert.Contains("1 update whose embargo lifts", soon, StringComparison.Ordinal);
        Assert.Contains("Sand battery stores heat for months", soon, StringComparison.Ordinal);
        Assert.Contains(described, soon, StringComparison.Ordinal);
        Assert.DoesNotContain("Embargo a month away", soon[..soon.IndexOf("</section>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal(303, approved.Status);
        Assert.Equal(UpdateStatus.Scheduled, (await app.Services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None))!.Status);
        Assert.Contains($"Approved: scheduled; it is published at {described}.", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("goes into the next edition", page.Body, StringComparison.Ordinal);
        Assert.Contains("Approved: the update is published and goes into the next edition.", published.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditWithProblems_ComesBackWithWhatWasTyped_AndChangesNothing()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");

        var response = await ActAsync(update, "edit", EditFields(update, title: "  ", summary: "A new summary typed with care", topics: ["Astrology"]));

        Assert.Equal(400, response.Status);
        Assert.Contains("Give a title.", response.Body, StringComparison.Ordinal);
        Assert.Contains("&#x27;Astrology&#x27; is not a topic readers can choose", response.Body, StringComparison.Ordinal);
        Assert.Contains(">A new summary typed with care</textarea>", response.Body, StringComparison.Ordinal);
        var stored = await app.Services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None);
        Assert.Equal("Sand battery stores heat for months", stored!.Title);
        Assert.Empty(await AuditAsync(update.Id));
    }

    [Fact]
    public async Task ARejection_NeedsAReason_AndKeepsIt()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");

        var bare = await ActAsync(update, "reject", ("reason", " "));
        var rejected = await ActAsync(update, "reject", ("reason", "Not news: this was announced last year."));

        Assert.Equal(400, bare.Status);
        Assert.Contains("Say why the update is rejected", bare.Body, StringComparison.Ordinal);
        Assert.Equal(303, rejected.Status);
        var entry = Assert.Single(await AuditAsync(update.Id));
        Assert.Equal(AuditActions.UpdateRejected, entry.Action);
        Assert.Contains("Not news: this was announced last year.", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(404, (await PublicPageAsync(update)).Status);
    }

    [Fact]
    public async Task AReasonOrNoteOverTheLimit_IsRefusedWithTheLimitNamed_AndWhatWasTypedStays_AndNothingChanges()
    {
        var pending = await app.SeedUpdateAsync("Sand battery stores heat for months");
        var published = await app.SeedUpdateAsync("Quantum sensor maps the brain", UpdateStatus.Published);
        var typed = "Not news " + new string('x', 591);

        var rejected = await ActAsync(pending, "reject", ("reason", typed));
        var withdrawn = await ActAsync(published, "withdraw", ("note", typed));

        foreach (var answer in new[] { rejected, withdrawn })
        {
            Assert.Equal(400, answer.Status);
            Assert.Contains("Keep it to 500 characters (this has 600).", answer.Body, StringComparison.Ordinal);
            Assert.Contains($">{typed}</textarea>", answer.Body, StringComparison.Ordinal);
        }

        var store = app.Services.GetRequiredService<IUpdateStore>();
        Assert.Equal(UpdateStatus.PendingReview, (await store.GetAsync(pending.Id, CancellationToken.None))!.Status);
        Assert.Equal(UpdateStatus.Published, (await store.GetAsync(published.Id, CancellationToken.None))!.Status);
        Assert.Empty(await AuditAsync(pending.Id));
        Assert.Empty(await AuditAsync(published.Id));
    }

    [Fact]
    public async Task AWithdrawal_Answers410WithTheNote_AndTheUpdateLeavesHomeFeedAndArchivedEdition()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months", UpdateStatus.Published);
        var other = await app.SeedUpdateAsync("Quantum sensor maps the brain", UpdateStatus.Published);
        var editionId = await app.SeedEditionAsync(update, other);
        var editionBefore = await app.GetAsync<ArchiveEdition>($"/archive/{editionId}", null, (f, r) => f.Run(r, editionId, CancellationToken.None));

        var pendingOnly = await ActAsync(await app.SeedUpdateAsync("Not yet out"), "withdraw", ("note", "Never mind."));
        var withdrawn = await ActAsync(update, "withdraw", ("note", "The member withdrew the release: its figures were wrong."));

        var page = await PublicPageAsync(update);
        var home = await app.GetAsync<Home>("/", null, (f, r) => f.Run(r, CancellationToken.None));
        var feed = await app.GetAsync<Feed>("/feed.atom", null, (f, r) => f.Run(r, CancellationToken.None));
        var edition = await app.GetAsync<ArchiveEdition>($"/archive/{editionId}", null, (f, r) => f.Run(r, editionId, CancellationToken.None));
        Assert.Equal(409, pendingOnly.Status);
        Assert.Equal(303, withdrawn.Status);
        Assert.Equal(410, page.Status);
        Assert.Contains("This update has been withdrawn", page.Body, StringComparison.Ordinal);
        Assert.Contains("The member withdrew the release: its figures were wrong.", page.Body, StringComparison.Ordinal);
        Assert.Contains("Sand battery stores heat for months", editionBefore.Body, StringComparison.Ordinal);
        foreach (var surface in new[] { home, feed, edition })
        {
            Assert.Equal(200, surface.Status);
            Assert.DoesNotContain("Sand battery", surface.Body, StringComparison.Ordinal);
            Assert.Contains("Quantum sensor maps the brain", surface.Body, StringComparison.Ordinal);
        }

        Assert.Equal(AuditActions.UpdateWithdrawn, Assert.Single(await AuditAsync(update.Id)).Action);
    }

    [Fact]
    public async Task ACorrection_ShowsTheNewTextAndWhenOnThePageTheArchivedEditionAndTheFeed()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months", UpdateStatus.Published, DateTimeOffset.UtcNow.AddDays(-2));
        var editionId = await app.SeedEditionAsync(update);

        var corrected = await ActAsync(update, "correct", EditFields(update, summary: "Researchers found a way to store heat in sand for five months."));

        var page = await PublicPageAsync(update);
        var edition = await app.GetAsync<ArchiveEdition>($"/archive/{editionId}", null, (f, r) => f.Run(r, editionId, CancellationToken.None));
        var feed = await app.GetAsync<Feed>("/feed.atom", null, (f, r) => f.Run(r, CancellationToken.None));
        var today = DateTimeOffset.UtcNow.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(303, corrected.Status);
        Assert.Contains($"Corrected on <time datetime=\"{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-dd}\">{today}</time>", page.Body, StringComparison.Ordinal);
        Assert.Contains("for five months", edition.Body, StringComparison.Ordinal);
        Assert.Contains($"Corrected on {today}", edition.Body, StringComparison.Ordinal);
        Assert.Contains($"<updated>{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-dd}", feed.Body.Split("<entry>")[1], StringComparison.Ordinal);
        Assert.Equal(AuditActions.UpdateCorrected, Assert.Single(await AuditAsync(update.Id)).Action);
    }

    [Fact]
    public async Task TheAuditPage_FiltersByAction()
    {
        var first = await app.SeedUpdateAsync("Sand battery stores heat for months");
        var second = await app.SeedUpdateAsync("Quantum sensor maps the brain");
        await ActAsync(first, "approve");
        await ActAsync(second, "reject", ("reason", "Duplicate of last week's."));

        var all = await app.GetAsync<ConsoleAudit>("/console/audit", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var rejections = await app.GetAsync<ConsoleAudit>("/console/audit?action=update.rejected", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var badDate = await app.GetAsync<ConsoleAudit>("/console/audit?from=yesterday", cookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Contains("Approved \"Sand battery", all.Body.Replace("&quot;", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("2 actions, newest first", all.Body, StringComparison.Ordinal);
        Assert.Contains("1 action, newest first", rejections.Body, StringComparison.Ordinal);
        Assert.Contains("Duplicate of last week", rejections.Body, StringComparison.Ordinal);
        Assert.Contains("&#x27;yesterday&#x27; is not a date", badDate.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditPage_TakesTheFirstAndTheLastDayThereAre_AsBoundsThatLeaveNothingOut()
    {
        var update = await app.SeedUpdateAsync("Tidal turbine powers an island");
        await ActAsync(update, "approve");

        var widest = await app.GetAsync<ConsoleAudit>("/console/audit?from=0001-01-01&to=9999-12-31", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var past = await app.GetAsync<ConsoleAudit>("/console/audit?to=0001-01-01", cookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(200, widest.Status);
        Assert.Contains("Tidal turbine", widest.Body, StringComparison.Ordinal);
        Assert.Equal(200, past.Status);
        Assert.DoesNotContain("Tidal turbine", past.Body, StringComparison.Ordinal);
    }
}
