using System.Security.Cryptography;
using System.Text;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>One release in detail: its line in the list, the update it became, and the requests made for it.</summary>
/// <remarks><see cref="SubmittedBy"/> is the contact who submitted it in the portal; null for an upload by API key, blob or e-mail.</remarks>
public sealed record PortalReleaseDetail(PortalRelease Release, Update? Update, IReadOnlyList<ChangeRequest> Requests, string? SubmittedBy = null);

/// <summary>How a contact's action on a release ended.</summary>
public enum PortalActionOutcome
{
    Done,
    NotFound,

    /// <summary>The release is not in a state that allows the action (a published one cannot be withdrawn here, only asked to be).</summary>
    NotAllowed,
    TextRequired,
}

/// <summary>
/// "My releases": the member's drafts and uploads with their status, newest first, and what a contact may do
/// with them: edit or withdraw a draft or a release waiting for review; ask the editors to correct or withdraw a
/// published one.
/// </summary>
public sealed class PortalReleases(IPortalStore store, IReleaseLog log, IUpdateStore updates, ReviewService review, ChangeRequests requests, Links links, DraftImages images,
    Microsoft.Extensions.Options.IOptions<PortalOptions> options, TimeProvider time)
{
    public const int PageSize = 20;

    /// <summary>Release and draft ids are short lower-case tokens; anything else names nothing.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 1 and <= 40 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    public async Task<PortalReleasePage> ListAsync(Member member, PortalStatus? filter, int page, CancellationToken cancellationToken)
    {
        var all = await AllAsync(member, cancellationToken);
        var counts = all.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        var chosen = filter is null ? all : all.Where(r => r.Status == filter).ToList();
        page = Math.Max(1, page);
        var items = chosen.Skip((page - 1) * PageSize).Take(PageSize).ToArray();

        // Who submitted each upload on the page: a contact in the portal, else no one known (API key, blob or e-mail).
        var submitters = await Task.WhenAll(items.Select(r => r.Status == PortalStatus.Draft
            ? Task.FromResult<string?>(null)
            : store.GetSubmitterAddressAsync(member.Id, r.Id, cancellationToken)));
        items = items.Select((r, i) => r with { SubmittedBy = submitters[i] }).ToArray();
        return new PortalReleasePage(items, filter, page, chosen.Count > page * PageSize, counts);
    }

    public async Task<PortalReleaseDetail?> GetAsync(Member member, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!IsValidId(id))
        {
            return null;
        }

        if (await store.GetLiveDraftAsync(member.Id, id, time.GetUtcNow(), cancellationToken) is { } draft)
        {
            return new PortalReleaseDetail(FromDraft(draft), null, []);
        }

        var record = await log.GetAsync(member.Id, id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var update = record.UpdateId is { } updateId ? await updates.GetAsync(updateId, cancellationToken) : null;
        var requests = (await store.ListChangeRequestsAsync(member.Id, cancellationToken)).Where(r => r.ReleaseId == id).ToArray();
        return new PortalReleaseDetail(FromRecord(record, update), update, requests, await store.GetSubmitterAddressAsync(member.Id, id, cancellationToken));
    }

    /// <summary>Withdraws a draft (deleted) or a release waiting for review (withdrawn, recorded in its history).</summary>
    public async Task<PortalActionOutcome> WithdrawAsync(Person contact, Member member, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var detail = await GetAsync(member, id, cancellationToken);
        switch (detail?.Release.Status)
        {
            case null:
                return PortalActionOutcome.NotFound;
            case PortalStatus.Draft:
                await store.DeleteDraftAsync(member.Id, id, cancellationToken);
                return PortalActionOutcome.Done;
            case PortalStatus.PendingReview when detail.Update is { } update && detail.Release.Editable:
                var result = await review.WithdrawAsync(update.Id, contact.Address, "withdrawn by the member", cancellationToken);
                return result.Outcome == ReviewOutcome.Done ? PortalActionOutcome.Done : PortalActionOutcome.NotAllowed;
            default:
                return PortalActionOutcome.NotAllowed;
        }
    }

    /// <summary>Null when the contact may start another draft; else why not (<see cref="PortalOptions"/>).</summary>
    public Task<Rejection?> RoomForDraftAsync(Person contact, Member member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(member);
        return store.RoomForAnotherAsync(member.Id, contact.Id, options.Value, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// A draft to edit a release waiting for review: the form filled from the update; submitting it withdraws the
    /// old one. For a draft, the draft itself. Null when the release cannot be edited, or the contact has no room for
    /// another draft (<see cref="RoomForDraftAsync"/>).
    /// </summary>
    public async Task<string?> EditAsync(Person contact, Member member, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var detail = await GetAsync(member, id, cancellationToken);
        if (detail?.Release.Status == PortalStatus.Draft)
        {
            return id;
        }

        if (detail is not { Release: { Status: PortalStatus.PendingReview, Editable: true }, Update: { } update })
        {
            return null;
        }

        if (await RoomForDraftAsync(contact, member, cancellationToken) is not null)
        {
            return null;
        }

        var form = ReleaseFormWriter.From(update);
        var now = time.GetUtcNow();
        var draft = new PortalDraft
        {
            Id = "d" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
            MemberId = member.Id,
            PersonId = contact.Id,
            FileName = ReleaseFormWriter.FileName,
            ContentType = "application/json",
            Content = ReleaseFormWriter.Write(form),
            Form = form,
            ReplacesReleaseId = id,
            CreatedAt = now,
            UpdatedAt = now,
            Title = update.Title,
        };
        await store.SaveDraftAndExpireAsync(draft, now, cancellationToken);
        await images.CopyFromUpdateAsync(member.Id, draft.Id, update, form, cancellationToken);
        return draft.Id;
    }

    /// <summary>Records a correction or withdrawal request for a published release; the editors are mailed and see it in the console.</summary>
    public async Task<PortalActionOutcome> RequestChangeAsync(Person contact, Member member, string id, ChangeRequestKind kind, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var detail = await GetAsync(member, id, cancellationToken);
        if (detail is null)
        {
            return PortalActionOutcome.NotFound;
        }

        if (detail.Release.Status is not (PortalStatus.Published or PortalStatus.Scheduled))
        {
            return PortalActionOutcome.NotAllowed;
        }

        var what = TextCleaner.NormalizeSpaces((text ?? string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal)).Trim();
        if (what.Length == 0)
        {
            return PortalActionOutcome.TextRequired;
        }

        // The same request again while it is open (a double click, a retry after an error) is the same request: its id
        // comes from what it asks, so it is stored once and mailed once; asked again after an answer, it is a new one.
        what = what.Length > 4000 ? what[..4000] : what;
        var answered = detail.Requests.Count(r => !r.IsOpen);
        var requestId = "q" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{member.Id}\n{id}\n{kind}\n{answered}\n{what}")))[..20];
        var request = new ChangeRequest(requestId, member.Id, id, detail.Update?.Id, kind, what, contact.Id, contact.Address, time.GetUtcNow());
        if (!await store.AddChangeRequestAsync(request, cancellationToken))
        {
            // Read again: a request made at the same moment may have stored it after this one's detail was read.
            request = (await store.ListChangeRequestsAsync(member.Id, cancellationToken)).FirstOrDefault(r => r.Id == requestId) ?? request;
        }

        if (detail.Update is { } update)
        {
            await requests.ArrivedAsync(request, update, cancellationToken);
        }

        return PortalActionOutcome.Done;
    }

    private async Task<List<PortalRelease>> AllAsync(Member member, CancellationToken cancellationToken)
    {
        var records = await log.ListAsync(member.Id, cancellationToken);
        var drafts = await store.ListDraftsAsync(member.Id, cancellationToken);

        // One read per update, a few at a time: the log does not repeat an update's later status.
        var found = new Dictionary<string, Update?>(StringComparer.Ordinal);
        foreach (var batch in records.Where(r => r.UpdateId is not null).Select(r => r.UpdateId!).Distinct().Chunk(16))
        {
            var read = await Task.WhenAll(batch.Select(id => updates.GetAsync(id, cancellationToken)));
            for (var i = 0; i < batch.Length; i++)
            {
                found[batch[i]] = read[i];
            }
        }

        return drafts.Where(d => d.Saved).Select(FromDraft)
            .Concat(records.Select(r => FromRecord(r, r.UpdateId is { } u ? found.GetValueOrDefault(u) : null)))
            .OrderByDescending(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static PortalRelease FromDraft(PortalDraft draft) => new()
    {
        Id = draft.Id,
        Title = draft.Title.Length > 0 ? draft.Title : draft.FileName,
        Status = PortalStatus.Draft,
        At = draft.UpdatedAt,
        FileName = draft.FileName,
    };

    private PortalRelease FromRecord(ReleaseRecord record, Update? update)
    {
        var status = record.State switch
        {
            ReleaseState.Processing => PortalStatus.Processing,
            ReleaseState.Rejected => PortalStatus.Rejected,
            ReleaseState.Duplicate => PortalStatus.Duplicate,
            ReleaseState.Withdrawn when update is null => PortalStatus.Withdrawn,
            _ => update?.Status switch
            {
                UpdateStatus.Published => PortalStatus.Published,
                UpdateStatus.Rejected => PortalStatus.Rejected,
                UpdateStatus.Withdrawn => PortalStatus.Withdrawn,
                UpdateStatus.Scheduled => PortalStatus.Scheduled,
                _ => PortalStatus.PendingReview,
            },
        };
        var rejection = record.Rejection ?? (status == PortalStatus.Rejected
            ? new Rejection(RejectionCodes.RejectedByEditor, (update is { History.Count: > 0 } ? update.History[^1].Reason : null) ?? "Rejected by an editor.")
            : null);
        return new PortalRelease
        {
            Id = record.ReleaseId,
            Title = update?.Title ?? record.ShownName,
            Status = status,
            At = record.ReceivedAt,
            FileName = record.ShownName,
            UpdateId = record.UpdateId,
            Joint = update is not null && update.MemberId != record.MemberId,
            PublicUrl = status == PortalStatus.Published && record.UpdateId is { } id ? links.Update(id) : null,
            Rejection = rejection,
            Warnings = record.Warnings,
            Embargo = status is PortalStatus.Scheduled or PortalStatus.PendingReview ? update?.Embargo ?? record.Embargo : null,
        };
    }
}
