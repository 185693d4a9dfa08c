using Newsletter.Core.Releases;

namespace Newsletter.Core.Portal;

/// <summary>A press contact named under a release: who journalists call.</summary>
public sealed record PressContact(string Name, string Email, string Phone)
{
    public bool IsEmpty => Name.Length == 0 && Email.Length == 0 && Phone.Length == 0;
}

/// <summary>
/// The fields of the portal's release form, as the contact typed them (kept as typed, so a form sent back
/// with a problem shows what was entered), the lead image's details among them (the file itself is kept with the draft).
/// </summary>
public sealed record ReleaseForm
{
    public string Title { get; init; } = string.Empty;

    /// <summary>yyyy-MM-dd, or empty for "the upload date".</summary>
    public string Date { get; init; } = string.Empty;

    public string Summary { get; init; } = string.Empty;

    /// <summary>Markdown; plain paragraphs separated by blank lines are Markdown too.</summary>
    public string Body { get; init; } = string.Empty;

    public IReadOnlyList<string> Topics { get; init; } = [];
    public string CanonicalUrl { get; init; } = string.Empty;
    public IReadOnlyList<PressContact> Contacts { get; init; } = [];

    /// <summary>The embargo's day (yyyy-MM-dd), time (HH:mm) and IANA zone (empty: <c>App:TimeZone</c>); all empty for none. See <see cref="EmbargoFields"/>.</summary>
    public string EmbargoDate { get; init; } = string.Empty;

    public string EmbargoTime { get; init; } = string.Empty;

    public string EmbargoZone { get; init; } = string.Empty;

    /// <summary>In the autumn fold, which of the two moments: "earlier" or "later".</summary>
    public string EmbargoFold { get; init; } = string.Empty;

    /// <summary>The lead image's caption, credit, licence code (<see cref="Media.ImageLicences"/>) and alt text, as typed.</summary>
    public string ImageCaption { get; init; } = string.Empty;

    public string ImageCredit { get; init; } = string.Empty;

    public string ImageLicence { get; init; } = string.Empty;

    public string ImageAlt { get; init; } = string.Empty;

    /// <summary>Drop the image chosen for an earlier preview of the draft.</summary>
    public bool RemoveImage { get; init; }
}

/// <summary>Where a form field went wrong, for the message beside it.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// A release prepared in the portal and not yet submitted: the bytes to upload (the dropped file, or the
/// form written as a JSON release) and, for a form, the fields to edit again. Saved drafts are listed under
/// "My releases"; a preview that was never saved stays out of the list.
/// </summary>
public sealed record PortalDraft
{
    public required string Id { get; init; }
    public required string MemberId { get; init; }

    /// <summary>The contact who prepared it; the notices of its release go to them.</summary>
    public required string PersonId { get; init; }

    public required string FileName { get; init; }
    public string? ContentType { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>The form it was written from; null for a dropped file.</summary>
    public ReleaseForm? Form { get; init; }

    /// <summary>The release waiting for review that this draft replaces once submitted.</summary>
    public string? ReplacesReleaseId { get; init; }

    public bool Saved { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Its title as last parsed, for the list.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>How long a preview that was neither saved nor submitted is kept after its last change.</summary>
    public static readonly TimeSpan UnsavedLifetime = TimeSpan.FromDays(1);

    /// <summary>An unsaved preview older than <see cref="UnsavedLifetime"/>: gone for every page, and deleted by the next preview written.</summary>
    public bool IsExpired(DateTimeOffset now) => !Saved && now - UpdatedAt > UnsavedLifetime;
}

/// <summary>Where one of the member's releases stands, in the words of the portal.</summary>
public enum PortalStatus
{
    Draft,
    Processing,
    PendingReview,

    /// <summary>Accepted or approved, waiting for its embargo to lift.</summary>
    Scheduled,
    Published,
    Rejected,
    Withdrawn,
    Duplicate,
}

public static class PortalStatuses
{
    public static IReadOnlyList<PortalStatus> All { get; } = Enum.GetValues<PortalStatus>();

    public static string Name(PortalStatus status) => status switch
    {
        PortalStatus.PendingReview => "pending-review",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Label(PortalStatus status) => status switch
    {
        PortalStatus.PendingReview => "Pending review",
        _ => status.ToString(),
    };

    /// <summary>The words for a status named as the pipeline names it ("pending-review": "Pending review"); another name as it is.</summary>
    public static string LabelOf(string name) => Parse(name) is { } status ? Label(status) : name;

    public static PortalStatus? Parse(string? name) => All.Cast<PortalStatus?>().FirstOrDefault(s => Name(s!.Value) == name?.Trim().ToLowerInvariant());
}

/// <summary>One line of "My releases": a saved draft or an upload, with its status.</summary>
public sealed record PortalRelease
{
    /// <summary>The release id, or for a draft the draft id.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }
    public required PortalStatus Status { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? FileName { get; init; }
    public string? UpdateId { get; init; }

    /// <summary>The public page, once published.</summary>
    public string? PublicUrl { get; init; }

    public Rejection? Rejection { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>When its embargo lifts, while it is not yet public.</summary>
    public DateTimeOffset? Embargo { get; init; }

    /// <summary>The contact who submitted it in the portal (their address then); null for a draft or an upload by API key, blob or e-mail.</summary>
    public string? SubmittedBy { get; init; }

    /// <summary>
    /// A joint release: another member sent the same text first, and this upload is recorded on that member's update. It
    /// follows the update's status; editing or withdrawing it is that member's (or the editors').
    /// </summary>
    public bool Joint { get; init; }

    /// <summary>A draft or a release of its own waiting for review: the member may still edit or withdraw it.</summary>
    public bool Editable => !Joint && Status is PortalStatus.Draft or PortalStatus.PendingReview;
}

/// <summary>A page of "My releases".</summary>
public sealed record PortalReleasePage(IReadOnlyList<PortalRelease> Items, PortalStatus? Filter, int Page, bool HasMore, IReadOnlyDictionary<PortalStatus, int> Counts);

/// <summary>What a member asks the editors to do with a published release.</summary>
public enum ChangeRequestKind
{
    Correction,
    Withdrawal,
}

/// <summary>
/// A correction or withdrawal request for a published release, for the editors (the console lists the open ones).
/// It is answered when an editor corrects or withdraws the update: <see cref="AnsweredAt"/> says when, and how.
/// </summary>
public sealed record ChangeRequest(
    string Id, string MemberId, string ReleaseId, string? UpdateId, ChangeRequestKind Kind, string Text, string PersonId, string Address, DateTimeOffset At,
    DateTimeOffset? AnsweredAt = null, string? AnsweredBy = null, string? Answer = null)
{
    public bool IsOpen => AnsweredAt is null;
}

/// <summary>One recorded change by a member's administrator (contacts, API keys).</summary>
public sealed record PortalAuditEntry(DateTimeOffset At, string MemberId, string Actor, string Action, string Detail);

/// <summary>Which release mails a contact gets.</summary>
public sealed record NoticeSettings(bool OwnReleases = true, bool OtherUploads = false)
{
    public static NoticeSettings Default { get; } = new();
}
