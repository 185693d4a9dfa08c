using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// Sends one chunk, as its ledger row allows: a chunk in flight belongs to the dispatcher sending it
/// for <see cref="DeliveryOptions.InFlightLeaseSeconds"/>; one whose request went out without an answer
/// is resent or given up by <see cref="DeliveryOptions.UnknownOutcome"/>, and every resend is counted.
/// A chunk is marked in flight before its request and sent after a 2xx, so a retried or redelivered
/// message sends only what is not yet sent. <see cref="Begin"/> opens a pass that sends chunks with
/// bounded concurrency and counts what they came to.
/// </summary>
public sealed partial class ChunkSender(
    IDispatchLedger ledger,
    IEditionStore editions,
    IBulkMailSender sender,
    DigestMessageFactory messages,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<ChunkSender> logger)
{
    /// <summary>
    /// A chunk in flight with this many requests already made is not waited for by putting the message
    /// back (which starts its retries afresh): its message fails instead and ends in the poison queue, so a
    /// chunk whose sends keep dying marks the edition incomplete rather than going round for ever. The queue's
    /// own limit, so a chunk gets as many tries as a message does.
    /// </summary>
    public const int MaxAttemptsBeforePoison = QueueDelivery.MaxAttempts;

    /// <summary>A pass over one message's chunks: at most <see cref="DeliveryOptions.MaxConcurrentRequests"/> requests at once.</summary>
    public ChunkPass Begin(Edition edition, DispatchProgress? progress) => new(this, edition, progress, options.Value.MaxConcurrentRequests);

    /// <summary>When the lease of a chunk another dispatcher is sending runs out; null when nobody is sending it.</summary>
    public DateTimeOffset? BusyUntil(DispatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return chunk.State == ChunkState.InFlight && chunk.UpdatedAt is { } since && since + Lease > time.GetUtcNow() ? since + Lease : null;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.InFlightLeaseSeconds);

    internal async Task<DispatchChunk> SendAsync(
        Edition edition, DispatchChunk chunk, IReadOnlyList<Recipient> recipients, ChunkPass.Renderings renderings, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        if (BusyUntil(chunk) is not null)
        {
            // Another dispatcher is sending it (a duplicate message); leave it to that one.
            return chunk;
        }

        var resend = 0;
        if (chunk.State is ChunkState.Unanswered or ChunkState.InFlight)
        {
            // A request went out earlier and its answer never came back (or its dispatcher died sending it).
            if (options.Value.UnknownOutcome == DeliveryOptions.NeverResend)
            {
                LogUnknownGivenUp(edition.Id, chunk.Bucket, chunk.Number, chunk.ReaderIds.Count);
                return await UpdateAsync(chunk with { State = ChunkState.Unknown, Error = "outcome unknown; not resent" }, cancellationToken) ?? chunk;
            }

            resend = 1;
            LogUnknownResent(edition.Id, chunk.Bucket, chunk.Number, chunk.ReaderIds.Count);
        }

        var rendering = await renderings.GetOrAdd(chunk.VariantKey, k => editions.GetRenderingAsync(edition.Id, k, cancellationToken));
        if (rendering is null)
        {
            return await UpdateAsync(chunk with { State = ChunkState.Failed, Error = $"rendering of variant {chunk.VariantKey} is missing" }, cancellationToken) ?? chunk;
        }

        var inFlight = await UpdateAsync(chunk with
        {
            State = ChunkState.InFlight, Attempts = chunk.Attempts + 1, UnknownResends = chunk.UnknownResends + resend,
        }, cancellationToken);
        if (inFlight is null)
        {
            // Another dispatcher moved it first (a duplicate message) and is sending it now.
            return chunk with { State = ChunkState.InFlight, UpdatedAt = time.GetUtcNow() };
        }

        BulkSendResult result;
        if (recipients.Count == 0)
        {
            result = BulkSendResult.Accepted;
        }
        else
        {
            try
            {
                result = await sender.SendAsync(messages.Message(edition, rendering, recipients), cancellationToken);
            }
            catch (Exception ex)
            {
                // Stopping, or the transport failed in a way it does not report as an answer: the request may
                // have gone out. Recorded as unanswered (best effort), so the next delivery applies the
                // unknown-outcome policy at once instead of waiting for the lease of a dispatcher that is gone.
                await RecordUnansweredAsync(inFlight, ex);
                throw;
            }
        }

        var done = result.Status switch
        {
            BulkSendStatus.Accepted => inFlight with { State = ChunkState.Sent, Error = null },
            BulkSendStatus.Rejected => inFlight with { State = ChunkState.Failed, Error = result.Detail },
            BulkSendStatus.NotAccepted => inFlight with { State = ChunkState.Formed, Error = result.Detail },
            // The next delivery of the message applies the unknown-outcome policy.
            _ => inFlight with { State = ChunkState.Unanswered, Error = result.Detail ?? "outcome unknown" },
        };
        if (result.Status == BulkSendStatus.Rejected)
        {
            LogRejected(edition.Id, chunk.Bucket, chunk.Number, result.Detail);
        }

        progress?.Add(done.State == ChunkState.Sent ? recipients.Count : 0, done.State == ChunkState.Failed ? recipients.Count : 0, recipients.Count > 0);
        // Changed by someone else meanwhile (only after our lease ran out): we no longer know its state; pending.
        return await UpdateAsync(done, cancellationToken) ?? (done with { State = ChunkState.Formed });
    }

    private async Task RecordUnansweredAsync(DispatchChunk inFlight, Exception failure)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await UpdateAsync(inFlight with { State = ChunkState.Unanswered, Error = $"{failure.GetType().Name}: {failure.Message}" }, limit.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage is not answering either: the chunk stays in flight and is taken over after its lease.
            LogUnansweredNotRecorded(inFlight.EditionId, inFlight.Bucket, inFlight.Number, ex.Message);
        }
    }

    private async Task<DispatchChunk?> UpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken) =>
        await ledger.TryUpdateAsync(chunk with { UpdatedAt = time.GetUtcNow() }, cancellationToken);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: could not record the unanswered request ({Reason}); it is taken over after its lease")]
    private partial void LogUnansweredNotRecorded(string editionId, int bucket, int chunk, string reason);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, resending to {Recipients} recipients (counted)")]
    private partial void LogUnknownResent(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, not resent ({Recipients} recipients)")]
    private partial void LogUnknownGivenUp(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} bucket {Bucket} chunk {Chunk} rejected: {Detail}")]
    private partial void LogRejected(string editionId, int bucket, int chunk, string? detail);
}
