using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Functions.Console;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>
/// <c>Digest:RequireApproval</c> on Azurite: the daily timer composes a held edition and sends nothing; an editor approves it
/// (its dispatch starts) or skips it (its updates go into the next edition) from the console; the next timer fire skips one
/// still held and takes its updates.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HeldEditionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync(new Dictionary<string, string?> { ["Digest:RequireApproval"] = "true" }, time);
        (cookie, token) = await app.SignInAsync("editor@example.org");
        await app.Services.GetRequiredService<IUpdateStore>().TryAddAsync(
            TestData.PublishedUpdate("u0001", "Sand battery stores heat for months", time.GetUtcNow().AddHours(-2), ["research"]), CancellationToken.None);
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(
            TestData.ActiveReader("reader-1", 1, "ada@example.org", time.GetUtcNow().AddDays(-3)), CancellationToken.None);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<Edition> TimerAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComposeDailyEdition>().Run(new TimerInfo(), CancellationToken.None);
        return (await app.Services.GetRequiredService<IEditionStore>().LatestAsync(Frequency.Daily, time.GetUtcNow().AddMinutes(1), CancellationToken.None))!;
    }

    private Task<FunctionResponse> DecideAsync(string editionId, string decision) =>
        app.PostAsync<ConsoleEditionDecision>($"/console/editions/{editionId}/decide", cookie, token, [KeyValuePair.Create("decision", decision)],
            (f, r) => f.Run(r, editionId, CancellationToken.None));

    private Task<FunctionResponse> EditionsPageAsync(string query = "") =>
        app.GetAsync<ConsoleEditions>("/console/editions" + query, cookie, (f, r) => f.Run(r, CancellationToken.None));

    private async Task<int> QueuedAsync() =>
        (await app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Dispatch).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private async Task<bool> StartedAsync(string editionId) =>
        (await app.Services.GetRequiredService<IDispatchLedger>().MarksAsync(editionId, CancellationToken.None)).Started;

    [Fact]
    public async Task TheTimer_HoldsTheEdition_SendsNothing_AndThePageAndStatusSaySo()
    {
        var edition = await TimerAsync();
        var page = await EditionsPageAsync();
        var status = await app.Services.GetRequiredService<EditionDispatcher>().StatusAsync(edition.Id, CancellationToken.None);

        Assert.Equal(EditionApproval.Held, edition.Approval);
        Assert.Equal(EditionState.Held, EditionStates.Of(edition, status));
        Assert.False(await StartedAsync(edition.Id));
        Assert.Equal(0, await QueuedAsync());
        Assert.Contains($"Held for approval: the daily edition {edition.Id}", page.Body, StringComparison.Ordinal);
        Assert.Contains(edition.Id + "</a></td><td>held for approval</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("Once approved, it goes to 1 reader.", page.Body, StringComparison.Ordinal);
        Assert.Contains($"action=\"{ConsoleHarness.BaseUrl}/console/editions/{edition.Id}/decide\"", page.Body, StringComparison.Ordinal);

        // A second fire of the same slot neither sends it nor holds a second one.
        Assert.Equal(edition.Id, (await TimerAsync()).Id);
        Assert.Equal(0, await QueuedAsync());
    }

    [Fact]
    public async Task Approving_StartsItsDispatch_Once_AndIsAudited()
    {
        var edition = await TimerAsync();

        var approved = await DecideAsync(edition.Id, "approve");
        var again = await DecideAsync(edition.Id, "approve");
        var skipAfter = await DecideAsync(edition.Id, "skip");
        var page = await EditionsPageAsync($"?approved={edition.Id}");

        Assert.Equal(303, approved.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/editions?approved={edition.Id}", approved.Headers.Location.ToString());
        Assert.True(await StartedAsync(edition.Id));
        Assert.Equal(ReaderIdentity.Buckets, await QueuedAsync());
        Assert.Equal(303, again.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/editions?already-approved={edition.Id}", again.Headers.Location.ToString());
        Assert.Equal(409, skipAfter.Status);
        Assert.Contains("was already approved by editor@example.org", skipAfter.Body, StringComparison.Ordinal);
        Assert.Contains("it cannot be skipped now. Nothing was changed.", skipAfter.Body, StringComparison.Ordinal);
        Assert.Contains($"Approved: the edition {edition.Id} is being sent.", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Held for approval:", page.Body, StringComparison.Ordinal);
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.EditionSent), 10, CancellationToken.None));
        Assert.Equal(("editor@example.org", edition.Id), (entry.Actor, entry.Subject));
        Assert.Contains("1 update to 1 reader", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipping_SendsNothing_AndTheNextEditionTakesItsUpdates()
    {
        var held = await TimerAsync();

        var skipped = await DecideAsync(held.Id, "skip");
        var approveAfter = await DecideAsync(held.Id, "approve");
        time.Advance(TimeSpan.FromDays(1));
        var next = await TimerAsync();

        Assert.Equal(303, skipped.Status);
        Assert.Equal(409, approveAfter.Status);
        Assert.Contains("was skipped by editor@example.org", approveAfter.Body, StringComparison.Ordinal);
        Assert.False(await StartedAsync(held.Id));
        Assert.Equal(0, await QueuedAsync());
        var stored = (await app.Services.GetRequiredService<IEditionStore>().GetAsync(held.Id, CancellationToken.None))!;
        Assert.Equal((EditionApproval.Skipped, "editor@example.org"), (stored.Approval, stored.Decision!.Actor));
        Assert.NotEqual(held.Id, next.Id);
        Assert.Equal(held.WindowStart, next.WindowStart);
        Assert.Equal(["u0001"], next.Items.Select(i => i.UpdateId));
        Assert.Equal(EditionApproval.Held, next.Approval);
        Assert.Empty(await app.Services.GetRequiredService<EditionArchive>().ListAsync(10, CancellationToken.None));
        Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.EditionSkipped), 10, CancellationToken.None));
    }

    [Fact]
    public async Task AnEditionStillHeld_WhenTheNextIsComposed_IsSkippedByIt_AndItsUpdatesGoOnce()
    {
        var first = await TimerAsync();
        time.Advance(TimeSpan.FromDays(1));
        await app.Services.GetRequiredService<IUpdateStore>().TryAddAsync(
            TestData.PublishedUpdate("u0002", "A second update", time.GetUtcNow().AddHours(-1)), CancellationToken.None);

        var second = await TimerAsync();
        (cookie, token) = await app.SignInAsync("editor@example.org"); // a day later: the morning's session has ended
        var late = await DecideAsync(first.Id, "approve");
        var page = await EditionsPageAsync();

        var stored = (await app.Services.GetRequiredService<IEditionStore>().GetAsync(first.Id, CancellationToken.None))!;
        Assert.Equal(EditionApproval.Skipped, stored.Approval);
        Assert.Contains(second.Id, stored.Decision!.Note, StringComparison.Ordinal);
        Assert.Equal(["u0001", "u0002"], second.Items.Select(i => i.UpdateId).Order());
        Assert.Equal(409, late.Status);
        Assert.Contains($"Held for approval: the daily edition {second.Id}", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"Held for approval: the daily edition {first.Id}", page.Body, StringComparison.Ordinal);
        Assert.Contains($"{first.Id}</a></td><td>skipped", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeldEditionsPreview_IsItsStoredRendering_AndUnknownOnesAre404()
    {
        var edition = await TimerAsync();

        var html = await app.GetAsync<ConsoleStoredEditionPreview>($"/console/editions/{edition.Id}/preview?variant=all", cookie,
            (f, r) => f.Run(r, edition.Id, CancellationToken.None));
        var text = await app.GetAsync<ConsoleStoredEditionPreview>($"/console/editions/{edition.Id}/preview?variant=all&format=text", cookie,
            (f, r) => f.Run(r, edition.Id, CancellationToken.None));
        var noVariant = await app.GetAsync<ConsoleStoredEditionPreview>($"/console/editions/{edition.Id}/preview?variant=t000000000000", cookie,
            (f, r) => f.Run(r, edition.Id, CancellationToken.None));
        var badId = await app.GetAsync<ConsoleStoredEditionPreview>("/console/editions/x%2Fy/preview?variant=all", cookie,
            (f, r) => f.Run(r, "x/y", CancellationToken.None));

        Assert.Equal(200, html.Status);
        Assert.Contains("Sand battery stores heat for months", html.Body, StringComparison.Ordinal);
        Assert.Contains("Hello Alex,", html.Body, StringComparison.Ordinal);
        Assert.Equal("text/plain; charset=utf-8", text.ContentType);
        Assert.Contains("Sand battery stores heat for months", text.Body, StringComparison.Ordinal);
        Assert.Equal(404, noVariant.Status);
        Assert.Equal(404, badId.Status);
    }

    [Fact]
    public async Task ADecisionThatIsNeitherApproveNorSkip_OrForNoEdition_ChangesNothing()
    {
        var edition = await TimerAsync();

        var neither = await DecideAsync(edition.Id, "send-twice");
        var unknown = await DecideAsync("daily-20000101T0700", "approve");
        var malformed = await DecideAsync("../../x", "approve");

        Assert.Equal(400, neither.Status);
        Assert.Contains("Choose to approve or to skip the edition. Nothing was changed.", neither.Body, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(404, malformed.Status);
        Assert.Equal(EditionApproval.Held, (await app.Services.GetRequiredService<IEditionStore>().GetAsync(edition.Id, CancellationToken.None))!.Approval);
        Assert.Equal(0, await QueuedAsync());
    }
}
