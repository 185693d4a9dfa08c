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
/// remainders carry their reader bucket; merged chunks carry <see cref="MergedBucket"/> of their
/// variant, so the ledger keeps them apart from the reader buckets' rows.
/// </summary>
public sealed record DispatchChunk
{
    /// <summary>The ledger bucket of a variant's merged chunks: one past the reader buckets per variant, in the edition's variant order.</summary>
    public static int MergedBucket(int variantIndex) => Subscriptions.ReaderIdentity.Buckets + variantIndex;

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

/// <summary>What the ledger records about an edition's dispatch besides its chunks.</summary>
public sealed record DispatchMarks(
    bool Started,
    bool MergesStarted,
    IReadOnlyDictionary<int, int> PlannedBuckets,
    IReadOnlyList<int> IncompleteBuckets,
    IReadOnlyList<string> IncompleteMerges)
{
    public static DispatchMarks None { get; } = new(false, false, new Dictionary<int, int>(), [], []);

    /// <summary>Every reader bucket has formed its chunks and remainders: the remainders no longer change.</summary>
    public bool AllPlanned => PlannedBuckets.Count >= Subscriptions.ReaderIdentity.Buckets;
}

/// <summary>A step of an edition's dispatch that is done once.</summary>
public enum DispatchStage
{
    /// <summary>Every bucket message of the edition is on the queue.</summary>
    Started,

    /// <summary>The merge messages of the edition are on the queue.</summary>
    MergesStarted,
}

/// <summary>Port: the dispatch ledger.</summary>
public interface IDispatchLedger
{
    /// <summary>The edition's marks: started, merges started, planned and given-up buckets and merges.</summary>
    Task<DispatchMarks> MarksAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>Records that a stage of the edition's dispatch is done; done again, it changes nothing.</summary>
    Task MarkAsync(string editionId, DispatchStage stage, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a bucket has formed all its chunks and remainders, numbered up to <paramref name="lastNumber"/>;
    /// it forms no more for the edition. Throws <see cref="ConflictException"/> if the bucket was planned already.
    /// A remainder numbered above it was written by a late duplicate delivery and is not part of the edition.
    /// </summary>
    Task MarkPlannedAsync(string editionId, int bucket, int lastNumber, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that a bucket's or merge's message was given up (poisoned): the edition is incomplete.</summary>
    Task MarkIncompleteAsync(DispatchWork work, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The chunks and remainders of one ledger bucket (a reader bucket, or <see cref="DispatchChunk.MergedBucket"/>).</summary>
    Task<IReadOnlyList<DispatchChunk>> ListAsync(string editionId, int bucket, CancellationToken cancellationToken);

    /// <summary>Every chunk and remainder of the edition without its readers: what <c>digest status</c> counts.</summary>
    IAsyncEnumerable<ChunkSummary> SummarizeEditionAsync(string editionId, CancellationToken cancellationToken);

    /// <summary>The remainders of one variant, in bucket and chunk order.</summary>
    IAsyncEnumerable<DispatchChunk> ListRemaindersAsync(string editionId, string variantKey, CancellationToken cancellationToken);

    /// <summary>Inserts new chunks and returns them with their ETags; throws <see cref="ConflictException"/> if any already exists.</summary>
    Task<IReadOnlyList<DispatchChunk>> AddAsync(IReadOnlyList<DispatchChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Marks merged every remainder of the variant that is not yet, dropping its recipients; done again, it changes nothing.</summary>
    Task MarkMergedAsync(string editionId, string variantKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Blanks the address and name of one reader in every remainder not yet merged (an erase reaches every
    /// copy): remainders are kept per reader bucket, so only that bucket's rows are looked at. Returns the rows changed.
    /// </summary>
    Task<int> ForgetRecipientAsync(string readerId, int bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the recipients (addresses and names) of every remainder not yet merged and formed before
    /// <paramref name="formedBefore"/>; their reader ids stay, and a merge reads those readers again. Returns the rows changed.
    /// </summary>
    Task<int> ExpireRecipientsAsync(DateTimeOffset formedBefore, CancellationToken cancellationToken);

    /// <summary>Replaces the chunk if unchanged since read; returns it with its new ETag, or null when someone else changed it first.</summary>
    Task<DispatchChunk?> TryUpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken);
}
