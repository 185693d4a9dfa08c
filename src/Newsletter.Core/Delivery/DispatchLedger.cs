namespace Newsletter.Core.Delivery;

/// <summary>Where a chunk stands. <see cref="Sent"/>, <see cref="Failed"/>, <see cref="Unknown"/> and <see cref="Merged"/> are final.</summary>
public enum ChunkState
{
    /// <summary>Readers fixed, not sent yet (or sent and plainly not accepted, so safe to send again).</summary>
    Formed,

    /// <summary>
    /// A dispatcher is sending it since <see cref="DispatchChunk.UpdatedAt"/>. Found like this after
    /// <see cref="DeliveryOptions.InFlightLeaseSeconds"/>, that dispatcher died mid-request: the outcome is unknown.
    /// </summary>
    InFlight,

    /// <summary>The request went out and no answer came (a timeout, a dropped connection): the outcome is unknown.</summary>
    Unanswered,

    /// <summary>Accepted by the provider.</summary>
    Sent,

    /// <summary>Refused for good (a 4xx other than 429), or given up after the last attempt.</summary>
    Failed,

    /// <summary>The outcome stayed unknown and the policy (<see cref="DeliveryOptions.NeverResend"/>) allows no resend.</summary>
    Unknown,

    /// <summary>A remainder whose readers were all sent in merged chunks; its recipients' addresses are no longer kept.</summary>
    Merged,
}

/// <summary>What a ledger row holds.</summary>
public enum ChunkKind
{
    /// <summary>A full chunk of one bucket and variant, sent by the bucket's message.</summary>
    Bucket,

    /// <summary>
    /// The readers of one bucket and variant left over after its full chunks (fewer than a chunk), kept
    /// with their addresses until every bucket has formed its chunks; then each variant's remainders are
    /// cut into <see cref="Merged"/> chunks, so a variant's last request is the only one not full.
    /// </summary>
    Remainder,

    /// <summary>A chunk of one variant's remainders across buckets, sent by the variant's merge message.</summary>
    Merged,
}

/// <summary>Who a personalization goes to: the reader id, the address, and the display name (control characters removed).</summary>
public sealed record Recipient(string Id, string Address, string? Name);

/// <summary>
/// One chunk of an edition's dispatch: up to 1,000 readers of one variant, fixed when the chunk is first
/// formed so a redelivery sends the same readers in the same chunk or not at all. Bucket chunks and
/// remainders carry their reader bucket; merged chunks carry <see cref="EditionDispatcher.MergeBucket"/>
/// of their variant, so each variant's merge is dispatched like one more bucket.
/// </summary>
public sealed record DispatchChunk
{
    public required string EditionId { get; init; }
    public required int Bucket { get; init; }
    public required int Number { get; init; }
    public required string VariantKey { get; init; }
    public required IReadOnlyList<string> ReaderIds { get; init; }
    public ChunkKind Kind { get; init; } = ChunkKind.Bucket;

    /// <summary>A remainder's recipients, in the order of <see cref="ReaderIds"/>; empty for other chunks and once merged.</summary>
    public IReadOnlyList<Recipient> Recipients { get; init; } = [];

    public ChunkState State { get; init; } = ChunkState.Formed;

    /// <summary>Requests made for the chunk so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Resends made after an unknown outcome; each may have doubled the chunk's mail.</summary>
    public int UnknownResends { get; init; }

    public string? Error { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The store's concurrency stamp; two dispatchers never both move a chunk to in-flight.</summary>
    public string? ETag { get; init; }

    public bool IsFinal => State is ChunkState.Sent or ChunkState.Failed or ChunkState.Unknown or ChunkState.Merged;
}

/// <summary>A ledger row without its readers.</summary>
public sealed record ChunkSummary(int Bucket, int Number, string VariantKey, ChunkKind Kind, ChunkState State, int Count, int UnknownResends);

/// <summary>Port: the dispatch ledger.</summary>
public interface IDispatchLedger
{
    /// <summary>Whether the edition's bucket messages were all enqueued.</summary>
    Task<bool> IsStartedAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>Records that every bucket message of the edition is on the queue.</summary>
    Task MarkStartedAsync(string editionId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<DispatchChunk>> ListAsync(string editionId, int bucket, CancellationToken cancellationToken);

    /// <summary>Records that a bucket's message was given up (poisoned): the edition is incomplete.</summary>
    Task MarkIncompleteAsync(string editionId, int bucket, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The buckets given up, in order.</summary>
    Task<IReadOnlyList<int>> IncompleteBucketsAsync(string editionId, CancellationToken cancellationToken);

    IAsyncEnumerable<DispatchChunk> ListEditionAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>Every chunk and remainder of the edition without its readers: what <c>digest status</c> counts.</summary>
    IAsyncEnumerable<ChunkSummary> SummarizeEditionAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a bucket has formed all its chunks and remainders, numbered up to <paramref name="lastNumber"/>;
    /// it forms no more for the edition. Throws <see cref="DispatchConflictException"/> if the bucket was planned already.
    /// </summary>
    Task MarkPlannedAsync(string editionId, int bucket, int lastNumber, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The buckets that have formed all their chunks and remainders, each with the last chunk number it formed:
    /// a remainder numbered above it was written by a late duplicate delivery and is not part of the edition.
    /// </summary>
    Task<IReadOnlyDictionary<int, int>> PlannedBucketsAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>Whether the merge messages of the edition were enqueued.</summary>
    Task<bool> AreMergesStartedAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>Records that the merge messages of the edition are on the queue.</summary>
    Task MarkMergesStartedAsync(string editionId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The remainders of one variant, in bucket and chunk order.</summary>
    IAsyncEnumerable<DispatchChunk> ListRemaindersAsync(string editionId, string variantKey, CancellationToken cancellationToken);

    /// <summary>Inserts new chunks and returns them with their ETags; throws <see cref="DispatchConflictException"/> if any already exists.</summary>
    Task<IReadOnlyList<DispatchChunk>> AddAsync(IReadOnlyList<DispatchChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Marks merged every remainder of the variant that is not yet, dropping its recipients; done again, it changes nothing.</summary>
    Task MarkMergedAsync(string editionId, string variantKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Replaces the chunk if unchanged since read; returns it with its new ETag, or null when someone else changed it first.</summary>
    Task<DispatchChunk?> TryUpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken);
}

/// <summary>Port: puts one dispatch message per bucket on the dispatch queue.</summary>
public interface IDispatchPublisher
{
    Task EnqueueAsync(IReadOnlyList<DispatchRequest> requests, CancellationToken cancellationToken);

    /// <summary>Puts a message back on the queue, to be delivered after <paramref name="delay"/>.</summary>
    Task EnqueueLaterAsync(DispatchRequest request, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>
/// The message of the dispatch queue: send this bucket's readers this edition; a bucket number from
/// <see cref="EditionDispatcher.MergeBucket"/> on means the merged remainders of one variant.
/// </summary>
public sealed record DispatchRequest(string EditionId, int Bucket);

/// <summary>Another dispatcher wrote the same chunk first; the message is retried and finds its work done.</summary>
public sealed class DispatchConflictException(string message, Exception? inner = null) : Exception(message, inner);
