using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editorial;

/// <summary>Everything the console shows beside an update: where it came from, what was changed in it, and by whom.</summary>
public sealed record UpdateReview(
    Update Update,
    string MemberName,
    ReleaseRecord? Release,
    IReadOnlyList<string> Contacts,
    IReadOnlyList<AuditEntry> Revisions,
    IReadOnlyList<string> Topics,
    IReadOnlyList<ChangeRequest>? Requests = null)
{
    /// <summary>The member's correction or withdrawal requests still open for the update, oldest first.</summary>
    public IReadOnlyList<ChangeRequest> OpenRequests => Requests ?? [];

    /// <summary>The original file can be downloaded: the upload was archived under its release.</summary>
    public bool HasOriginal => Release is { FileName.Length: > 0 };
}

/// <summary>Reads what the console's review pages show; changes go through <see cref="EditorialService"/>.</summary>
public sealed class ReviewDesk(
    IUpdateStore updates, IMemberStore members, IReleaseLog releases, IReleaseOriginals originals,
    PeopleService people, IAuditLog audit, EditorialService editorial, ChangeRequests requests)
{
    public const int QueueSize = 200;

    /// <summary>The updates waiting for review, oldest first: the one that waited longest comes first.</summary>
    public async Task<IReadOnlyList<Update>> QueueAsync(CancellationToken cancellationToken) =>
        (await updates.ListAsync(UpdateStatus.PendingReview, QueueSize, cancellationToken)).OrderBy(u => u.CreatedAt).ToArray();

    /// <summary>Published updates that members asked to correct or withdraw, with their open requests.</summary>
    public Task<IReadOnlyList<RequestedUpdate>> RequestedAsync(CancellationToken cancellationToken) => requests.RequestedAsync(cancellationToken);

    /// <summary>Updates of any status, newest first: for finding a published one to withdraw or correct.</summary>
    public Task<IReadOnlyList<Update>> ListAsync(UpdateStatus? status, CancellationToken cancellationToken) =>
        updates.ListAsync(status, QueueSize, cancellationToken);

    public async Task<UpdateReview?> GetAsync(string updateId, CancellationToken cancellationToken)
    {
        var update = await updates.GetAsync(updateId, cancellationToken);
        if (update is null)
        {
            return null;
        }

        var member = await members.GetAsync(update.MemberId, cancellationToken);
        var release = update.ReleaseId.Length > 0 ? await releases.GetAsync(update.MemberId, update.ReleaseId, cancellationToken) : null;
        var contacts = await people.ListContactsAsync(update.MemberId, cancellationToken);
        var revisions = (await audit.ListAsync(new AuditFilter(Subject: update.Id), 100, cancellationToken))
            .Where(e => e.Action is AuditActions.UpdateEdited or AuditActions.UpdateCorrected)
            .ToArray();
        return new UpdateReview(update, member?.DisplayName ?? update.MemberId, release,
            contacts.Select(c => c.Address).Order(StringComparer.Ordinal).ToArray(), revisions, editorial.Topics,
            await requests.OpenForAsync(update, cancellationToken));
    }

    /// <summary>The file the member sent for the update, or null when there is none to give.</summary>
    public async Task<ReleaseOriginal?> OriginalAsync(string updateId, CancellationToken cancellationToken)
    {
        var update = await updates.GetAsync(updateId, cancellationToken);
        if (update is null || update.ReleaseId.Length == 0)
        {
            return null;
        }

        var release = await releases.GetAsync(update.MemberId, update.ReleaseId, cancellationToken);
        return release is { FileName.Length: > 0 } ? await originals.OpenAsync(update.MemberId, update.ReleaseId, release.FileName, cancellationToken) : null;
    }
}
