using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>What one bucket's dispatch did, in recipients (personalizations) and chunks.</summary>
public sealed record BucketOutcome(int Bucket, int Chunks, int Sent, int Failed, int Unknown, int Pending, int UnknownResends, int NoVariant)
{
    public bool Complete => Pending == 0;

    /// <summary>Recipients (counted in <see cref="Pending"/>) in chunks another dispatcher is sending right now.</summary>
    public int Busy { get; init; }

    /// <summary>When the last of those chunks' leases runs out, if any.</summary>
    public DateTimeOffset? BusyUntil { get; init; }

    /// <summary>The most requests made for any of those chunks.</summary>
    public int BusyAttempts { get; init; }
}

/// <summary>An edition's dispatch as the ledger records it, in recipients; <see cref="UnknownResends"/> counts chunks.</summary>
public sealed record DispatchStatus(string EditionId, bool Started, int Chunks, int Sent, int Failed, int Unknown, int Pending, int UnknownResends)
{
    /// <summary>Buckets whose queue message was given up after its last attempt; empty when none.</summary>
    public IReadOnlyList<int> IncompleteBuckets { get; init; } = [];

    public bool Incomplete => IncompleteBuckets.Count > 0;

    /// <summary>Of <see cref="Pending"/>: recipients in chunks a dispatcher is sending (or was, until its lease ends).</summary>
    public int InFlight { get; init; }

    /// <summary>Of <see cref="Pending"/>: recipients in chunks whose last request got no answer; the next delivery resends them.</summary>
    public int Unanswered { get; init; }

    public int Recipients => Sent + Failed + Unknown + Pending;
}

/// <summary>Live counters a caller can watch while buckets are sent (the CLI's progress line).</summary>
public sealed class DispatchProgress
{
    private int _sent;
    private int _failed;
    private int _requests;

    public int Sent => Volatile.Read(ref _sent);
    public int Failed => Volatile.Read(ref _failed);
    public int Requests => Volatile.Read(ref _requests);

    internal void Add(int sent, int failed, bool requested)
    {
        Interlocked.Add(ref _sent, sent);
        Interlocked.Add(ref _failed, failed);
        if (requested)
        {
            Interlocked.Increment(ref _requests);
        }
    }
}

/// <summary>Some chunks of a bucket were not accepted this time; the queue message is retried and sends only those.</summary>
public sealed class DispatchIncompleteException(BucketOutcome outcome)
    : Exception($"Bucket {outcome.Bucket}: {outcome.Pending} recipients in chunks not yet accepted; the message will be retried.")
{
    public BucketOutcome Outcome { get; } = outcome;
}

