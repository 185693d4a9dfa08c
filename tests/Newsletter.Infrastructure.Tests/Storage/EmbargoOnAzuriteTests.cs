using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Media;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public class EmbargoOnAzuriteTests(AzuriteFixture azurite)
{
    // 10:00 CET on 30 November 2026 is 09:00 UTC, a day after the clock's start.
    private const string Plain = "Climate data platform launched\n\nThe consortium will build a shared data platform for climate research across twelve countries over four years.\n";
    private const string Embargoed = "EMBARGOED UNTIL 10:00 CET, 30 November 2026\n\n" + Plain;
    private static readonly DateTimeOffset Lift = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private sealed record World(StorageClients Clients, TableUpdateStore Updates, FakeTimeProvider Time, ReleaseIngestion Ingestion, EmbargoService Embargoes,
        PublicUpdates Public, ReleaseSubmission Submission, Member Member)
    {
        public EmbargoService AnotherInstance() => new(Updates, Options.Create(new AppOptions()), Time, NullLogger<EmbargoService>.Instance);

        public async Task<IngestionOutcome> UploadAsync(string content, string file = "release.txt")
        {
            await Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync($"example/{file}", BinaryData.FromString(content));
            return (await Ingestion.IngestAsync("example", file, CancellationToken.None))!;
        }
    }

    private async Task<World> CreateAsync(bool autoPublish = true)
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var members = new TableMemberStore(clients);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var (member, _) = await new MemberService(members, time).AddAsync("example", "Example University", [], autoPublish, CancellationToken.None);
        var updates = new TableUpdateStore(clients);
        var files = new BlobReleaseFiles(clients);
        var log = new TableReleaseLog(clients);
        var app = Options.Create(new AppOptions());
        return new World(clients, updates, time,
            new ReleaseIngestion(files, log, members, updates, new MediaLibrary(new BlobMediaStore(clients), updates, time), Options.Create(new IngestionOptions()), app, time, TestMetrics.Create(), NullLogger<ReleaseIngestion>.Instance),
            new EmbargoService(updates, app, time, NullLogger<EmbargoService>.Instance),
            new PublicUpdates(updates, time),
            new ReleaseSubmission(files, log, members, updates, new MediaLibrary(new BlobMediaStore(clients), updates, time), Options.Create(new IngestionOptions()), app, time),
            member);
    }

    [Fact]
    public async Task EmbargoedUpload_IsScheduledAndInvisible_ThenPublishedAsOfTheLift()
    {
        var w = await CreateAsync();
        var outcome = await w.UploadAsync(Embargoed);

        Assert.Equal(ReleaseState.Scheduled, outcome.Record.State);
        Assert.Equal((UpdateStatus.Scheduled, Lift), (outcome.Update!.Status, outcome.Update.Embargo));
        var id = outcome.Update.Id;

        w.Time.SetUtcNow(Lift.AddSeconds(-1));
        Assert.Equal(0, await w.Embargoes.PublishDueAsync(CancellationToken.None));
        Assert.Null(await w.Public.GetAsync(id, CancellationToken.None));
        Assert.Empty(await w.Public.LatestAsync(10, CancellationToken.None));

        w.Time.SetUtcNow(Lift.AddSeconds(40));
        Assert.Equal(1, await w.Embargoes.PublishDueAsync(CancellationToken.None));
        var published = await w.Public.GetAsync(id, CancellationToken.None);
        Assert.Equal((UpdateStatus.Published, Lift), (published!.Status, published.PublishedAt));
        Assert.Equal(id, Assert.Single(await w.Public.LatestAsync(10, CancellationToken.None)).Id);
        Assert.Contains("shared data platform", published.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstancesLiftingAtOnce_PublishItOnce()
    {
        var w = await CreateAsync();
        var id = (await w.UploadAsync(Embargoed)).Update!.Id;
        w.Time.SetUtcNow(Lift.AddSeconds(5));

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => w.AnotherInstance().PublishDueAsync(CancellationToken.None)));

        Assert.Equal(1, counts.Sum());
        var stored = await w.Updates.GetAsync(id, CancellationToken.None);
        Assert.Single(stored!.History, h => h.To == "published");
        Assert.Equal(0, await w.Embargoes.PublishDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ApprovedUnderEmbargo_WaitsAsScheduled()
    {
        var w = await CreateAsync(autoPublish: false);
        var id = (await w.UploadAsync(Embargoed)).Update!.Id;
        Assert.Equal(id, Assert.Single(await w.Embargoes.PendingLiftsAsync(TimeSpan.FromDays(1), CancellationToken.None)).Id);

        var approved = await new ReviewService(w.Updates, w.Time, NullLogger<ReviewService>.Instance).ApproveAsync(id, "alice", CancellationToken.None);

        Assert.Equal(UpdateStatus.Scheduled, approved.Update!.Status);
        Assert.Null(await w.Public.GetAsync(id, CancellationToken.None));
        Assert.Empty(await w.Embargoes.PendingLiftsAsync(TimeSpan.FromDays(1), CancellationToken.None));
        w.Time.SetUtcNow(Lift);
        Assert.Equal(1, await w.Embargoes.PublishDueAsync(CancellationToken.None));
        Assert.NotNull(await w.Public.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task UnreadableEmbargoLine_HoldsAnAutoPublishRelease_ForReview()
    {
        var w = await CreateAsync();
        var outcome = await w.UploadAsync(Embargoed.Replace("10:00 CET, 30 November 2026", "the end of the press conference", StringComparison.Ordinal));

        Assert.Equal(ReleaseState.PendingReview, outcome.Record.State);
        Assert.Contains(outcome.Update!.Warnings, x => x.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Null(await w.Public.GetAsync(outcome.Update.Id, CancellationToken.None));
    }

    [Fact]
    public async Task MemberMovesLiftsAndWithdraws_EachChangeRecordedWithWhoAndWhen()
    {
        var w = await CreateAsync();
        var id = (await w.UploadAsync(Embargoed)).Update!.Id;
        var contact = EmbargoActor.ForMember("press@example.org", "example");

        var stranger = await w.Embargoes.LiftAsync(id, EmbargoActor.ForMember("press@other.org", "other"), CancellationToken.None);
        Assert.Equal(EmbargoOutcome.UnknownUpdate, stranger.Outcome);

        w.Time.Advance(TimeSpan.FromMinutes(5));
        var moved = await w.Embargoes.MoveAsync(id, "1 December 2026, 10:00", contact, CancellationToken.None);
        Assert.Equal(Lift.AddDays(1), moved.Update!.Embargo);
        var change = moved.Update.History[^1];
        Assert.Equal(("press@example.org", w.Time.GetUtcNow()), (change.Actor, change.At));

        var tooFar = await w.Embargoes.MoveAsync(id, "1 December 2028, 10:00", contact, CancellationToken.None);
        Assert.Equal(("embargo_too_far", Lift.AddDays(1)), (tooFar.Error, (await w.Updates.GetAsync(id, CancellationToken.None))!.Embargo));

        var lifted = await w.Embargoes.LiftAsync(id, contact, CancellationToken.None);
        Assert.Equal((UpdateStatus.Published, w.Time.GetUtcNow()), (lifted.Update!.Status, lifted.Update.PublishedAt));
        var late = await w.Embargoes.WithdrawAsync(id, contact, "too late", CancellationToken.None);
        Assert.Equal(EmbargoOutcome.NotAllowed, late.Outcome);
    }

    [Fact]
    public async Task WithdrawnWhileScheduled_IsNeverPublished()
    {
        var w = await CreateAsync();
        var id = (await w.UploadAsync(Embargoed)).Update!.Id;

        var withdrawn = await w.Embargoes.WithdrawAsync(id, EmbargoActor.Editor("alice"), "paper retracted", CancellationToken.None);
        w.Time.SetUtcNow(Lift.AddHours(1));

        Assert.Equal(UpdateStatus.Withdrawn, withdrawn.Update!.Status);
        Assert.Equal(0, await w.Embargoes.PublishDueAsync(CancellationToken.None));
        Assert.Null(await w.Public.GetAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData("2026-11-30T10:00:00+01:00", null)]
    [InlineData("2026-11-30T10:00", null)]
    [InlineData("2027-03-28T02:30", "embargo_nonexistent_time")]
    [InlineData("2027-10-31T02:30", "embargo_ambiguous_time")]
    [InlineData("2028-11-30T10:00:00Z", "embargo_too_far")]
    [InlineData("soon", "invalid_embargo")]
    public async Task HttpDoorEmbargo_IsCheckedBeforeStoringAndCarriedToIngestion(string embargo, string? error)
    {
        var w = await CreateAsync();

        var result = await w.Submission.SubmitAsync(w.Member, new MemoryStream(Encoding.UTF8.GetBytes(Plain)), null, "release.txt", null, embargo, CancellationToken.None);

        Assert.Equal(error, result.Error);
        if (error is null)
        {
            var outcome = await w.Ingestion.IngestAsync("example", result.Record!.FileName, CancellationToken.None);
            Assert.Equal((UpdateStatus.Scheduled, Lift), (outcome!.Update!.Status, outcome.Update.Embargo));
            var status = await w.Submission.StatusAsync(w.Member, result.Record.ReleaseId, CancellationToken.None);
            Assert.Equal((ReleaseState.Scheduled, Lift), (status.Record!.State, status.Record.Embargo));
        }
    }
}
