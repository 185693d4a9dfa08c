using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Infrastructure.Media;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public class SubmissionOnAzuriteTests(AzuriteFixture azurite)
{
    private const string Release = "Climate data platform launched\n\nThe consortium will build a shared data platform for climate research across twelve countries over four years.\n";

    private sealed class FailingSaves(IReleaseFiles inner) : IReleaseFiles
    {
        public Task<IncomingFile?> OpenIncomingAsync(string memberId, string fileName, CancellationToken cancellationToken) => inner.OpenIncomingAsync(memberId, fileName, cancellationToken);

        public Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, DateTimeOffset? embargo, CancellationToken cancellationToken) =>
            throw new IOException("storage went away mid-way");

        public Task<bool> IncomingExistsAsync(string memberId, string fileName, CancellationToken cancellationToken) => inner.IncomingExistsAsync(memberId, fileName, cancellationToken);

        public Task ArchiveAsync(string memberId, string fileName, string releaseId, CancellationToken cancellationToken) => inner.ArchiveAsync(memberId, fileName, releaseId, cancellationToken);

        public Task QuarantineAsync(string memberId, string fileName, ReleaseRecord record, CancellationToken cancellationToken) => inner.QuarantineAsync(memberId, fileName, record, cancellationToken);

        public Task KeepUnsafeAsync(ReleaseRecord record, string originalPath, CancellationToken cancellationToken) => inner.KeepUnsafeAsync(record, originalPath, cancellationToken);
    }

    private async Task<(ReleaseSubmission Submission, Member Member, TableReleaseLog Log, FakeTimeProvider Time, BlobReleaseFiles Files, StorageClients Clients)> CreateAsync(bool failingBlobs)
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var members = new TableMemberStore(clients);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var (member, _) = await new MemberService(members, time).AddAsync("example", "Example University", [], true, CancellationToken.None);
        var files = new BlobReleaseFiles(clients);
        var log = new TableReleaseLog(clients);
        var submission = new ReleaseSubmission(failingBlobs ? new FailingSaves(files) : files, log, members, new TableUpdateStore(clients),
            new MediaLibrary(new BlobMediaStore(clients), new TableUpdateStore(clients), time), Options.Create(new IngestionOptions()), Options.Create(new AppOptions()), time);
        return (submission, member, log, time, files, clients);
    }

    [Fact]
    public async Task BlobWriteFails_TheMemberIsToldToRetry_AndTheReleaseIsNotLeftProcessing()
    {
        var (submission, member, log, _, _, clients) = await CreateAsync(failingBlobs: true);

        var result = await submission.SubmitAsync(member, new MemoryStream(Encoding.UTF8.GetBytes(Release)), null, "climate.txt", null, CancellationToken.None);

        Assert.Equal(SubmissionOutcome.StorageUnavailable, result.Outcome);
        var rows = new List<string>();
        await foreach (var row in clients.Tables.GetTableClient(StorageNames.Tables.Releases).QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == member.Id))
        {
            rows.Add(row.RowKey);
        }

        var record = await log.GetAsync(member.Id, Assert.Single(rows), CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(ReleaseState.Rejected, record.State);
        Assert.Equal(RejectionCodes.NotReceived, record.Rejection!.Code);
    }

    [Fact]
    public async Task ARecordLeftProcessingByACrash_IsReconciled_OnceStale_WhenItsUploadNeverLanded()
    {
        var (submission, member, log, time, files, _) = await CreateAsync(failingBlobs: false);
        var lost = new ReleaseRecord { MemberId = member.Id, ReleaseId = "r0000000000000000lost", FileName = "r-lost.txt", State = ReleaseState.Processing, ReceivedAt = time.GetUtcNow() };
        var waiting = lost with { ReleaseId = "r00000000000000waiting", FileName = "r-waiting.txt" };
        await log.SaveAsync(lost, CancellationToken.None);
        await log.SaveAsync(waiting, CancellationToken.None);
        await files.SaveIncomingAsync(member.Id, waiting.FileName, new MemoryStream(Encoding.UTF8.GetBytes(Release)), null, waiting.ReleaseId, null, CancellationToken.None);

        Assert.Equal(ReleaseState.Processing, (await submission.StatusAsync(member, lost.ReleaseId, CancellationToken.None)).Record!.State);
        time.Advance(ReleaseSubmission.StaleAfter + TimeSpan.FromMinutes(1));

        var reconciled = (await submission.StatusAsync(member, lost.ReleaseId, CancellationToken.None)).Record!;
        Assert.Equal((ReleaseState.Rejected, RejectionCodes.NotReceived), (reconciled.State, reconciled.Rejection!.Code));
        Assert.Equal(ReleaseState.Rejected, (await log.GetAsync(member.Id, lost.ReleaseId, CancellationToken.None))!.State);
        Assert.Equal(ReleaseState.Processing, (await submission.StatusAsync(member, waiting.ReleaseId, CancellationToken.None)).Record!.State);
    }
}