/// <summary>
/// Sends an edition: <see cref="StartAsync"/> puts one message per reader bucket on the dispatch queue;
/// <see cref="DispatchBucketAsync"/> sends one bucket. The bucket's mailable readers of the edition's
/// frequency are streamed in key order, mapped to their variant, and each full chunk of
/// <see cref="DeliveryOptions.ChunkSize"/> is written to the ledger with its readers and sent while the
/// stream goes on. What is left of each variant (fewer than a chunk) is kept as a remainder; once every
/// bucket is planned, one merge message per variant cuts that variant's remainders across all buckets
/// into chunks, so an edition takes at most one request per variant more than its recipients need.
/// A chunk is marked in flight before its request and sent after a 2xx, so a retried or redelivered
/// message sends only what is not yet sent. A chunk found in flight had a request whose answer never
/// arrived: <see cref="DeliveryOptions.UnknownOutcome"/> decides whether it is resent and every such
/// resend is counted.
/// </summary>
public sealed partial class EditionDispatcher(
    IEditionStore editions,
    IReaderStore readers,
    IDispatchLedger ledger,
    IDispatchPublisher queue,
    IBulkMailSender sender,
    TokenService tokens,
    Links links,
    IOptions<DeliveryOptions> options,
    IOptions<MailOptions> mail,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<EditionDispatcher> logger)
{
    /// <summary>Enqueues the edition's bucket messages unless that was done before. Does nothing for an edition with nothing to send.</summary>
    public async Task<bool> StartAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (!HasMail(edition) || await ledger.IsStartedAsync(edition.Id, cancellationToken))
        {
            return false;
        }

        // Enqueued before the mark: a crash in between enqueues again next time, and a bucket sent twice
        // is harmless (the ledger skips what is sent); a mark without its messages would lose the edition.
        await queue.EnqueueAsync(Enumerable.Range(0, ReaderIdentity.Buckets).Select(b => new DispatchRequest(edition.Id, b)).ToArray(), cancellationToken);
        await ledger.MarkStartedAsync(edition.Id, time.GetUtcNow(), cancellationToken);
        LogStarted(edition.Id, ReaderIdentity.Buckets);
        return true;
    }

    /// <summary>
    /// Sends every bucket in this process (<c>newsletter digest run</c>), the same way the queue trigger
    /// does, and marks the dispatch started so the timer does not enqueue it too. Run again, it sends
    /// only what is not sent yet.
    /// </summary>
    public async Task<DispatchStatus> DispatchAllAsync(Edition edition, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (HasMail(edition))
        {
            await ledger.MarkStartedAsync(edition.Id, time.GetUtcNow(), cancellationToken);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, ReaderIdentity.Buckets),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (bucket, ct) =>
                {
                    try
                    {
                        await DispatchAsync(new DispatchRequest(edition.Id, bucket), progress, queued: false, ct);
                    }
                    catch (DispatchIncompleteException)
                    {
                        // Counted as pending in the status; running the command again retries it.
                    }
                    catch (DispatchConflictException)
                    {
                        // A queued delivery of the same bucket planned it first; it sends what it formed.
                    }
                });

            // Every bucket planned: the variants' remainders go out merged, here rather than through the queue.
            await ledger.MarkMergesStartedAsync(edition.Id, time.GetUtcNow(), cancellationToken);
            await Parallel.ForEachAsync(
                MergeRequests(edition),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (request, ct) =>
                {
                    try
                    {
                        await DispatchAsync(request, progress, queued: false, ct);
                    }
                    catch (DispatchIncompleteException)
                    {
                        // As above.
                    }
                });
        }

        return await StatusAsync(edition.Id, cancellationToken);
    }

    /// <summary>Sent, failed, unknown and pending recipients of an edition, from the ledger.</summary>
    public async Task<DispatchStatus> StatusAsync(string editionId, CancellationToken cancellationToken)
    {
        int chunks = 0, sent = 0, failed = 0, unknown = 0, pending = 0, resends = 0, inFlight = 0, unanswered = 0;
        // Per variant: readers kept in remainders, and readers already in merged chunks (which count them
        // from then on); the difference is still waiting for its merged chunk to be formed.
        var remainders = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        var planned = await ledger.PlannedBucketsAsync(editionId, cancellationToken);
        await foreach (var chunk in ledger.SummarizeEditionAsync(editionId, cancellationToken))
        {
            if (chunk.Kind == ChunkKind.Remainder)
            {
                if (planned.TryGetValue(chunk.Bucket, out var last) && chunk.Number > last)
                {
                    // Formed by a late duplicate delivery after its bucket was planned: not part of the edition.
                    continue;
                }

                remainders[chunk.VariantKey] = remainders.GetValueOrDefault(chunk.VariantKey) + chunk.Count;
                continue;
            }

            if (chunk.Kind == ChunkKind.Merged)
            {
                merged[chunk.VariantKey] = merged.GetValueOrDefault(chunk.VariantKey) + chunk.Count;
            }

            chunks++;
            resends += chunk.UnknownResends;
            var count = chunk.Count;
            switch (chunk.State)
            {
                case ChunkState.Sent: sent += count; break;
                case ChunkState.Failed: failed += count; break;
                case ChunkState.Unknown: unknown += count; break;
                case ChunkState.InFlight: pending += count; inFlight += count; break;
                case ChunkState.Unanswered: pending += count; unanswered += count; break;
                default: pending += count; break;
            }
        }

        pending += remainders.Sum(r => Math.Max(0, r.Value - merged.GetValueOrDefault(r.Key)));
        return new DispatchStatus(editionId, await ledger.IsStartedAsync(editionId, cancellationToken), chunks, sent, failed, unknown, pending, resends)
        {
            IncompleteBuckets = await ledger.IncompleteBucketsAsync(editionId, cancellationToken),
            InFlight = inFlight,
            Unanswered = unanswered,
        };
    }

    /// <summary>
    /// A bucket's message went to the poison queue after its last attempt: the edition is marked
    /// incomplete (its unsent chunks stay pending in the ledger; <c>digest run</c> can send them later).
    /// </summary>
    public async Task MarkIncompleteAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await ledger.MarkIncompleteAsync(request.EditionId, request.Bucket, time.GetUtcNow(), cancellationToken);
        LogIncomplete(request.EditionId, request.Bucket);
    }

    public static bool HasMail(Edition edition) =>
        edition is { Status: EditionStatus.Composed } && edition.Variants.Any(v => !v.Skipped);

    /// <summary>The dispatch bucket of a variant's merged remainders: one past the reader buckets per variant, in the edition's variant order.</summary>
    public static int MergeBucket(int variantIndex) => ReaderIdentity.Buckets + variantIndex;

    /// <summary>
    /// Sends one bucket (or, for a <see cref="MergeBucket"/>, one variant's merged remainders). Throws
    /// <see cref="DispatchIncompleteException"/> when a chunk should be tried again later.
    /// </summary>
    public Task<BucketOutcome> DispatchBucketAsync(DispatchRequest request, DispatchProgress? progress, CancellationToken cancellationToken) =>
        DispatchAsync(request, progress, queued: true, cancellationToken);

    private async Task<BucketOutcome> DispatchAsync(DispatchRequest request, DispatchProgress? progress, bool queued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var edition = await editions.GetAsync(request.EditionId, cancellationToken);
        if (edition is null || !HasMail(edition))
        {
            LogNothingToSend(request.EditionId, request.Bucket);
            return new BucketOutcome(request.Bucket, 0, 0, 0, 0, 0, 0, 0);
        }

        var outcome = request.Bucket < ReaderIdentity.Buckets
            ? await SendBucketAsync(edition, request.Bucket, progress, queued, cancellationToken)
            : await SendRemaindersAsync(edition, request.Bucket, progress, cancellationToken);
        LogBucket(edition.Id, request.Bucket, outcome.Chunks, outcome.Sent, outcome.Failed, outcome.Unknown, outcome.Pending);
        if (queued && outcome.Pending > 0 && outcome.Busy == outcome.Pending && outcome.BusyUntil is { } until && outcome.BusyAttempts < MaxAttemptsBeforePoison)
        {
            // Only chunks another dispatcher is sending are left: come back when their lease runs out,
            // rather than spend the message's retries waiting for them.
            var delay = until - time.GetUtcNow() + TimeSpan.FromSeconds(5);
            await queue.EnqueueLaterAsync(request, delay, cancellationToken);
            LogBusy(edition.Id, request.Bucket, outcome.Busy, delay);
            return outcome;
        }

        if (!outcome.Complete)
        {
            throw new DispatchIncompleteException(outcome);
        }

        return outcome;
    }

    /// <summary>
    /// One pass over the bucket's readers in key order. Until the bucket is planned, mailable readers not
    /// yet in a chunk are collected per variant, and each time a variant has a full chunk it is written to
    /// the ledger and sent while the pass goes on, so memory holds at most one open chunk per variant and
    /// the requests in flight. What is left per variant becomes a remainder (with the recipients'
    /// addresses, as the merge never reads the readers again), then the bucket is marked planned; the last
    /// bucket to be planned enqueues the merges. Chunks formed by an earlier delivery and not yet accepted
    /// are sent again with their readers as they are now (left, erased or bounced readers are left out).
    /// </summary>
    private async Task<BucketOutcome> SendBucketAsync(Edition edition, int bucket, DispatchProgress? progress, bool queued, CancellationToken cancellationToken)
    {
        var variants = edition.Variants.ToDictionary(v => v.Key, StringComparer.Ordinal);
        var size = options.Value.ChunkSize;
        var existing = await ledger.ListAsync(edition.Id, bucket, cancellationToken);
        var planned = (await ledger.PlannedBucketsAsync(edition.Id, cancellationToken)).ContainsKey(bucket);
        var covered = planned ? null : existing.SelectMany(c => c.ReaderIds).ToHashSet(StringComparer.Ordinal);
        var waiting = existing.Where(c => c.Kind == ChunkKind.Bucket && !c.IsFinal).ToArray();
        var wanted = waiting.SelectMany(c => c.ReaderIds).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, Recipient>(StringComparer.Ordinal);
        var open = new Dictionary<string, List<Recipient>>(StringComparer.Ordinal);
        var next = existing.Count == 0 ? 0 : existing.Max(c => c.Number) + 1;
        var tally = new Tally(this);
        foreach (var chunk in existing.Where(c => c.Kind == ChunkKind.Bucket && c.IsFinal))
        {
            tally.Add(chunk);
        }

        var noVariant = 0;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var renderings = new Renderings(StringComparer.Ordinal);
        using var sends = new BoundedSends(options.Value.MaxConcurrentRequests);
        try
        {
            await foreach (var reader in readers.ListBucketAsync(bucket, cancellationToken))
            {
                if (!reader.IsMailable || reader.Frequency != edition.Frequency)
                {
                    continue;
                }

                if (wanted.Contains(reader.Id))
                {
                    found[reader.Id] = RecipientOf(reader);
                }

                if (covered is null || covered.Contains(reader.Id))
                {
                    continue;
                }

                var key = VariantOf(reader.Topics, keys);
                if (!variants.TryGetValue(key, out var variant))
                {
                    // Chose a topic set no reader had when the edition was composed: nothing was rendered for it.
                    noVariant++;
                    continue;
                }

                if (variant.Skipped)
                {
                    continue;
                }

                if (!open.TryGetValue(key, out var list))
                {
                    open[key] = list = new List<Recipient>(Math.Min(size, 1000));
                }

                list.Add(RecipientOf(reader));
                if (list.Count == size)
                {
                    open.Remove(key);
                    var formed = (await ledger.AddAsync([NewChunk(edition.Id, bucket, next++, key, ChunkKind.Bucket, list.Select(r => r.Id).ToArray())], cancellationToken))[0];
                    await sends.StartAsync(async ct => tally.Add(await SendChunkAsync(edition, formed, list, renderings, progress, ct)), cancellationToken);
                }
            }

            foreach (var chunk in waiting)
            {
                var recipients = chunk.ReaderIds.Select(id => found.GetValueOrDefault(id)).OfType<Recipient>().ToArray();
                await sends.StartAsync(async ct => tally.Add(await SendChunkAsync(edition, chunk, recipients, renderings, progress, ct)), cancellationToken);
            }

            if (!planned)
            {
                var remainders = open.OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => NewChunk(edition.Id, bucket, next++, o.Key, ChunkKind.Remainder, o.Value.Select(r => r.Id).ToArray()) with { Recipients = o.Value })
                    .ToArray();
                if (remainders.Length > 0)
                {
                    await ledger.AddAsync(remainders, cancellationToken);
                }

                // Insert only: a duplicate delivery that planned first makes this throw, and what this one
                // formed (numbered above the other's last) stays out of the edition.
                await ledger.MarkPlannedAsync(edition.Id, bucket, next - 1, time.GetUtcNow(), cancellationToken);
            }

            if (queued)
            {
                // On every delivery, not only the one that planned: that one may have died right after.
                await StartMergesAsync(edition, cancellationToken);
            }
        }
        finally
        {
            await sends.DrainAsync();
        }

        await sends.WhenAllAsync();
        return tally.Outcome(bucket, noVariant);
    }

    /// <summary>
    /// Once every bucket is planned, enqueues one merge message per variant with mail, unless that was
    /// done (enqueued before the mark: a crash in between enqueues them twice, which is harmless).
    /// </summary>
    private async Task StartMergesAsync(Edition edition, CancellationToken cancellationToken)
    {
        if ((await ledger.PlannedBucketsAsync(edition.Id, cancellationToken)).Count < ReaderIdentity.Buckets
            || await ledger.AreMergesStartedAsync(edition.Id, cancellationToken))
        {
            return;
        }

        await queue.EnqueueAsync(MergeRequests(edition), cancellationToken);
        await ledger.MarkMergesStartedAsync(edition.Id, time.GetUtcNow(), cancellationToken);
        LogMergesStarted(edition.Id);
    }

    private static DispatchRequest[] MergeRequests(Edition edition) =>
        edition.Variants.Select((v, i) => (v, i)).Where(x => !x.v.Skipped).Select(x => new DispatchRequest(edition.Id, MergeBucket(x.i))).ToArray();

    /// <summary>
    /// One variant's remainders, read in bucket order and cut into chunks of <see cref="DeliveryOptions.ChunkSize"/>:
    /// the cut depends only on the remainders, which no longer change once every bucket is planned, so
    /// a redelivered or duplicate merge message forms the same chunks and sends only those not yet
    /// accepted. When every merged chunk is final, the remainders drop their addresses.
    /// </summary>
    private async Task<BucketOutcome> SendRemaindersAsync(Edition edition, int mergeBucket, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        var index = mergeBucket - ReaderIdentity.Buckets;
        if (index >= edition.Variants.Count || edition.Variants[index].Skipped)
        {
            return new BucketOutcome(mergeBucket, 0, 0, 0, 0, 0, 0, 0);
        }

        var planned = await ledger.PlannedBucketsAsync(edition.Id, cancellationToken);
        if (planned.Count < ReaderIdentity.Buckets)
        {
            throw new InvalidOperationException(
                $"Edition {edition.Id}: {planned.Count} of {ReaderIdentity.Buckets} buckets have formed their chunks; remainders are merged once all have.");
        }

        var key = edition.Variants[index].Key;
        var size = options.Value.ChunkSize;
        var existing = (await ledger.ListAsync(edition.Id, mergeBucket, cancellationToken)).ToDictionary(c => c.Number);
        var tally = new Tally(this);
        var renderings = new Renderings(StringComparer.Ordinal);
        using var sends = new BoundedSends(options.Value.MaxConcurrentRequests);
        var number = 0;
        var ids = new List<string>(size);
        var recipients = new List<Recipient>(size);

        async Task EmitAsync(CancellationToken ct)
        {
            var chunk = existing.GetValueOrDefault(number) ?? await AddOrGetAsync(NewChunk(edition.Id, mergeBucket, number, key, ChunkKind.Merged, ids), ct);
            if (!chunk.ReaderIds.SequenceEqual(ids, StringComparer.Ordinal))
            {
                // The cut depends only on the planned remainders; a difference means the ledger was changed by hand.
                throw new InvalidOperationException($"Edition {edition.Id}: merged chunk {number} of variant {key} does not hold the readers its remainders give.");
            }

            number++;
            if (chunk.IsFinal)
            {
                tally.Add(chunk);
                return;
            }

            var byId = recipients.ToDictionary(r => r.Id, StringComparer.Ordinal);
            var batch = chunk.ReaderIds.Select(id => byId.GetValueOrDefault(id)).OfType<Recipient>().ToArray();
            await sends.StartAsync(async c => tally.Add(await SendChunkAsync(edition, chunk, batch, renderings, progress, c)), ct);
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
                    if (i < kept.Count && kept[i] is { } recipient)
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
            await sends.DrainAsync();
        }

        await sends.WhenAllAsync();
        var outcome = tally.Outcome(mergeBucket, 0);
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
            catch (DispatchConflictException)
            {
                // A duplicate merge message formed it first; the cut is the same, so its chunk is ours.
                return (await ledger.ListAsync(edition.Id, mergeBucket, ct)).Single(c => c.Number == chunk.Number);
            }
        }
    }

    /// <summary>A remainder older than this is checked against the readers before its merged chunks are sent.</summary>
    private static readonly TimeSpan RemainderFreshness = TimeSpan.FromHours(1);

    /// <summary>
    /// A remainder's recipients as they may be mailed now. Normally the merge follows the bucket within
    /// minutes and the kept addresses are used as they are; when it comes later (a bucket given up and
    /// sent by <c>digest send</c> days after), each reader is read again, and one who left, bounced,
    /// complained, erased their data or changed frequency in between gets nothing (null in the list).
    /// </summary>
    private async Task<IReadOnlyList<Recipient?>> StillMailableAsync(Edition edition, DispatchChunk remainder, CancellationToken cancellationToken)
    {
        if (remainder.Recipients.Count == 0 || (remainder.UpdatedAt is { } formed && time.GetUtcNow() - formed <= RemainderFreshness))
        {
            return remainder.Recipients;
        }

        var current = new Recipient?[remainder.Recipients.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, current.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var reader = await readers.GetAsync(remainder.Recipients[i].Id, remainder.Bucket, ct);
                current[i] = reader is { IsMailable: true } && reader.Frequency == edition.Frequency ? RecipientOf(reader) : null;
            });
        return current;
    }

    private DispatchChunk NewChunk(string editionId, int bucket, int number, string variantKey, ChunkKind kind, IReadOnlyList<string> readerIds) => new()
    {
        EditionId = editionId, Bucket = bucket, Number = number, VariantKey = variantKey, Kind = kind,
        ReaderIds = readerIds, UpdatedAt = time.GetUtcNow(),
    };

    /// <summary>The variant key of a topic set as stored, computed once per distinct set in a pass (a bucket holds few of them).</summary>
    private static string VariantOf(IReadOnlyList<string> topics, Dictionary<string, string> keys)
    {
        if (topics.Count == 0)
        {
            return EditionComposer.VariantKey([]);
        }

        var stored = string.Join('\n', topics);
        if (!keys.TryGetValue(stored, out var key))
        {
            keys[stored] = key = EditionComposer.VariantKey(EditionComposer.NormalizeTopics(topics));
        }

        return key;
    }

    private static Recipient RecipientOf(Reader reader) => new(reader.Id, reader.Address!, SafeName(reader.Name));

    private async Task<DispatchChunk> SendChunkAsync(
        Edition edition, DispatchChunk chunk, IReadOnlyList<Recipient> recipients, Renderings renderings, DispatchProgress? progress, CancellationToken cancellationToken)
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
                result = await sender.SendAsync(Message(edition, rendering, recipients), cancellationToken);
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

    /// <summary>
    /// A chunk in flight with this many requests already made is not waited for by putting the message
    /// back (which starts its retries afresh): its message fails instead and ends in the poison queue, so a
    /// chunk whose sends keep dying marks the edition incomplete rather than going round for ever.
    /// </summary>
    private const int MaxAttemptsBeforePoison = 5;

    /// <summary>When the lease of a chunk another dispatcher is sending runs out; null when nobody is sending it.</summary>
    private DateTimeOffset? BusyUntil(DispatchChunk chunk) =>
        chunk.State == ChunkState.InFlight && chunk.UpdatedAt is { } since && since + Lease > time.GetUtcNow() ? since + Lease : null;

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.InFlightLeaseSeconds);

    /// <summary>
    /// A request's personalizations, each made when the transport reads it (while it writes the request
    /// body) and garbage right after, instead of a thousand built up front and held for the whole request.
    /// </summary>
    private sealed class Personalizations(IReadOnlyList<Recipient> recipients, Func<Recipient, Personalization> personalize) : IReadOnlyList<Personalization>
    {
        public int Count => recipients.Count;

        public Personalization this[int index] => personalize(recipients[index]);

        public IEnumerator<Personalization> GetEnumerator()
        {
            for (var i = 0; i < recipients.Count; i++)
            {
                yield return personalize(recipients[i]);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Each variant's rendering, read once per pass.</summary>
    private sealed class Renderings(StringComparer comparer) : ConcurrentDictionary<string, Task<RenderedEdition?>>(comparer);

    /// <summary>Counts what a bucket's chunks came to, in recipients; chunks are added from concurrent sends.</summary>
    private sealed class Tally(EditionDispatcher dispatcher)
    {
        private readonly Lock _gate = new();
        private int _chunks, _sent, _failed, _unknown, _pending, _resends, _busy, _busyAttempts;
        private DateTimeOffset? _busyUntil;

        public void Add(DispatchChunk chunk)
        {
            var count = chunk.ReaderIds.Count;
            var busyUntil = dispatcher.BusyUntil(chunk);
            lock (_gate)
            {
                if (busyUntil is { } until)
                {
                    _busy += count;
                    _busyAttempts = Math.Max(_busyAttempts, chunk.Attempts);
                    _busyUntil = _busyUntil is { } other && other > until ? other : until;
                }

                _chunks++;
                _resends += chunk.UnknownResends;
                switch (chunk.State)
                {
                    case ChunkState.Sent: _sent += count; break;
                    case ChunkState.Failed: _failed += count; break;
                    case ChunkState.Unknown: _unknown += count; break;
                    default: _pending += count; break;
                }
            }
        }

        public BucketOutcome Outcome(int bucket, int noVariant)
        {
            lock (_gate)
            {
                return new BucketOutcome(bucket, _chunks, _sent, _failed, _unknown, _pending, _resends, noVariant) { Busy = _busy, BusyUntil = _busyUntil, BusyAttempts = _busyAttempts };
            }
        }
    }

    /// <summary>Requests started while a pass goes on, at most <c>max</c> at once; the pass waits for a free slot.</summary>
    private sealed class BoundedSends(int max) : IDisposable
    {
        private readonly SemaphoreSlim _slots = new(max, max);
        private readonly List<Task> _tasks = [];

        public async Task StartAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken);
            _tasks.Add(RunAsync(send, cancellationToken));
            if (_tasks.Find(t => t.IsFaulted) is { } failed)
            {
                // A storage failure: stop forming chunks; the message is retried.
                await failed;
            }
        }

        private async Task RunAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken)
        {
            try
            {
                await send(cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
        }

        /// <summary>Waits for every request started, whatever became of it, so none outlives the pass.</summary>
        public async Task DrainAsync()
        {
            try
            {
                await Task.WhenAll(_tasks);
            }
            catch (Exception) when (_tasks.TrueForAll(t => t.IsCompleted))
            {
                // Observed here; WhenAllAsync (or the exception already on its way) reports it.
            }
        }

        public Task WhenAllAsync() => Task.WhenAll(_tasks);

        public void Dispose() => _slots.Dispose();
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

    /// <summary>The request for one chunk: the variant's rendering once, a personalization per reader.</summary>
    public BulkMessage Message(Edition edition, RenderedEdition rendering, IReadOnlyList<Recipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(rendering);
        ArgumentNullException.ThrowIfNull(recipients);
        var frequency = Edition.FrequencyName(edition.Frequency);
        return new BulkMessage(
            mail.Value.From,
            string.IsNullOrWhiteSpace(mail.Value.FromName) ? app.Value.NetworkName : mail.Value.FromName,
            rendering.Subject,
            rendering.Html,
            rendering.Text,
            new Dictionary<string, string> { ["List-Id"] = ListId() },
            [frequency, "digest"],
            new Personalizations(recipients, r => Personalize(edition.Id, r)));
    }

    /// <summary>One reader's values: address, placeholders, RFC 8058 one-click headers, ids for the event webhook.</summary>
    public Personalization Personalize(string editionId, Recipient reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var unsubscribe = links.Unsubscribe(tokens.Issue(TokenPurpose.Unsubscribe, reader.Id));
        var preferences = links.Preferences(tokens.Issue(TokenPurpose.Preferences, reader.Id));
        var name = SafeName(reader.Name);
        return new Personalization(
            reader.Address,
            name,
            new Dictionary<string, string>
            {
                [ReaderPlaceholders.Greeting] = name is null ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {name},"),
                [ReaderPlaceholders.UnsubscribeUrl] = unsubscribe,
                [ReaderPlaceholders.PreferencesUrl] = preferences,
            },
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>, <mailto:{UnsubscribeMailbox}?subject=unsubscribe>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            new Dictionary<string, string> { ["edition_id"] = editionId, ["reader_id"] = reader.Id });
    }

    /// <summary>
    /// A substitution goes into the HTML and the text part alike, raw, so the name loses the characters
    /// that would mean markup in one or be escaped wrongly in the other; control characters never reach a header.
    /// </summary>
    private static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '&' or '"' or '\'')).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private string ListId()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ListId))
        {
            return options.Value.ListId;
        }

        var host = Uri.TryCreate(app.Value.Root, UriKind.Absolute, out var uri) ? uri.Host : "localhost";
        var label = new string(app.Value.NetworkName.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"')).ToArray());
        return $"{label} <digest.{host}>";
    }

    private string UnsubscribeMailbox => field ??=
        string.IsNullOrWhiteSpace(options.Value.UnsubscribeMailbox)
            ? "unsubscribe@" + mail.Value.From[(mail.Value.From.IndexOf('@', StringComparison.Ordinal) + 1)..]
            : options.Value.UnsubscribeMailbox;

    [LoggerMessage(LogLevel.Information, "Dispatch of {EditionId} started: {Buckets} bucket messages enqueued")]
    private partial void LogStarted(string editionId, int buckets);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} is incomplete: bucket {Bucket} was given up after its last attempt")]
    private partial void LogIncomplete(string editionId, int bucket);

    [LoggerMessage(LogLevel.Information, "Every bucket of {EditionId} has formed its chunks: merge messages enqueued for the remainders")]
    private partial void LogMergesStarted(string editionId);

    [LoggerMessage(LogLevel.Information, "Edition {EditionId} bucket {Bucket}: {Recipients} recipients in chunks another dispatcher is sending; back in {Delay}")]
    private partial void LogBusy(string editionId, int bucket, int recipients, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: could not record the unanswered request ({Reason}); it is taken over after its lease")]
    private partial void LogUnansweredNotRecorded(string editionId, int bucket, int chunk, string reason);

    [LoggerMessage(LogLevel.Information, "Nothing to send for {EditionId}, bucket {Bucket}")]
    private partial void LogNothingToSend(string editionId, int bucket);

    [LoggerMessage(LogLevel.Information, "Edition {EditionId} bucket {Bucket}: {Chunks} chunks, {Sent} sent, {Failed} failed, {Unknown} unknown, {Pending} pending")]
    private partial void LogBucket(string editionId, int bucket, int chunks, int sent, int failed, int unknown, int pending);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, resending to {Recipients} recipients (counted)")]
    private partial void LogUnknownResent(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, not resent ({Recipients} recipients)")]
    private partial void LogUnknownGivenUp(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} bucket {Bucket} chunk {Chunk} rejected: {Detail}")]
    private partial void LogRejected(string editionId, int bucket, int chunk, string? detail);
}
