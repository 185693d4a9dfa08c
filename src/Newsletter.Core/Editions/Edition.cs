using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editions;

/// <summary>Where an edition stands.</summary>
public enum EditionStatus
{
    /// <summary>Rendered; waiting to be dispatched.</summary>
    Composed,

    /// <summary>Nothing was published in its window: nothing is sent (the reason says so).</summary>
    Empty,
}

/// <summary>Whether an edition waits for an editor (<c>Digest:RequireApproval</c>) and what the editor decided.</summary>
public enum EditionApproval
{
    /// <summary>Sent as composed: approval was not required when it was composed.</summary>
    NotRequired,

    /// <summary>Composed and held: nothing is sent until an editor approves it (or skips it).</summary>
    Held,

    /// <summary>An editor approved it: it is sent as any edition.</summary>
    Approved,

    /// <summary>Never sent: an editor skipped it, or the next edition of its frequency took its place; its updates go into that next edition.</summary>
    Skipped,
}

/// <summary>Who decided about a held edition, when, and (for one skipped by the next edition) why.</summary>
public sealed record EditionDecision(string Actor, DateTimeOffset At, string? Note = null);

/// <summary>How an edition's dispatch ended, once it did.</summary>
public enum DeliveryOutcome
{
    /// <summary>Every recipient's chunk is final; <see cref="EditionDelivery.Sent"/> of them were accepted.</summary>
    Sent,

    /// <summary>A bucket or merge was given up after its last attempt; some recipients are still pending.</summary>
    Incomplete,
}

/// <summary>What an edition's dispatch came to, recorded on the edition when it settles (the archive lists editions that went to someone).</summary>
public sealed record EditionDelivery(DeliveryOutcome Outcome, int Sent, DateTimeOffset At);

/// <summary>One topic set among the readers, rendered once for all of them.</summary>
public sealed record EditionVariant(string Key, IReadOnlyList<string> Topics, IReadOnlyList<string> UpdateIds, int Readers, string Subject)
{
    /// <summary>A variant whose readers' topics match no update of the edition: they get nothing.</summary>
    public bool Skipped => UpdateIds.Count == 0;
}

/// <summary>One issue of the daily or weekly digest: the updates published in its window.</summary>
public sealed record Edition
{
    public required string Id { get; init; }
    public required Frequency Frequency { get; init; }

    /// <summary>The timer slot the edition belongs to; one edition per (frequency, slot).</summary>
    public required DateTimeOffset ScheduledFor { get; init; }

    /// <summary>Updates published after this moment (exclusive) ...</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>... and up to this one (inclusive). The next edition of the frequency starts here.</summary>
    public required DateTimeOffset Cutoff { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required EditionStatus Status { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<EditionItem> Items { get; init; } = [];
    public IReadOnlyList<EditionVariant> Variants { get; init; } = [];

    /// <summary>Whether it waits for an editor's approval, and what was decided.</summary>
    public EditionApproval Approval { get; init; } = EditionApproval.NotRequired;

    /// <summary>The editor's decision on a held edition; null while it is held (or when it never was).</summary>
    public EditionDecision? Decision { get; init; }

    /// <summary>Neither held for an editor nor skipped: its dispatch may start.</summary>
    public bool MaySend => Approval is EditionApproval.NotRequired or EditionApproval.Approved;

    /// <summary>How its dispatch ended; null while it has not (or for an edition with nothing to send).</summary>
    public EditionDelivery? Delivery { get; init; }

    /// <summary>
    /// Which compose attempt made the stored edition. Renderings are kept per attempt, so a second
    /// instance composing the same slot a moment later can never overwrite what the winner stored.
    /// </summary>
    public required string Attempt { get; init; }

    public static string IdFor(Frequency frequency, DateTimeOffset slot) =>
        $"{FrequencyName(frequency)}-{slot.UtcDateTime:yyyyMMdd'T'HHmm}";

    /// <summary>Whether <paramref name="id"/> has the shape <see cref="IdFor"/> gives (daily-20261130T0700): anything else names no edition.</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= 20 } && System.Text.RegularExpressions.Regex.IsMatch(id, "^(daily|weekly)-[0-9]{8}T[0-9]{4}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="key"/> has the shape of a variant key (<c>all</c>, or <c>t</c> and 12 hex digits).</summary>
    public static bool IsWellFormedVariantKey(string? key) =>
        key is { Length: > 0 and <= 13 } && System.Text.RegularExpressions.Regex.IsMatch(key, "^(all|t[0-9a-f]{12})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static string FrequencyName(Frequency frequency) => frequency == Frequency.Daily ? "daily" : "weekly";
}

/// <summary>Port: where editions and their renderings are kept.</summary>
public interface IEditionStore
{
    /// <summary>Creates the edition unless one with its id exists (another timer fire, another instance); false then.</summary>
    Task<bool> TryCreateAsync(Edition edition, CancellationToken cancellationToken);

    Task<Edition?> GetAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>The latest edition of the frequency scheduled before <paramref name="before"/>, if any.</summary>
    Task<Edition?> LatestAsync(Frequency frequency, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Editions, newest first.</summary>
    Task<IReadOnlyList<Edition>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>Stores one variant's rendering for a compose attempt, before the edition itself is created.</summary>
    Task SaveRenderingAsync(string editionId, string attempt, string variantKey, RenderedEdition rendering, CancellationToken cancellationToken);

    /// <summary>Records how the edition's dispatch ended (again: the latest wins, e.g. an incomplete edition sent later).</summary>
    Task RecordDeliveryAsync(string editionId, EditionDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Records a decision (<see cref="EditionApproval.Approved"/> or <see cref="EditionApproval.Skipped"/>) on an edition that is
    /// still held, and only then: false when it is not held (decided already, never held, unknown), so two deciders never both win.
    /// </summary>
    Task<bool> TryDecideAsync(string editionId, EditionApproval decision, EditionDecision by, CancellationToken cancellationToken);

    /// <summary>The rendering of a variant of the stored edition (the attempt that created it).</summary>
    Task<RenderedEdition?> GetRenderingAsync(string editionId, string variantKey, CancellationToken cancellationToken);
}
