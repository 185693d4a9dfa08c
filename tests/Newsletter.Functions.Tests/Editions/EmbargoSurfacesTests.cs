using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Editions;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Editions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Editions;

/// <summary>
/// An embargoed update on every public surface, polled with a fake clock as the function classes answer: nowhere before
/// the lift, everywhere after it, and in the first edition composed after it, once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class EmbargoSurfacesTests(AzuriteFixture azurite)
{
    private const string Title = "Quantum sensor maps the brain";
    private const string Body = "\n\nThe sensor, built by the institute's physicists, records the brain's magnetic field without cooling.\n";

    private static readonly DateTimeOffset Lift = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(ServiceProvider Services, FakeTimeProvider Time, string ApiKey) : IAsyncDisposable
    {
        public async Task<FunctionResponse> CallAsync<T>(HttpRequest request, Func<T, Task<IActionResult>> run) where T : notnull
        {
            await using var scope = Services.CreateAsyncScope();
            return await (await run(scope.ServiceProvider.GetRequiredService<T>())).ExecuteAsync(request);
        }

        public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private async Task<World> CreateAsync(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["Tokens:Keys"] = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            ["Subscriptions:AddressHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var (_, key) = await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], true, CancellationToken.None);
        return new World(services, time, key);
    }

    /// <summary>Uploads through the HTTP door and ingests as the blob trigger would; the update's id.</summary>
    private static async Task<(string UpdateId, string ReleaseId)> UploadAsync(World w, string release, string? embargo = null)
    {
        var query = "?filename=release.txt" + (embargo is null ? string.Empty : "&embargo=" + Uri.EscapeDataString(embargo));
        var post = FunctionRequests.Post("/api/members/ucl/releases" + query, release, "text/plain", ("X-Api-Key", w.ApiKey));
        var accepted = await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None));
        Assert.Equal(202, accepted.Status);
        var record = JsonDocument.Parse(accepted.Body).RootElement;
        var outcome = await w.Get<ReleaseIngestion>().IngestAsync("ucl", record.GetProperty("file").GetString()!, CancellationToken.None);
        return (outcome!.Update!.Id, outcome.Record.ReleaseId);
    }

    /// <summary>Which public surfaces show the update now.</summary>
    private static async Task<string[]> SurfacesShowingAsync(World w, string updateId)
    {
        var shown = new List<string>();
        var page = FunctionRequests.Get($"/updates/{updateId}");
        var unknown = FunctionRequests.Get("/updates/u000000000000000000000000");
        var pageAnswer = await w.CallAsync<UpdatePage>(page, f => f.Run(page, updateId, CancellationToken.None));
        var unknownAnswer = await w.CallAsync<UpdatePage>(unknown, f => f.Run(unknown, "u000000000000000000000000", CancellationToken.None));
        if (pageAnswer.Status != 404 || pageAnswer.Body != unknownAnswer.Body)
        {
            shown.Add("update page");
        }

        var home = FunctionRequests.Get("/");
        if ((await w.CallAsync<Home>(home, f => f.Run(home, CancellationToken.None))).Body.Contains(Title, StringComparison.Ordinal))
        {
            shown.Add("home");
        }

        var feed = FunctionRequests.Get("/feed.atom");
        if ((await w.CallAsync<Feed>(feed, f => f.Run(feed, CancellationToken.None))).Body.Contains(updateId, StringComparison.Ordinal))
        {
            shown.Add("feed");
        }

        var api = FunctionRequests.Get("/api/manage/updates?status=published");
        if ((await w.CallAsync<ListUpdates>(api, f => f.Run(api, CancellationToken.None))).Body.Contains(updateId, StringComparison.Ordinal))
        {
            shown.Add("api");
        }

        var preview = FunctionRequests.Get("/api/manage/editions/preview?frequency=daily");
        if ((await w.CallAsync<PreviewEdition>(preview, f => f.Run(preview, CancellationToken.None))).Body.Contains(Title, StringComparison.Ordinal))
        {
            shown.Add("preview");
        }

        return [.. shown];
    }

    [Fact]
    public async Task EmbargoedUpdate_IsOnNoPublicSurfaceBeforeTheLift_OnAllAfter_AndInTheFirstEditionAfterOnce()
    {
        await using var w = await CreateAsync(Lift.AddDays(-1));
        var (id, releaseId) = await UploadAsync(w, "EMBARGOED UNTIL 10:00 CET, 30 November 2026\n\n" + Title + Body);
        var composer = w.Get<EditionComposer>();

        w.Time.SetUtcNow(Lift.AddMinutes(-1));
        Assert.Empty(await SurfacesShowingAsync(w, id));
        var before = await composer.ComposeAsync(Frequency.Daily, w.Time.GetUtcNow(), CancellationToken.None);
        Assert.DoesNotContain(before.Edition.Items, i => i.UpdateId == id);
        var status = FunctionRequests.Get($"/api/members/ucl/releases/{releaseId}", ("X-Api-Key", w.ApiKey));
        var record = JsonDocument.Parse((await w.CallAsync<GetRelease>(status, f => f.Run(status, "ucl", releaseId, CancellationToken.None))).Body).RootElement;
        Assert.Equal(("scheduled", Lift), (record.GetProperty("status").GetString(), record.GetProperty("embargo").GetDateTimeOffset()));

        // The lift passes; the timer runs as the host fires it, within its minute.
        w.Time.SetUtcNow(Lift.AddSeconds(30));
        await w.Get<LiftEmbargoes>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        Assert.Equal(["update page", "home", "feed", "api", "preview"], await SurfacesShowingAsync(w, id));

        w.Time.SetUtcNow(Lift.AddHours(1));
        var after = await composer.ComposeAsync(Frequency.Daily, w.Time.GetUtcNow(), CancellationToken.None);
        Assert.Single(after.Edition.Items, i => i.UpdateId == id);
        w.Time.SetUtcNow(Lift.AddDays(1));
        var next = await composer.ComposeAsync(Frequency.Daily, w.Time.GetUtcNow(), CancellationToken.None);
        Assert.DoesNotContain(next.Edition.Items, i => i.UpdateId == id);
    }

    [Fact]
    public async Task EditionComposedAfterTheLift_BeforeTheTimerRan_HoldsTheUpdate_AndAnOldUploadDateChangesNothing()
    {
        // Uploaded weeks before, dated months before: what counts is the lift.
        await using var w = await CreateAsync(Lift.AddDays(-20));
        var (id, _) = await UploadAsync(w, Title + "\n1 June 2026" + Body, embargo: "2026-11-30T10:00:00+01:00");
        var composer = w.Get<EditionComposer>();
        w.Time.SetUtcNow(Lift.AddMinutes(-1));
        Assert.Empty((await composer.ComposeAsync(Frequency.Daily, w.Time.GetUtcNow(), CancellationToken.None)).Edition.Items);

        w.Time.SetUtcNow(Lift.AddSeconds(20));
        var after = await composer.ComposeAsync(Frequency.Daily, w.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(id, Assert.Single(after.Edition.Items).UpdateId);
        Assert.Contains("update page", await SurfacesShowingAsync(w, id));
    }

    [Theory]
    [InlineData("2026-03-29T10:00", "2026-03-29T08:00:00Z", "29 Mar 2026, 10:00 Europe/Brussels (08:00 UTC)")]
    [InlineData("2026-03-29T01:30", "2026-03-29T00:30:00Z", "29 Mar 2026, 01:30 Europe/Brussels (00:30 UTC)")]
    [InlineData("2026-10-25T10:00", "2026-10-25T09:00:00Z", "25 Oct 2026, 10:00 Europe/Brussels (09:00 UTC)")]
    [InlineData("2026-10-25T02:30+01:00", "2026-10-25T01:30:00Z", "25 Oct 2026, 02:30 Europe/Brussels (01:30 UTC)")]
    public async Task LocalEmbargoOnATransitionDay_LandsOnItsUtcMoment_AndThePageShowsItBackInLocalTime(string entered, string utc, string shown)
    {
        await using var w = await CreateAsync(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));
        var (id, _) = await UploadAsync(w, Title + Body, entered);
        var lift = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lift, (await w.Get<Core.Updates.IUpdateStore>().GetAsync(id, CancellationToken.None))!.Embargo);

        w.Time.SetUtcNow(lift);
        await w.Get<LiftEmbargoes>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var page = FunctionRequests.Get($"/updates/{id}");
        var answer = await w.CallAsync<UpdatePage>(page, f => f.Run(page, id, CancellationToken.None));

        Assert.Equal(200, answer.Status);
        Assert.Contains(shown, answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-29T02:30", "embargo_nonexistent_time")]
    [InlineData("2026-10-25T02:30", "embargo_ambiguous_time")]
    public async Task LocalEmbargoInTheGapOrTheFold_IsRefusedAtTheDoor(string entered, string code)
    {
        await using var w = await CreateAsync(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));
        var post = FunctionRequests.Post("/api/members/ucl/releases?filename=r.txt&embargo=" + Uri.EscapeDataString(entered), Title + Body, "text/plain", ("X-Api-Key", w.ApiKey));

        var answer = await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None));

        Assert.Equal((400, code), (answer.Status, JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Member_MovesLiftsAndWithdrawsItsScheduledRelease_WithItsApiKey()
    {
        await using var w = await CreateAsync(Lift.AddDays(-1));
        var (first, firstRelease) = await UploadAsync(w, Title + Body, "2026-11-30T10:00");
        var (_, secondRelease) = await UploadAsync(w, "Second sensor" + Body, "2026-11-30T10:00");

        async Task<(int Status, JsonElement Body)> PostAsync(string releaseId, string action, string body, string key)
        {
            var post = FunctionRequests.Post($"/api/members/ucl/releases/{releaseId}/{action}", body, "application/json", ("X-Api-Key", key));
            var answer = action switch
            {
                "embargo" => await w.CallAsync<MoveMemberEmbargo>(post, f => f.Run(post, "ucl", releaseId, CancellationToken.None)),
                "lift" => await w.CallAsync<LiftMemberEmbargo>(post, f => f.Run(post, "ucl", releaseId, CancellationToken.None)),
                _ => await w.CallAsync<WithdrawMemberRelease>(post, f => f.Run(post, "ucl", releaseId, CancellationToken.None)),
            };
            return (answer.Status, JsonDocument.Parse(answer.Body).RootElement.Clone());
        }

        Assert.Equal(401, (await PostAsync(firstRelease, "lift", "{}", "nk_0000.wrong")).Status);
        var moved = await PostAsync(firstRelease, "embargo", """{"embargo": "1 December 2026, 10:00"}""", w.ApiKey);
        Assert.Equal((200, "scheduled", Lift.AddDays(1)), (moved.Status, moved.Body.GetProperty("status").GetString(), moved.Body.GetProperty("embargo").GetDateTimeOffset()));
        Assert.Equal("ucl (API key)", moved.Body.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString());
        var gap = await PostAsync(firstRelease, "embargo", """{"embargo": "2027-03-28T02:30"}""", w.ApiKey);
        Assert.Equal((400, "embargo_nonexistent_time"), (gap.Status, gap.Body.GetProperty("error").GetString()));

        var lifted = await PostAsync(firstRelease, "lift", "", w.ApiKey);
        Assert.Equal((200, "published"), (lifted.Status, lifted.Body.GetProperty("status").GetString()));
        Assert.Contains("update page", await SurfacesShowingAsync(w, first));
        Assert.Equal(409, (await PostAsync(firstRelease, "withdraw", "{}", w.ApiKey)).Status);

        var withdrawn = await PostAsync(secondRelease, "withdraw", """{"reason": "paper delayed"}""", w.ApiKey);
        Assert.Equal((200, "withdrawn"), (withdrawn.Status, withdrawn.Body.GetProperty("status").GetString()));
        w.Time.SetUtcNow(Lift.AddHours(1));
        await w.Get<LiftEmbargoes>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var status = FunctionRequests.Get($"/api/members/ucl/releases/{secondRelease}", ("X-Api-Key", w.ApiKey));
        var record = JsonDocument.Parse((await w.CallAsync<GetRelease>(status, f => f.Run(status, "ucl", secondRelease, CancellationToken.None))).Body).RootElement;
        Assert.Equal(("withdrawn", "paper delayed"), (record.GetProperty("status").GetString(), record.GetProperty("reason").GetProperty("message").GetString()));
    }
}
