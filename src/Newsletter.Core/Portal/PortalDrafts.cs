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

    /// <summary>The rejection code of a new draft beyond <see cref="PortalOptions"/>' limits.</summary>
    public const string TooManyDrafts = "too-many-drafts";

    /// <summary>
    /// Null when <paramref name="contact"/> may start one more draft of the member; else why not. Drafts count while they
    /// live (saved, or a preview of the last day); the contact's own and all the member's contacts' together.
    /// </summary>
    public static async Task<Releases.Rejection?> RoomForAnotherAsync(this IPortalStore store, string memberId, string contact, PortalOptions limits,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(limits);
        var live = (await store.ListDraftsAsync(memberId, cancellationToken)).Where(d => !d.IsExpired(now)).ToArray();
        var own = live.Count(d => d.PersonId == contact);
        return own >= limits.MaxDraftsPerContact
            ? new Releases.Rejection(TooManyDrafts, $"You have {own:N0} drafts and previews, the most one contact may keep. Submit or delete some under My releases (Drafts), then try again; nothing else was changed.")
            : live.Length >= limits.MaxDraftsPerMember
            ? new Releases.Rejection(TooManyDrafts, $"Your organisation's contacts have {live.Length:N0} drafts and previews, the most a member may keep. Submit or delete some under My releases (Drafts), then try again; nothing else was changed.")
            : null;
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
