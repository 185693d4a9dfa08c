namespace Newsletter.Core.Delivery;

/// <summary>Where a chunk stands. <see cref="Sent"/>, <see cref="Failed"/> and <see cref="Unknown"/> are final.</summary>
public enum ChunkState
{
    /// <summary>Readers fixed, not sent yet (or sent and plainly not accepted, so safe to send again).</summary>
    Formed,

    /// <summary>A request is (or was, if the dispatcher died) on its way; found like this later, its outcome is unknown.</summary>
    InFlight,

    /// <summary>Accepted by the provider.</summary>
    Sent,

    /// <summary>Refused for good (a 4xx other than 429), or given up after the last attempt.</summary>
    Failed,

    /// <summary>The outcome stayed unknown and the policy allows no (further) resend.</summary>
    Unknown,
}

/// <summary>
/// One chunk of an edition's dispatch: up to 1,000 readers of one bucket and one variant, fixed when
/// the chunk is first formed so a redelivery sends the same readers in the same chunk or not at all.
/// </summary>
public sealed record DispatchChunk
{
    public required string EditionId { get; init; }
    public required int Bucket { get; init; }
    public required int Number { get; init; }
    public required string VariantKey { get; init; }
    public required IReadOnlyList<string> ReaderIds { get; init; }
    public ChunkState State { get; init; } = ChunkState.Formed;

    /// <summary>Requests made for the chunk so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Resends made after an unknown outcome; each may have doubled the chunk's mail.</summary>
    public int UnknownResends { get; init; }

    public string? Error { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The store's concurrency stamp; two dispatchers never both move a chunk to in-flight.</summary>
    public string? ETag { get; init; }

    public bool IsFinal => State is ChunkState.Sent or ChunkState.Failed or ChunkState.Unknown;
}

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

    /// <summary>Inserts new chunks and returns them with their ETags; throws <see cref="DispatchConflictException"/> if any already exists.</summary>
    Task<IReadOnlyList<DispatchChunk>> AddAsync(IReadOnlyList<DispatchChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Replaces the chunk if unchanged since read; returns it with its new ETag, or null when someone else changed it first.</summary>
    Task<DispatchChunk?> TryUpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken);
}

/// <summary>Port: puts one dispatch message per bucket on the dispatch queue.</summary>
public interface IDispatchPublisher
{
    Task EnqueueAsync(IReadOnlyList<DispatchRequest> requests, CancellationToken cancellationToken);
}

/// <summary>The message of the dispatch queue: send this bucket's readers this edition.</summary>
public sealed record DispatchRequest(string EditionId, int Bucket);

/// <summary>Another dispatcher wrote the same chunk first; the message is retried and finds its work done.</summary>
public sealed class DispatchConflictException(string message, Exception? inner = null) : Exception(message, inner);
