namespace Newsletter.Core.Portal;

/// <summary>Port: what the member portal keeps beside the upload log and the updates.</summary>
public interface IPortalStore
{
    Task SaveDraftAsync(PortalDraft draft, CancellationToken cancellationToken);

    /// <summary>The member's draft, or null (also for another member's draft id).</summary>
    Task<PortalDraft?> GetDraftAsync(string memberId, string draftId, CancellationToken cancellationToken);

    /// <summary>The member's saved drafts, without their content.</summary>
    Task<IReadOnlyList<PortalDraft>> ListDraftsAsync(string memberId, CancellationToken cancellationToken);

    Task DeleteDraftAsync(string memberId, string draftId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the draft as being submitted at <paramref name="now"/>: true for the one request that may submit it, false when
    /// there is no such draft or another request marked it less than <paramref name="hold"/> ago (a double click, a second tab).
    /// A mark older than that (its request died) no longer holds; saving the draft again clears it.
    /// </summary>
    Task<bool> TryClaimDraftAsync(string memberId, string draftId, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>Remembers who submitted a release in the portal, so its notices go to them.</summary>
    /// <remarks>The address is kept as it was then, so the release's page names its submitter after they leave the member.</remarks>
    Task SaveSubmitterAsync(string memberId, string releaseId, string personId, string address, CancellationToken cancellationToken);

    /// <summary>The submitter's person id, or null for an upload by API key, blob or e-mail.</summary>
    Task<string?> GetSubmitterAsync(string memberId, string releaseId, CancellationToken cancellationToken);

    /// <summary>The submitter's address as it was when they submitted, or null.</summary>
    Task<string?> GetSubmitterAddressAsync(string memberId, string releaseId, CancellationToken cancellationToken);

    /// <summary>Records a request; false, and nothing stored, when a request with its id was recorded before.</summary>
    Task<bool> AddChangeRequestAsync(ChangeRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces a recorded request (same id and time) with its new state, e.g. answered.</summary>
    Task SaveChangeRequestAsync(ChangeRequest request, CancellationToken cancellationToken);

    /// <summary>Change requests, newest first; of one member, or of all with null.</summary>
    Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(string? memberId, CancellationToken cancellationToken);

    Task AddAuditAsync(PortalAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The member's recorded changes, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PortalAuditEntry>> ListAuditAsync(string memberId, int max, CancellationToken cancellationToken);

    Task<NoticeSettings> GetNoticeSettingsAsync(string personId, CancellationToken cancellationToken);

    Task SaveNoticeSettingsAsync(string personId, NoticeSettings settings, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the member's invitation of that person.</summary>
    Task SaveInvitationAsync(PortalInvitation invitation, CancellationToken cancellationToken);

    Task<PortalInvitation?> GetInvitationAsync(string memberId, string personId, CancellationToken cancellationToken);

    /// <summary>The member's invitations, expired ones included.</summary>
    Task<IReadOnlyList<PortalInvitation>> ListInvitationsAsync(string memberId, CancellationToken cancellationToken);

    Task DeleteInvitationAsync(string memberId, string personId, CancellationToken cancellationToken);

    /// <summary>Marks a notice as sent; false when it was marked before (so a retry mails nobody twice).</summary>
    Task<bool> TryMarkNoticeAsync(string memberId, string releaseId, string notice, CancellationToken cancellationToken);

    /// <summary>True when the notice was marked (<see cref="TryMarkNoticeAsync"/>).</summary>
    Task<bool> IsNoticeMarkedAsync(string memberId, string releaseId, string notice, CancellationToken cancellationToken);

    /// <summary>Keeps a release mail about to be queued (the outbox), so one whose queue write failed is queued later; one per release and event.</summary>
    Task SavePendingNoticeAsync(ReleaseNoticeJob job, CancellationToken cancellationToken);

    /// <summary>The release mails kept by <see cref="SavePendingNoticeAsync"/> and not yet cleared, composed before <paramref name="before"/>, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ReleaseNoticeJob>> ListPendingNoticesAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Clears a pending release mail once it is queued; nothing when it is gone.</summary>
    Task DeletePendingNoticeAsync(ReleaseNoticeJob job, CancellationToken cancellationToken);
}
