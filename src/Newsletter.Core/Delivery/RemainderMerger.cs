using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// Merges each variant's remainders across buckets: once every bucket is planned, one merge message per
/// variant with mail is enqueued, and its delivery reads that variant's remainders in bucket order and
/// cuts them into chunks of <see cref="DeliveryOptions.ChunkSize"/>. The cut depends only on the
/// remainders, which no longer change once every bucket is planned, so a redelivered or duplicate merge
/// message forms the same chunks and sends only those not yet accepted. When every merged chunk is final,
/// the remainders drop their addresses.
/// </summary>
public sealed partial class RemainderMerger(
    IReaderStore readers,
    IDispatchLedger ledger,
    IDispatchPublisher queue,
    ChunkSender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<RemainderMerger> logger)
{
    /// <summary>A remainder older than this is checked against the readers before its merged chunks are sent.</summary>
    private static readonly TimeSpan RemainderFreshness = TimeSpan.FromHours(1);

    /// <summary>One merge message per variant with mail.</summary>
    public static MergeRequest[] Requests(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return edition.Variants.Where(v => !v.Skipped).Select(v => new MergeRequest(edition.Id, v.Key)).ToArray();
    }

    /// <summary>
    /// Once every bucket is planned, enqueues the merge messages unless that was done (enqueued before the
    /// mark: a crash in between enqueues them twice, which is harmless). Called on every bucket delivery,
    /// not only the one that planned last: that one may have died right after.
    /// </summary>
    public async Task EnqueueWhenPlannedAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var marks = await ledger.MarksAsync(edition.Id, cancellationToken);
        if (!marks.AllPlanned || marks.MergesStarted)
        {
            return;
        }

        await queue.EnqueueAsync(Requests(edition), cancellationToken);
        await ledger.MarkAsync(edition.Id, DispatchStage.MergesStarted, time.GetUtcNow(), cancellationToken);
        LogMergesStarted(edition.Id);
    }

    /// <summary>Sends one variant's merged remainders. Throws <see cref="InvalidOperationException"/> while a bucket is not yet planned.</summary>
    public async Task<DispatchOutcome> SendAsync(Edition edition, MergeRequest request, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(request);
        var index = edition.Variants.Select(v => v.Key).ToList().IndexOf(request.VariantKey);
        if (index < 0 || edition.Variants[index].Skipped)
        {
            return DispatchOutcome.Nothing(request);
        }

        var planned = (await ledger.MarksAsync(edition.Id, cancellationToken)).PlannedBuckets;
        if (planned.Count < ReaderIdentity.Buckets)
        {
            throw new InvalidOperationException(
                $"Edition {edition.Id}: {planned.Count} of {ReaderIdentity.Buckets} buckets have formed their chunks; remainders are merged once all have.");
        }

        var key = request.VariantKey;
        var mergeBucket = DispatchChunk.MergedBucket(index);
        var size = options.Value.ChunkSize;
        var existing = (await ledger.ListAsync(edition.Id, mergeBucket, cancellationToken)).ToDictionary(c => c.Number);
        using var pass = sender.Begin(edition, progress);
        var number = 0;
        var ids = new List<string>(size);
        var recipients = new List<Recipient>(size);

        async Task EmitAsync(CancellationToken ct)
        {
            var chunk = existing.GetValueOrDefault(number) ?? await AddOrGetAsync(new DispatchChunk
            {
                EditionId = edition.Id, Bucket = mergeBucket, Number = number, VariantKey = key, Kind = ChunkKind.Merged,
                ReaderIds = ids, UpdatedAt = time.GetUtcNow(),
            }, ct);
            if (!chunk.ReaderIds.SequenceEqual(ids, StringComparer.Ordinal))
            {
                // The cut depends only on the planned remainders; a difference means the ledger was changed by hand.
                throw new InvalidOperationException($"Edition {edition.Id}: merged chunk {number} of variant {key} does not hold the readers its remainders give.");
            }

            number++;
            if (chunk.IsFinal)
            {
                pass.Count(chunk);
                return;
            }

            var byId = recipients.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var batch = chunk.ReaderIds.Select(id => byId.GetValueOrDefault(id)).OfType<Recipient>().ToArray();
            await pass.SendAsync(chunk, batch, ct);
        }

        try
        {
            await foreach (var remainder in ledger.ListRemaindersAsync(edition.Id, key, cancellationToken))
            {
                if (remainder.Number > planned[remainder.Bucket])
                {
                    // Written by a late duplicate delivery after the bucket was planned: not part of the edition.
                    continue;
                }

                // The cut is positional: these readers fall in merged chunks first..last; when those are all
                // final, nothing of this remainder is sent again and its readers need no second look.
                var first = ((number * size) + ids.Count) / size;
                var last = ((number * size) + ids.Count + remainder.ReaderIds.Count - 1) / size;
                var settled = Enumerable.Range(first, last - first + 1).All(n => existing.GetValueOrDefault(n) is { IsFinal: true });
                var kept = settled ? remainder.Recipients : await StillMailableAsync(edition, remainder, cancellationToken);
                for (var i = 0; i < remainder.ReaderIds.Count; i++)
                {
                    ids.Add(remainder.ReaderIds[i]);
                    if (i < kept.Count && kept[i] is { Address.Length: > 0 } recipient)
                    {
                        recipients.Add(recipient);
                    }

                    if (ids.Count == size)
                    {
                        await EmitAsync(cancellationToken);
                        ids = new List<string>(size);
                        recipients = new List<Recipient>(size);
                    }
                }
            }

            if (ids.Count > 0)
            {
                await EmitAsync(cancellationToken);
            }
        }
        finally
        {
            await pass.DrainAsync();
        }

        await pass.WhenAllAsync();
        var outcome = pass.Outcome(request, 0);
        if (outcome.Complete)
        {
            await ledger.MarkMergedAsync(edition.Id, key, time.GetUtcNow(), cancellationToken);
        }

        return outcome;

        async Task<DispatchChunk> AddOrGetAsync(DispatchChunk chunk, CancellationToken ct)
        {
            try
            {
                return (await ledger.AddAsync([chunk], ct))[0];
            }
            catch (ConflictException)
            {
                // A duplicate merge message formed it first; the cut is the same, so its chunk is ours.
                return (await ledger.ListAsync(edition.Id, mergeBucket, ct)).Single(c => c.Number == chunk.Number);
            }
        }
    }

    /// <summary>
    /// A remainder's recipients as they may be mailed now. Normally the merge follows the bucket within
    /// minutes and the kept addresses are used as they are; when it comes later (a bucket given up and
    /// sent by <c>digest send</c> days after), each reader is read again, and one who left, bounced,
    /// complained, erased their data or changed frequency in between gets nothing (null in the list).
    /// </summary>
    private async Task<IReadOnlyList<Recipient?>> StillMailableAsync(Edition edition, DispatchChunk remainder, CancellationToken cancellationToken)
    {
        if (remainder.Recipients.Count > 0 && remainder.UpdatedAt is { } formed && time.GetUtcNow() - formed <= RemainderFreshness)
        {
            return remainder.Recipients;
        }

        // Stale, or its addresses expired (Delivery:RemainderRetentionDays): each reader is read again by id.
        var current = new Recipient?[remainder.ReaderIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, current.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var reader = await readers.GetAsync(remainder.ReaderIds[i], remainder.Bucket, ct);
                current[i] = reader is { IsMailable: true } && reader.Frequency == edition.Frequency ? DigestMessageFactory.RecipientOf(reader) : null;
            });
        return current;
    }

    /// <summary>
    /// Drops the addresses kept in remainders formed longer ago than <see cref="DeliveryOptions.RemainderRetentionDays"/>
    /// and not merged yet (an edition given up, never sent in full): a later merge reads those readers again.
    /// </summary>
    public async Task<int> ExpireAddressesAsync(CancellationToken cancellationToken)
    {
        var expired = await ledger.ExpireRecipientsAsync(time.GetUtcNow() - TimeSpan.FromDays(options.Value.RemainderRetentionDays), cancellationToken);
        if (expired > 0)
        {
            LogExpired(expired, options.Value.RemainderRetentionDays);
        }

        return expired;
    }

    [LoggerMessage(LogLevel.Information, "Addresses dropped from {Remainders} remainders not merged within {Days} days")]
    private partial void LogExpired(int remainders, int days);

    [LoggerMessage(LogLevel.Information, "Every bucket of {EditionId} has formed its chunks: merge messages enqueued for the remainders")]
    private partial void LogMergesStarted(string editionId);
}
