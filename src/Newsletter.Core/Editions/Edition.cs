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

    /// <summary>How its dispatch ended; null while it has not (or for an edition with nothing to send).</summary>
    public EditionDelivery? Delivery { get; init; }

    /// <summary>
    /// Which compose attempt made the stored edition. Renderings are kept per attempt, so a second
    /// instance composing the same slot a moment later can never overwrite what the winner stored.
    /// </summary>
    public required string Attempt { get; init; }

    public static string IdFor(Frequency frequency, DateTimeOffset slot) =>
        $"{FrequencyName(frequency)}-{slot.UtcDateTime:yyyyMMdd'T'HHmm}";

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

    /// <summary>The rendering of a variant of the stored edition (the attempt that created it).</summary>
    Task<RenderedEdition?> GetRenderingAsync(string editionId, string variantKey, CancellationToken cancellationToken);
}
