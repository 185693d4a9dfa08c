using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;

namespace Newsletter.Core.Updates;

/// <summary>Where an update stands. Only published updates are public and go into editions.</summary>
public enum UpdateStatus
{
    PendingReview,
    Published,
    Rejected,

    /// <summary>Accepted or approved, waiting for its embargo to lift; invisible to the public until then.</summary>
    Scheduled,

    /// <summary>
    /// Taken back by its member or an editor: before it was published (never public), or after (its page
    /// answers 410 with the editor's note, and no listing, feed or archived edition shows it).
    /// </summary>
    Withdrawn,
}

public static class UpdateStatuses
{
    public static string Name(UpdateStatus status) => status switch
    {
        UpdateStatus.PendingReview => "pending-review",
        UpdateStatus.Published => "published",
        UpdateStatus.Rejected => "rejected",
        UpdateStatus.Scheduled => "scheduled",
        UpdateStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static UpdateStatus? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "pending-review" or "pending" => UpdateStatus.PendingReview,
        "published" => UpdateStatus.Published,
        "rejected" => UpdateStatus.Rejected,
        "scheduled" => UpdateStatus.Scheduled,
        "withdrawn" => UpdateStatus.Withdrawn,
        _ => null,
    };
}

/// <summary>One change of an update's status: when, by whom, and why.</summary>
public sealed record StatusChange(DateTimeOffset At, string Actor, string? From, string To, string? Reason = null);

/// <summary>
/// Another member's upload of the same text (a joint release of two universities): it is recorded on the one update, whose
/// status its release then follows and whose mails its contacts get; readers still see one update.
/// </summary>
public sealed record CoSubmission(string MemberId, string ReleaseId, DateTimeOffset At);

/// <summary>A member's release as the network republishes it.</summary>
public sealed record Update
{
    public required string Id { get; init; }
    public required string MemberId { get; init; }

    /// <summary>The upload that created the update.</summary>
    public required string ReleaseId { get; init; }

    /// <summary>The other members who sent the same text, first upload each; the update stays <see cref="MemberId"/>'s to change.</summary>
    public IReadOnlyList<CoSubmission> AlsoSubmittedBy { get; init; } = [];

    public required string Title { get; init; }
    public required DateOnly Date { get; init; }
    public required string Organisation { get; init; }
    public required string Summary { get; init; }
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    public int WordCount { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public string? CanonicalUrl { get; init; }
    public string? Language { get; init; }
    public ReleaseFormat Format { get; init; }
    public required string ContentHash { get; init; }
    public UpdateStatus Status { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<StatusChange> History { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The moment (UTC) before which the update must not be public; null when it has none.</summary>
    public DateTimeOffset? Embargo { get; init; }

    /// <summary>
    /// The one rule of what the public may see (pages, feed, API, editions, previews): published, and past its
    /// embargo. Every public surface asks this, never the status alone.
    /// </summary>
    public bool IsPublicAt(DateTimeOffset now) => Status == UpdateStatus.Published && (Embargo is null || Embargo <= now);

    /// <summary>When an editor last corrected the published text; pages and archived editions say so.</summary>
    public DateTimeOffset? CorrectedAt { get; init; }

    /// <summary>Imported from a member's archive: published, but never news, so no edition sends it.</summary>
    public bool Imported { get; init; }

    /// <summary>The lead image: shown once it is complete (caption, credit, licence); null when the update has none.</summary>
    public UpdateImage? Image { get; init; }

    /// <summary>The image readers may see: a candidate still waiting for its caption, credit and licence is not shown.</summary>
    public UpdateImage? ShownImage => Image is { IsComplete: true } image ? image : null;

    /// <summary>Opaque store version for optimistic concurrency.</summary>
    public string? Version { get; init; }

    /// <summary>The id an update of this content gets: the same content always maps to the same id.</summary>
    public static string IdFor(string contentHash) => "u" + contentHash[..24];

    /// <summary>
    /// The update a parsed release becomes: the release's content as parsed (the member's name where it names no
    /// organisation), dated <paramref name="date"/>, in <paramref name="status"/> with that as its first history entry.
    /// The one place an update is built from a release, for uploads and archive imports alike.
    /// </summary>
    public static Update FromRelease(ParsedRelease release, Member member, string releaseId, DateOnly date,
        UpdateStatus status, string actor, string reason, DateTimeOffset now) => new()
    {
        Id = IdFor(release.ContentHash),
        MemberId = member.Id,
        ReleaseId = releaseId,
        Title = release.Title,
        Date = date,
        Organisation = release.Organisation ?? member.DisplayName,
        Summary = release.Summary,
        BodyHtml = release.BodyHtml,
        BodyText = release.BodyText,
        WordCount = release.WordCount,
        Topics = release.Topics,
        CanonicalUrl = release.CanonicalUrl,
        Language = release.Language,
        Format = release.Format,
        ContentHash = release.ContentHash,
        Status = status,
        Warnings = release.Warnings,
        History = [new StatusChange(now, actor, null, UpdateStatuses.Name(status), reason)],
        CreatedAt = now,
        PublishedAt = status == UpdateStatus.Published ? now : null,
    };
}

/// <summary>Port: where updates are kept.</summary>
public interface IUpdateStore
{
    /// <summary>Adds the update unless one with its id exists; false then. The basis of duplicate detection.</summary>
    Task<bool> TryAddAsync(Update update, CancellationToken cancellationToken);

    /// <summary>
    /// Adds many updates as <see cref="TryAddAsync"/> does each (an archive import); for each, null when it was added, else
    /// the status of the one with its id that was already in (an import tells a release an editor rejected from one that
    /// is published). A store may group the writes; a failure part-way can be retried without duplicates.
    /// </summary>
    async Task<IReadOnlyList<UpdateStatus?>> TryAddManyAsync(IReadOnlyList<Update> batch, CancellationToken cancellationToken)
    {
        var added = new UpdateStatus?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            added[i] = await TryAddAsync(batch[i], cancellationToken) ? null : (await GetAsync(batch[i].Id, cancellationToken))?.Status ?? batch[i].Status;
        }

        return added;
    }

    Task<Update?> GetAsync(string updateId, CancellationToken cancellationToken);

    /// <summary>Replaces an update read earlier; throws <see cref="ConflictException"/> if it changed since.</summary>
    Task SaveAsync(Update update, CancellationToken cancellationToken);

    /// <summary>
    /// Scheduled updates whose embargo has lifted by <paramref name="upTo"/>, without their bodies: the ones to publish now.
    /// </summary>
    Task<IReadOnlyList<Update>> ListDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>
    /// Published updates whose publication falls in (<paramref name="after"/>, <paramref name="upTo"/>],
    /// without their bodies (editions show summaries).
    /// </summary>
    Task<IReadOnlyList<Update>> ListPublishedAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>Updates with the given status, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Update>> ListAsync(UpdateStatus? status, int max, CancellationToken cancellationToken);
}
