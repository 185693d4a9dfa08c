using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Media;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public class IngestionOnAzuriteTests(AzuriteFixture azurite)
{
    private const string Release = "Climate data platform launched\n11 Dec 2019 | Network Updates | Update from Example University\n\nThe consortium will build a shared data platform for climate research across twelve countries over four years.\n";

    private sealed class Pipeline
    {
        public required StorageClients Clients { get; init; }
        public required IReleaseFiles Files { get; init; }
        public required TableUpdateStore Updates { get; init; }
        public required TableReleaseLog Log { get; init; }
        public required TableMemberStore Members { get; init; }
        public required FakeTimeProvider Time { get; init; }

        public ReleaseIngestion Ingestion(IReleaseFiles? files = null, long maxBytes = 5 * 1024 * 1024) =>
            new(files ?? Files, Log, Members, Updates, new MediaLibrary(new BlobMediaStore(Clients), Updates, Time), Options.Create(new IngestionOptions { MaxUploadBytes = maxBytes }), Options.Create(new AppOptions()), Time, TestMetrics.Create(), NullLogger<ReleaseIngestion>.Instance);

        public async Task UploadAsync(string member, string file, string content) =>
            await Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync($"{member}/{file}", BinaryData.FromString(content));

        public async Task<bool> ExistsAsync(string container, string path) =>
            (await Clients.Blobs.GetBlobContainerClient(container).GetBlobClient(path).ExistsAsync()).Value;
    }

    private async Task<Pipeline> CreateAsync(bool autoPublish = true)
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var members = new TableMemberStore(clients);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        await new MemberService(members, time).AddAsync("example", "Example University", [], autoPublish, CancellationToken.None);
        return new Pipeline
        {
            Clients = clients,
            Files = new BlobReleaseFiles(clients),
            Updates = new TableUpdateStore(clients),
            Log = new TableReleaseLog(clients),
            Members = members,
            Time = time,
        };
    }

    [Fact]
    public async Task AcceptedUpload_BecomesAPublishedUpdate_AndTheOriginalMovesToTheArchive()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "climate.txt", Release);

        var outcome = await p.Ingestion().IngestAsync("example", "climate.txt", CancellationToken.None);

        Assert.Equal(ReleaseState.Published, outcome!.Record.State);
        var stored = await p.Updates.GetAsync(outcome.Update!.Id, CancellationToken.None);
        Assert.Equal("Climate data platform launched", stored!.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), stored.Date);
        Assert.Equal("Example University", stored.Organisation);
        Assert.Contains("shared data platform", stored.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(UpdateStatus.Published, stored.Status);
        Assert.Equal(p.Time.GetUtcNow(), stored.PublishedAt);
        Assert.False(await p.ExistsAsync(StorageNames.Containers.Incoming, "example/climate.txt"));
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Archive, BlobReleaseFiles.KeptPath("example", outcome.Record.ReleaseId, "climate.txt")));
    }

    [Fact]
    public async Task SameFileNameUploadedAgain_KeepsBothOriginals()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "weekly.txt", Release);
        var first = await p.Ingestion().IngestAsync("example", "weekly.txt", CancellationToken.None);
        await p.UploadAsync("example", "weekly.txt", "Second week\n\nThe consortium opened its second data centre in Lisbon, with storage for ten years of climate records.\n");
        var second = await p.Ingestion().IngestAsync("example", "weekly.txt", CancellationToken.None);

        Assert.NotEqual(first!.Record.ReleaseId, second!.Record.ReleaseId);
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Archive, BlobReleaseFiles.KeptPath("example", first.Record.ReleaseId, "weekly.txt")));
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Archive, BlobReleaseFiles.KeptPath("example", second.Record.ReleaseId, "weekly.txt")));
        Assert.Equal(ReleaseState.Published, (await p.Log.GetAsync("example", first.Record.ReleaseId, CancellationToken.None))!.State);
    }

    [Theory]
    [InlineData("zz/../../templates/victim.txt")]
    [InlineData("example/../../templates/victim.txt")]
    [InlineData("example/..\\..\\templates\\victim.txt")]
    [InlineData("../templates/victim.txt")]
    public async Task TraversingBlobName_IsKeptAsUnsafeName_AndTheBlobItNamesIsUntouched(string path)
    {
        var p = await CreateAsync();
        var templates = p.Clients.Blobs.GetBlobContainerClient("templates");
        await templates.CreateIfNotExistsAsync();
        await templates.UploadBlobAsync("victim.txt", BinaryData.FromString(Release));
        var before = (await templates.GetBlobClient("victim.txt").GetPropertiesAsync()).Value.ETag;

        var outcome = await p.Ingestion().IngestPathAsync(path, null, CancellationToken.None);

        Assert.Equal(RejectionCodes.UnsafeName, outcome!.Record.Rejection!.Code);
        Assert.Null(outcome.Update);
        Assert.Equal(before, (await templates.GetBlobClient("victim.txt").GetPropertiesAsync()).Value.ETag);
        Assert.Equal(Release, (await templates.GetBlobClient("victim.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Empty(await p.Updates.ListAsync(null, 10, CancellationToken.None));
        Assert.Empty(await ListAsync(p, StorageNames.Containers.Archive));

        var kept = BlobReleaseFiles.KeptPath(UploadNames.UnsafeFolder, outcome.Record.ReleaseId, outcome.Record.FileName) + ".error.json";
        Assert.Equal([kept], await ListAsync(p, StorageNames.Containers.Quarantine));
        var error = await p.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Quarantine).GetBlobClient(kept).DownloadContentAsync();
        using var json = JsonDocument.Parse(error.Value.Content.ToString());
        Assert.Equal(RejectionCodes.UnsafeName, json.RootElement.GetProperty("code").GetString());
        Assert.Equal(path, json.RootElement.GetProperty("path").GetString());
        var logged = await p.Log.GetAsync(UploadNames.UnsafeFolder, outcome.Record.ReleaseId, CancellationToken.None);
        Assert.Equal(RejectionCodes.UnsafeName, logged!.Rejection!.Code);
    }

    [Fact]
    public async Task ControlCharactersInAFileName_AreKeptAsUnsafeName_NeverRead()
    {
        var p = await CreateAsync();

        var outcome = await p.Ingestion().IngestAsync("example", "climate\u0000\r\n.txt", CancellationToken.None);

        Assert.Equal(RejectionCodes.UnsafeName, outcome!.Record.Rejection!.Code);
        Assert.DoesNotContain('\r', outcome.Record.FileName);
    }

    private static async Task<List<string>> ListAsync(Pipeline p, string container)
    {
        var names = new List<string>();
        await foreach (var blob in p.Clients.Blobs.GetBlobContainerClient(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task MemberWithoutAutoPublish_WaitsForReview()
    {
        var p = await CreateAsync(autoPublish: false);
        await p.UploadAsync("example", "climate.txt", Release);

        var outcome = await p.Ingestion().IngestAsync("example", "climate.txt", CancellationToken.None);

        Assert.Equal(ReleaseState.PendingReview, outcome!.Record.State);
        Assert.Equal(UpdateStatus.PendingReview, outcome.Update!.Status);
        Assert.Null(outcome.Update.PublishedAt);
    }

    [Fact]
    public async Task RejectedUpload_IsKeptInQuarantine_WithItsReason()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "bad.md", "---\ntitle: Climate\n\nno closing fence\n");

        var outcome = await p.Ingestion().IngestAsync("example", "bad.md", CancellationToken.None);

        Assert.Equal(ReleaseState.Rejected, outcome!.Record.State);
        var kept = BlobReleaseFiles.KeptPath("example", outcome.Record.ReleaseId, "bad.md");
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Quarantine, kept));
        Assert.False(await p.ExistsAsync(StorageNames.Containers.Incoming, "example/bad.md"));
        var error = await p.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Quarantine).GetBlobClient(kept + ".error.json").DownloadContentAsync();
        using var json = JsonDocument.Parse(error.Value.Content.ToString());
        Assert.Equal(RejectionCodes.InvalidFrontMatter, json.RootElement.GetProperty("code").GetString());
        Assert.Contains("never closed", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var logged = await p.Log.GetAsync("example", outcome.Record.ReleaseId, CancellationToken.None);
        Assert.Equal(RejectionCodes.InvalidFrontMatter, logged!.Rejection!.Code);
    }

    [Fact]
    public async Task UploadFromAnUnknownMember_IsQuarantined()
    {
        var p = await CreateAsync();
        await p.UploadAsync("stranger", "climate.txt", Release);

        var outcome = await p.Ingestion().IngestAsync("stranger", "climate.txt", CancellationToken.None);

        Assert.Equal(RejectionCodes.UnknownMember, outcome!.Record.Rejection!.Code);
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Quarantine, BlobReleaseFiles.KeptPath("stranger", outcome.Record.ReleaseId, "climate.txt") + ".error.json"));
    }

    [Fact]
    public async Task UploadOverTheLimit_IsQuarantinedAsTooLarge()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "big.txt", "Big\n\n" + new string('x', 5000));

        var outcome = await p.Ingestion(maxBytes: 4096).IngestAsync("example", "big.txt", CancellationToken.None);

        Assert.Equal(RejectionCodes.TooLarge, outcome!.Record.Rejection!.Code);
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Quarantine, BlobReleaseFiles.KeptPath("example", outcome.Record.ReleaseId, "big.txt")));
    }

    [Fact]
    public async Task SameContentUploadedTwice_IsOneUpdate_TheSecondADuplicate()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "first.txt", Release);
        await p.UploadAsync("example", "second.md", "# Climate data platform launched\n\nThe consortium will build a shared data platform for climate research across twelve countries over four years.\n");

        var first = await p.Ingestion().IngestAsync("example", "first.txt", CancellationToken.None);
        var second = await p.Ingestion().IngestAsync("example", "second.md", CancellationToken.None);

        Assert.Equal(ReleaseState.Duplicate, second!.Record.State);
        Assert.Equal(first!.Update!.Id, second.Record.UpdateId);
        Assert.Single(await p.Updates.ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task SameTextFromAnotherMember_JoinsTheOneUpdate_OnceHoweverOftenItRuns_AndTheirRepeatIsADuplicate()
    {
        var p = await CreateAsync(autoPublish: false);
        await new MemberService(p.Members, p.Time).AddAsync("ucl", "University College London", [], true, CancellationToken.None);
        await p.UploadAsync("example", "first.txt", Release);
        var first = (await p.Ingestion().IngestAsync("example", "first.txt", CancellationToken.None))!.Update!;

        // The joint upload is interrupted after it joined the update; the trigger's retry records it once.
        await p.UploadAsync("ucl", "joint.txt", Release);
        var failing = new FailingArchive(p.Files);
        await Assert.ThrowsAsync<IOException>(() => p.Ingestion(failing).IngestAsync("ucl", "joint.txt", CancellationToken.None));
        var joint = await p.Ingestion(failing).IngestAsync("ucl", "joint.txt", CancellationToken.None);

        Assert.Equal(ReleaseState.PendingReview, joint!.Record.State);
        Assert.Equal(first.Id, joint.Record.UpdateId);
        Assert.Contains(ReleaseIngestion.JointText, joint.Record.Warnings);
        var stored = (await p.Updates.GetAsync(first.Id, CancellationToken.None))!;
        Assert.Equal("example", stored.MemberId);
        Assert.Equal(UpdateStatus.PendingReview, stored.Status);
        var co = Assert.Single(stored.AlsoSubmittedBy);
        Assert.Equal(("ucl", joint.Record.ReleaseId), (co.MemberId, co.ReleaseId));
        Assert.Equal(first.Id, (await p.Log.GetAsync("ucl", joint.Record.ReleaseId, CancellationToken.None))!.UpdateId);

        // The second member sends it again: a duplicate of the update it follows, as for the first member.
        await p.UploadAsync("ucl", "again.txt", Release);
        var again = await p.Ingestion().IngestAsync("ucl", "again.txt", CancellationToken.None);
        Assert.Equal(ReleaseState.Duplicate, again!.Record.State);
        Assert.Equal(first.Id, again.Record.UpdateId);
        Assert.DoesNotContain(ReleaseIngestion.OtherMembersText, again.Record.Warnings);
        Assert.Single((await p.Updates.GetAsync(first.Id, CancellationToken.None))!.AlsoSubmittedBy);
        Assert.Single(await p.Updates.ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task SameTextFromAnotherMember_AfterTheFirstWasWithdrawn_IsADuplicate_ThatNamesNothingOfIt()
    {
        var p = await CreateAsync();
        await new MemberService(p.Members, p.Time).AddAsync("ucl", "University College London", [], true, CancellationToken.None);
        await p.UploadAsync("example", "first.txt", Release);
        var first = (await p.Ingestion().IngestAsync("example", "first.txt", CancellationToken.None))!.Update!;
        await p.Updates.SaveAsync(first with { Status = UpdateStatus.Withdrawn }, CancellationToken.None);

        await p.UploadAsync("ucl", "copy.txt", Release);
        var copy = await p.Ingestion().IngestAsync("ucl", "copy.txt", CancellationToken.None);

        Assert.Equal(ReleaseState.Duplicate, copy!.Record.State);
        Assert.Null(copy.Record.UpdateId);
        Assert.Contains(ReleaseIngestion.OtherMembersText, copy.Record.Warnings);
        Assert.Empty((await p.Updates.GetAsync(first.Id, CancellationToken.None))!.AlsoSubmittedBy);
    }

    private sealed class FailingArchive(IReleaseFiles inner) : IReleaseFiles
    {
        public int Failures { get; set; } = 1;

        public Task<IncomingFile?> OpenIncomingAsync(string memberId, string fileName, CancellationToken cancellationToken) => inner.OpenIncomingAsync(memberId, fileName, cancellationToken);

        public Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, DateTimeOffset? embargo, CancellationToken cancellationToken) =>
            inner.SaveIncomingAsync(memberId, fileName, content, contentType, releaseId, embargo, cancellationToken);

        public Task ArchiveAsync(string memberId, string fileName, string releaseId, CancellationToken cancellationToken) =>
            Failures-- > 0 ? throw new IOException("storage went away mid-way") : inner.ArchiveAsync(memberId, fileName, releaseId, cancellationToken);

        public Task QuarantineAsync(string memberId, string fileName, ReleaseRecord record, CancellationToken cancellationToken) =>
            inner.QuarantineAsync(memberId, fileName, record, cancellationToken);

        public Task KeepUnsafeAsync(ReleaseRecord record, string originalPath, CancellationToken cancellationToken) =>
            inner.KeepUnsafeAsync(record, originalPath, cancellationToken);

        public Task<bool> IncomingExistsAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
            inner.IncomingExistsAsync(memberId, fileName, cancellationToken);
    }

    [Fact]
    public async Task CrashMidWay_LeavesTheUploadInPlace_AndTheRetryGivesTheSameSingleUpdate()
    {
        var p = await CreateAsync();
        await p.UploadAsync("example", "climate.txt", Release);
        var failing = new FailingArchive(p.Files);

        await Assert.ThrowsAsync<IOException>(() => p.Ingestion(failing).IngestAsync("example", "climate.txt", CancellationToken.None));
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Incoming, "example/climate.txt"));

        var retry = await p.Ingestion(failing).IngestAsync("example", "climate.txt", CancellationToken.None);

        Assert.Equal(ReleaseState.Published, retry!.Record.State);
        var all = await p.Updates.ListAsync(null, 10, CancellationToken.None);
        Assert.Equal(retry.Update!.Id, Assert.Single(all).Id);
        Assert.Contains("shared data platform", all[0].BodyText, StringComparison.Ordinal);
        Assert.True(await p.ExistsAsync(StorageNames.Containers.Archive, BlobReleaseFiles.KeptPath("example", retry.Record.ReleaseId, "climate.txt")));
        Assert.Null(await p.Ingestion().IngestAsync("example", "climate.txt", CancellationToken.None));
    }

    [Fact]
    public async Task Review_RecordsEveryChangeWithTimeAndActor()
    {
        var p = await CreateAsync(autoPublish: false);
        await p.UploadAsync("example", "climate.txt", Release);
        var update = (await p.Ingestion().IngestAsync("example", "climate.txt", CancellationToken.None))!.Update!;
        var review = new ReviewService(p.Updates, p.Time, NullLogger<ReviewService>.Instance);

        p.Time.Advance(TimeSpan.FromHours(2));
        var approved = await review.ApproveAsync(update.Id, "alice", CancellationToken.None);
        var again = await review.RejectAsync(update.Id, "bob", "changed my mind", CancellationToken.None);

        Assert.Equal(ReviewOutcome.Done, approved.Outcome);
        Assert.Equal(ReviewOutcome.NotPending, again.Outcome);
        var stored = await p.Updates.GetAsync(update.Id, CancellationToken.None);
        Assert.Equal(UpdateStatus.Published, stored!.Status);
        Assert.Equal(p.Time.GetUtcNow(), stored.PublishedAt);
        var change = stored.History[^1];
        Assert.Equal(("alice", "pending-review", "published", p.Time.GetUtcNow()), (change.Actor, change.From, change.To, change.At));
        Assert.Equal(2, stored.History.Count);
    }

    [Fact]
    public async Task MemberKeys_CanBeAddedAndRevoked()
    {
        var p = await CreateAsync();
        var service = new MemberService(p.Members, p.Time);
        var (member, first) = await service.AddAsync("second", "Second Institute", ["energy"], false, CancellationToken.None);
        var second = await service.IssueKeyAsync("second", CancellationToken.None);

        await service.RevokeKeyAsync("second", member.Keys[0].KeyId, CancellationToken.None);
        var stored = await p.Members.GetAsync("second", CancellationToken.None);

        Assert.False(MemberService.Verify(stored!, first));
        Assert.True(MemberService.Verify(stored!, second));
        Assert.False(MemberService.Verify(stored!, second[..^1] + (second[^1] == 'A' ? 'B' : 'A')));
        Assert.DoesNotContain(stored!.Keys, k => second.Contains(k.SecretHash, StringComparison.Ordinal));
        Assert.Equal(["energy"], stored.AllowedTopics);
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.AddAsync("second", "Again", [], false, CancellationToken.None));
    }
}
