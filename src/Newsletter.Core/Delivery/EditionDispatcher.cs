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
}

/// <summary>An edition's dispatch as the ledger records it, in recipients; <see cref="UnknownResends"/> counts chunks.</summary>
public sealed record DispatchStatus(string EditionId, bool Started, int Chunks, int Sent, int Failed, int Unknown, int Pending, int UnknownResends)
{
    /// <summary>Buckets whose queue message was given up after its last attempt; empty when none.</summary>
    public IReadOnlyList<int> IncompleteBuckets { get; init; } = [];

    public bool Incomplete => IncompleteBuckets.Count > 0;

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

    internal void Add(int sent, int failed)
    {
        Interlocked.Add(ref _sent, sent);
        Interlocked.Add(ref _failed, failed);
        Interlocked.Increment(ref _requests);
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
/// frequency are read in key order, mapped to their variant, and cut into chunks of at most
/// <see cref="DeliveryOptions.ChunkSize"/> per variant. Each chunk is written to the ledger with its
/// readers before anything is sent, marked in flight before its request and sent after a 2xx, so a
/// retried or redelivered message sends only what is not yet sent. A chunk found in flight had a
/// request whose answer never arrived: <see cref="DeliveryOptions.UnknownOutcome"/> decides whether it
/// is resent (once) and every such chunk is counted.
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
                        await DispatchBucketAsync(new DispatchRequest(edition.Id, bucket), progress, ct);
                    }
                    catch (DispatchIncompleteException)
                    {
                        // Counted as pending in the status; running the command again retries it.
                    }
                });
        }

        return await StatusAsync(edition.Id, cancellationToken);
    }

    /// <summary>Sent, failed, unknown and pending recipients of an edition, from the ledger.</summary>
    public async Task<DispatchStatus> StatusAsync(string editionId, CancellationToken cancellationToken)
    {
        int chunks = 0, sent = 0, failed = 0, unknown = 0, pending = 0, resends = 0;
        await foreach (var chunk in ledger.ListEditionAsync(editionId, cancellationToken))
        {
            chunks++;
            resends += chunk.UnknownResends;
            var count = chunk.ReaderIds.Count;
            switch (chunk.State)
            {
                case ChunkState.Sent: sent += count; break;
                case ChunkState.Failed: failed += count; break;
                case ChunkState.Unknown: unknown += count; break;
                default: pending += count; break;
            }
        }

        return new DispatchStatus(editionId, await ledger.IsStartedAsync(editionId, cancellationToken), chunks, sent, failed, unknown, pending, resends)
        {
            IncompleteBuckets = await ledger.IncompleteBucketsAsync(editionId, cancellationToken),
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

    /// <summary>Sends one bucket. Throws <see cref="DispatchIncompleteException"/> when a chunk should be tried again later.</summary>
    public async Task<BucketOutcome> DispatchBucketAsync(DispatchRequest request, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var edition = await editions.GetAsync(request.EditionId, cancellationToken);
        if (edition is null || !HasMail(edition))
        {
            LogNothingToSend(request.EditionId, request.Bucket);
            return new BucketOutcome(request.Bucket, 0, 0, 0, 0, 0, 0, 0);
        }

        var variants = edition.Variants.ToDictionary(v => v.Key, StringComparer.Ordinal);
        var existing = await ledger.ListAsync(edition.Id, request.Bucket, cancellationToken);
        var covered = existing.SelectMany(c => c.ReaderIds).ToHashSet(StringComparer.Ordinal);

        // One pass over the bucket: the readers of chunks already formed (to address them) and the
        // mailable readers not yet in any chunk (to form new ones). Readers who left, bounced or
        // complained before this pass are not mailable and get nothing.
        var mailable = new Dictionary<string, Reader>(StringComparer.Ordinal);
        var fresh = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var noVariant = 0;
        await foreach (var reader in readers.ListBucketAsync(request.Bucket, cancellationToken))
        {
            if (!reader.IsMailable || reader.Frequency != edition.Frequency)
            {
                continue;
            }

            mailable[reader.Id] = reader;
            if (covered.Contains(reader.Id))
            {
                continue;
            }

            var key = EditionComposer.VariantKey(EditionComposer.NormalizeTopics(reader.Topics));
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

            if (!fresh.TryGetValue(key, out var list))
            {
                fresh[key] = list = [];
            }

            list.Add(reader.Id);
        }

        var chunks = existing.ToList();
        var next = existing.Count == 0 ? 0 : existing.Max(c => c.Number) + 1;
        var formed = new List<DispatchChunk>();
        foreach (var (key, ids) in fresh.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var part in ids.Chunk(options.Value.ChunkSize))
            {
                formed.Add(new DispatchChunk
                {
                    EditionId = edition.Id, Bucket = request.Bucket, Number = next++, VariantKey = key, ReaderIds = part,
                    UpdatedAt = time.GetUtcNow(),
                });
            }
        }

        if (formed.Count > 0)
        {
            chunks.AddRange(await ledger.AddAsync(formed, cancellationToken));
        }

        var renderings = new ConcurrentDictionary<string, Task<RenderedEdition?>>(StringComparer.Ordinal);
        var results = new ConcurrentBag<DispatchChunk>();
        await Parallel.ForEachAsync(
            chunks.Where(c => !c.IsFinal),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentRequests, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var rendering = await renderings.GetOrAdd(chunk.VariantKey, k => editions.GetRenderingAsync(edition.Id, k, ct));
                results.Add(await SendChunkAsync(edition, variants[chunk.VariantKey], rendering, chunk, mailable, progress, ct));
            });

        var final = chunks.Where(c => c.IsFinal).Concat(results).ToArray();
        var outcome = new BucketOutcome(
            request.Bucket,
            final.Length,
            final.Where(c => c.State == ChunkState.Sent).Sum(c => c.ReaderIds.Count),
            final.Where(c => c.State == ChunkState.Failed).Sum(c => c.ReaderIds.Count),
            final.Where(c => c.State == ChunkState.Unknown).Sum(c => c.ReaderIds.Count),
            final.Where(c => !c.IsFinal).Sum(c => c.ReaderIds.Count),
            final.Sum(c => c.UnknownResends),
            noVariant);
        LogBucket(edition.Id, request.Bucket, outcome.Chunks, outcome.Sent, outcome.Failed, outcome.Unknown, outcome.Pending);
        if (!outcome.Complete)
        {
            throw new DispatchIncompleteException(outcome);
        }

        return outcome;
    }

    private async Task<DispatchChunk> SendChunkAsync(
        Edition edition, EditionVariant variant, RenderedEdition? rendering, DispatchChunk chunk,
        IReadOnlyDictionary<string, Reader> mailable, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        var resend = 0;
        if (chunk.State == ChunkState.InFlight)
        {
            // A request went out earlier and its answer never came back to us.
            if (options.Value.UnknownOutcome != DeliveryOptions.ResendOnce || chunk.UnknownResends > 0)
            {
                LogUnknownGivenUp(edition.Id, chunk.Bucket, chunk.Number, chunk.ReaderIds.Count);
                return await UpdateAsync(chunk with { State = ChunkState.Unknown, Error = "outcome unknown; not resent" }, cancellationToken) ?? chunk;
            }

            resend = 1;
            LogUnknownResent(edition.Id, chunk.Bucket, chunk.Number, chunk.ReaderIds.Count);
        }

        if (rendering is null)
        {
            return await UpdateAsync(chunk with { State = ChunkState.Failed, Error = $"rendering of variant {variant.Key} is missing" }, cancellationToken) ?? chunk;
        }

        var inFlight = await UpdateAsync(chunk with
        {
            State = ChunkState.InFlight, Attempts = chunk.Attempts + 1, UnknownResends = chunk.UnknownResends + resend,
        }, cancellationToken);
        if (inFlight is null)
        {
            // Another dispatcher moved it first (a duplicate message); that one sends it.
            return chunk with { State = ChunkState.Formed };
        }

        // Readers erased or gone since the chunk was formed are left out; the rest go in one request.
        var recipients = inFlight.ReaderIds.Select(id => mailable.GetValueOrDefault(id)).OfType<Reader>().ToArray();
        BulkSendResult result;
        if (recipients.Length == 0)
        {
            result = BulkSendResult.Accepted;
        }
        else
        {
            var message = Message(edition, rendering, recipients);
            try
            {
                result = await sender.SendAsync(message, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the chunk stays in flight and counts as unknown next time.
                throw;
            }
        }

        var done = result.Status switch
        {
            BulkSendStatus.Accepted => inFlight with { State = ChunkState.Sent, Error = null },
            BulkSendStatus.Rejected => inFlight with { State = ChunkState.Failed, Error = result.Detail },
            BulkSendStatus.NotAccepted => inFlight with { State = ChunkState.Formed, Error = result.Detail },
            // Left in flight: the next delivery of the message applies the unknown-outcome policy.
            _ => inFlight with { Error = result.Detail ?? "outcome unknown" },
        };
        if (result.Status == BulkSendStatus.Rejected)
        {
            LogRejected(edition.Id, chunk.Bucket, chunk.Number, result.Detail);
        }

        progress?.Add(done.State == ChunkState.Sent ? recipients.Length : 0, done.State == ChunkState.Failed ? recipients.Length : 0);
        return await UpdateAsync(done, cancellationToken) ?? done;
    }

    private async Task<DispatchChunk?> UpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken) =>
        await ledger.TryUpdateAsync(chunk with { UpdatedAt = time.GetUtcNow() }, cancellationToken);

    /// <summary>The request for one chunk: the variant's rendering once, a personalization per reader.</summary>
    public BulkMessage Message(Edition edition, RenderedEdition rendering, IReadOnlyList<Reader> recipients)
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
            recipients.Select(r => Personalize(edition.Id, r)).ToArray());
    }

    /// <summary>One reader's values: address, placeholders, RFC 8058 one-click headers, ids for the event webhook.</summary>
    public Personalization Personalize(string editionId, Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var unsubscribe = links.Unsubscribe(tokens.Issue(TokenPurpose.Unsubscribe, reader.Id));
        var preferences = links.Preferences(tokens.Issue(TokenPurpose.Preferences, reader.Id));
        var name = SafeName(reader.Name);
        return new Personalization(
            reader.Address!,
            name,
            new Dictionary<string, string>
            {
                [ReaderPlaceholders.Greeting] = name is null ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {name},"),
                [ReaderPlaceholders.UnsubscribeUrl] = unsubscribe,
                [ReaderPlaceholders.PreferencesUrl] = preferences,
            },
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>, <mailto:{UnsubscribeMailbox()}?subject=unsubscribe>",
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

    private string UnsubscribeMailbox() =>
        string.IsNullOrWhiteSpace(options.Value.UnsubscribeMailbox)
            ? "unsubscribe@" + mail.Value.From[(mail.Value.From.IndexOf('@', StringComparison.Ordinal) + 1)..]
            : options.Value.UnsubscribeMailbox;

    [LoggerMessage(LogLevel.Information, "Dispatch of {EditionId} started: {Buckets} bucket messages enqueued")]
    private partial void LogStarted(string editionId, int buckets);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} is incomplete: bucket {Bucket} was given up after its last attempt")]
    private partial void LogIncomplete(string editionId, int bucket);

    [LoggerMessage(LogLevel.Information, "Nothing to send for {EditionId}, bucket {Bucket}")]
    private partial void LogNothingToSend(string editionId, int bucket);

    [LoggerMessage(LogLevel.Information, "Edition {EditionId} bucket {Bucket}: {Chunks} chunks, {Sent} sent, {Failed} failed, {Unknown} unknown, {Pending} pending")]
    private partial void LogBucket(string editionId, int bucket, int chunks, int sent, int failed, int unknown, int pending);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, resending once to {Recipients} recipients")]
    private partial void LogUnknownResent(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Warning, "Edition {EditionId} bucket {Bucket} chunk {Chunk}: outcome unknown, not resent ({Recipients} recipients)")]
    private partial void LogUnknownGivenUp(string editionId, int bucket, int chunk, int recipients);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} bucket {Bucket} chunk {Chunk} rejected: {Detail}")]
    private partial void LogRejected(string editionId, int bucket, int chunk, string? detail);
}
