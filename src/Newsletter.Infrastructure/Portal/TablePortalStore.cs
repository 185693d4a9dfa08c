using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Newsletter.Core.Portal;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Portal;

/// <summary>
/// The portal's records in the <c>portal</c> table (partition = member id; row keys by kind: <c>draft-</c>,
/// <c>submitter-</c>, <c>audit-</c>, <c>notice-</c>, <c>invite-</c>; change requests and contacts' settings in partitions of their
/// own; release mails waiting to be queued in <c>_outbox</c>), and each draft's content as JSON in the <c>portal</c> container, since a dropped file may exceed a row.
/// </summary>
public sealed class TablePortalStore(StorageClients clients) : IPortalStore
{
    private const string Requests = "requests";
    private const string Settings = "settings";

    // Not a member id (no '_' in those): release mails waiting to be queued.
    private const string Outbox = "_outbox";

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Portal);

    public async Task SaveDraftAsync(PortalDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await DraftBlob(draft.MemberId, draft.Id).UploadAsync(BinaryData.FromString(StorageJson.Write(draft)), overwrite: true, cancellationToken);
        await Table.UpsertEntityAsync(new TableEntity(draft.MemberId, "draft-" + draft.Id)
        {
            ["Title"] = draft.Title,
            ["FileName"] = draft.FileName,
            ["PersonId"] = draft.PersonId,
            ["Saved"] = draft.Saved,
            ["CreatedAt"] = draft.CreatedAt,
            ["UpdatedAt"] = draft.UpdatedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<PortalDraft?> GetDraftAsync(string memberId, string draftId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await DraftBlob(memberId, draftId).DownloadContentAsync(cancellationToken);
            var draft = StorageJson.Read<PortalDraft?>(content.Value.Content.ToString(), null);
            return draft is not null && draft.MemberId == memberId ? draft : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<PortalDraft>> ListDraftsAsync(string memberId, CancellationToken cancellationToken)
    {
        var drafts = new List<PortalDraft>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(Prefix(memberId, "draft-"), cancellationToken: cancellationToken))
        {
            drafts.Add(new PortalDraft
            {
                Id = entity.RowKey["draft-".Length..],
                MemberId = memberId,
                PersonId = entity.GetString("PersonId") ?? string.Empty,
                FileName = entity.GetString("FileName") ?? string.Empty,
                Content = [],
                Saved = entity.GetBoolean("Saved") ?? false,
                CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
                Title = entity.GetString("Title") ?? string.Empty,
            });
        }

        return drafts;
    }

    public async Task<bool> TryClaimDraftAsync(string memberId, string draftId, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(memberId, "draft-" + draftId, cancellationToken: cancellationToken);
        if (!found.HasValue || (found.Value!.GetDateTimeOffset("SubmittingAt") is { } since && now - since < hold))
        {
            return false;
        }

        var entity = found.Value;
        entity["SubmittingAt"] = now;
        try
        {
            // Only if nobody changed the row since it was read: of two requests, the second finds its ETag stale.
            await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task DeleteDraftAsync(string memberId, string draftId, CancellationToken cancellationToken)
    {
        await Table.DeleteEntityAsync(memberId, "draft-" + draftId, ETag.All, cancellationToken);
        await DraftBlob(memberId, draftId).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    public Task SaveSubmitterAsync(string memberId, string releaseId, string personId, string address, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(memberId, "submitter-" + releaseId) { ["PersonId"] = personId, ["Address"] = address }, TableUpdateMode.Replace, cancellationToken);

    public async Task<string?> GetSubmitterAddressAsync(string memberId, string releaseId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(memberId, "submitter-" + releaseId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("Address") : null;
    }

    public async Task<string?> GetSubmitterAsync(string memberId, string releaseId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(memberId, "submitter-" + releaseId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("PersonId") : null;
    }

    public async Task<bool> AddChangeRequestAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The request and a row named by its id go in one transaction: a second add of the same id stores neither.
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Requests, "id-" + request.Id)),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Requests, Newest(request.At) + "-" + request.Id)
                {
                    ["MemberId"] = request.MemberId,
                    ["Request"] = StorageJson.Write(request),
                }),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task SaveChangeRequestAsync(ChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Table.UpsertEntityAsync(new TableEntity(Requests, Newest(request.At) + "-" + request.Id)
        {
            ["MemberId"] = request.MemberId,
            ["Request"] = StorageJson.Write(request),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(string? memberId, CancellationToken cancellationToken)
    {
        var filter = memberId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Requests}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Requests} and MemberId eq {memberId}");
        var found = new List<ChangeRequest>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (StorageJson.Read<ChangeRequest?>(entity.GetString("Request"), null) is { } request)
            {
                found.Add(request);
            }
        }

        return found;
    }

    public Task AddAuditAsync(PortalAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Table.AddEntityAsync(new TableEntity(entry.MemberId, "audit-" + Newest(entry.At) + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Detail"] = entry.Detail,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PortalAuditEntry>> ListAuditAsync(string memberId, int max, CancellationToken cancellationToken)
    {
        var found = new List<PortalAuditEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(Prefix(memberId, "audit-"), cancellationToken: cancellationToken))
        {
            found.Add(new PortalAuditEntry(entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, memberId,
                entity.GetString("Actor") ?? string.Empty, entity.GetString("Action") ?? string.Empty, entity.GetString("Detail") ?? string.Empty));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    public async Task<NoticeSettings> GetNoticeSettingsAsync(string personId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Settings, personId, cancellationToken: cancellationToken);
        return found.HasValue
            ? new NoticeSettings(found.Value!.GetBoolean("OwnReleases") ?? true, found.Value.GetBoolean("OtherUploads") ?? false)
            : NoticeSettings.Default;
    }

    public Task SaveNoticeSettingsAsync(string personId, NoticeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Table.UpsertEntityAsync(new TableEntity(Settings, personId)
        {
            ["OwnReleases"] = settings.OwnReleases,
            ["OtherUploads"] = settings.OtherUploads,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> TryMarkNoticeAsync(string memberId, string releaseId, string notice, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(memberId, $"notice-{releaseId}-{notice}"), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsNoticeMarkedAsync(string memberId, string releaseId, string notice, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(memberId, $"notice-{releaseId}-{notice}", cancellationToken: cancellationToken)).HasValue;

    public Task SavePendingNoticeAsync(ReleaseNoticeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        // Bytes, not a string column: a job fits a queue message (64 KiB of base64), so it fits a binary property of 64 KiB.
        return Table.UpsertEntityAsync(new TableEntity(Outbox, OutboxKey(job))
        {
            ["Job"] = BinaryData.FromString(StorageJson.Write(job)).ToArray(),
            ["QueuedAt"] = job.QueuedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ReleaseNoticeJob>> ListPendingNoticesAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var jobs = new List<ReleaseNoticeJob>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Outbox} and QueuedAt lt {before}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            if (entity.GetBinary("Job") is { } bytes && StorageJson.Read<ReleaseNoticeJob?>(System.Text.Encoding.UTF8.GetString(bytes), null) is { } job)
            {
                jobs.Add(job);
            }

            if (jobs.Count >= max)
            {
                break;
            }
        }

        return jobs;
    }

    public async Task DeletePendingNoticeAsync(ReleaseNoticeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await Table.DeleteEntityAsync(Outbox, OutboxKey(job), ETag.All, cancellationToken);
    }

    private static string OutboxKey(ReleaseNoticeJob job) => $"{job.MemberId}|{job.ReleaseId}|{job.Key}";

    public Task SaveInvitationAsync(PortalInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return Table.UpsertEntityAsync(new TableEntity(invitation.MemberId, "invite-" + invitation.PersonId)
        {
            ["Invitation"] = StorageJson.Write(invitation),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<PortalInvitation?> GetInvitationAsync(string memberId, string personId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(memberId, "invite-" + personId, cancellationToken: cancellationToken);
        return found.HasValue ? ReadInvitation(found.Value!, memberId) : null;
    }

    public async Task<IReadOnlyList<PortalInvitation>> ListInvitationsAsync(string memberId, CancellationToken cancellationToken)
    {
        var found = new List<PortalInvitation>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(Prefix(memberId, "invite-"), cancellationToken: cancellationToken))
        {
            if (ReadInvitation(entity, memberId) is { } invitation)
            {
                found.Add(invitation);
            }
        }

        return found;
    }

    public Task DeleteInvitationAsync(string memberId, string personId, CancellationToken cancellationToken) =>
        Table.DeleteEntityAsync(memberId, "invite-" + personId, ETag.All, cancellationToken);

    private static PortalInvitation? ReadInvitation(TableEntity entity, string memberId) =>
        StorageJson.Read<PortalInvitation?>(entity.GetString("Invitation"), null) is { } invitation && invitation.MemberId == memberId ? invitation : null;

    private Azure.Storage.Blobs.BlobClient DraftBlob(string memberId, string draftId) =>
        clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Portal).GetBlobClient($"drafts/{memberId}/{draftId}.json");

    private static string Prefix(string partition, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");

    // Row keys that sort newest first.
    private static string Newest(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
