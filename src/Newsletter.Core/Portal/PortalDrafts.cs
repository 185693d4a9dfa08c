namespace Newsletter.Core.Portal;

/// <summary>
/// The drafts' lifetime rule over the store: an unsaved preview expires a day after its last change. It is no longer
/// found from then on, and writing a new preview deletes the member's expired ones, so previews left behind do not pile up.
/// </summary>
public static class PortalDrafts
{
    /// <summary>The member's draft, or null when there is none or it is an expired preview.</summary>
    public static async Task<PortalDraft?> GetLiveDraftAsync(this IPortalStore store, string memberId, string draftId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var draft = await store.GetDraftAsync(memberId, draftId, cancellationToken);
        return draft is null || draft.IsExpired(now) ? null : draft;
    }

    /// <summary>Saves the draft, then deletes the member's expired previews; returns the ids of those deleted.</summary>
    public static async Task<IReadOnlyList<string>> SaveDraftAndExpireAsync(this IPortalStore store, PortalDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(draft);
        await store.SaveDraftAsync(draft, cancellationToken);
        var expired = (await store.ListDraftsAsync(draft.MemberId, cancellationToken)).Where(d => d.Id != draft.Id && d.IsExpired(now)).ToArray();
        foreach (var old in expired)
        {
            await store.DeleteDraftAsync(draft.MemberId, old.Id, cancellationToken);
        }

        return expired.Select(d => d.Id).ToArray();
    }
}
