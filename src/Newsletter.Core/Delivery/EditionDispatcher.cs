using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// Fans an edition out: <see cref="StartAsync"/> puts one message per reader bucket on the dispatch
/// queue; <see cref="DispatchAsync"/> handles one message, a bucket (<see cref="BucketPlanner"/>) or a
/// variant's merged remainders (<see cref="RemainderMerger"/>), both sent chunk by chunk through the
/// <see cref="ChunkSender"/>; <see cref="DispatchAllAsync"/> does all of it in this process.
/// </summary>
public sealed partial class EditionDispatcher(
    IEditionStore editions,
    IDispatchLedger ledger,
    IDispatchPublisher queue,
    BucketPlanner planner,
    RemainderMerger merger,
    DispatchStatusReport report,
    TimeProvider time,
    ILogger<EditionDispatcher> logger)
{
    /// <summary>The dispatcher and its parts wired by hand, for callers without a service container (benchmarks, tests).</summary>
    public static EditionDispatcher Create(
        IEditionStore editions, IReaderStore readers, IDispatchLedger ledger, IDispatchPublisher queue, IBulkMailSender sender,
        TokenService tokens, Links links, IOptions<DeliveryOptions> options, IOptions<MailOptions> mail, IOptions<AppOptions> app,
        TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var chunks = new ChunkSender(ledger, editions, sender, new DigestMessageFactory(new ReaderLinks(tokens, links, Microsoft.Extensions.Options.Options.Create(new SubscriptionOptions())), options, mail, app), options, time, loggers.CreateLogger<ChunkSender>());
        return new EditionDispatcher(editions, ledger, queue,
            new BucketPlanner(readers, ledger, chunks, options, time),
            new RemainderMerger(readers, ledger, queue, chunks, options, time, loggers.CreateLogger<RemainderMerger>()),
            new DispatchStatusReport(ledger), time, loggers.CreateLogger<EditionDispatcher>());
    }

    /// <summary>Enqueues the edition's bucket messages unless that was done before. Does nothing for an edition with nothing to send, or one held for approval or skipped.</summary>
    public async Task<bool> StartAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (!HasMail(edition) || (await ledger.MarksAsync(edition.Id, cancellationToken)).Started)
        {
            return false;
        }

        // Enqueued before the mark: a crash in between enqueues again next time, and a bucket sent twice
        // is harmless (the ledger skips what is sent); a mark without its messages would lose the edition.
        await queue.EnqueueAsync(BucketRequests(edition), cancellationToken);
        await ledger.MarkAsync(edition.Id, DispatchStage.Started, time.GetUtcNow(), cancellationToken);
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
            await ledger.MarkAsync(edition.Id, DispatchStage.Started, time.GetUtcNow(), cancellationToken);
            await Parallel.ForEachAsync(
                BucketRequests(edition),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (request, ct) =>
                {
                    try
                    {
                        await DispatchAsync(request, progress, queued: false, ct);
                    }
                    catch (DispatchIncompleteException)
                    {
                        // Counted as pending in the status; running the command again retries it.
                    }
                    catch (ConflictException)
                    {
                        // A queued delivery of the same bucket planned it first; it sends what it formed.
                    }
                });

            // Every bucket planned: the variants' remainders go out merged, here rather than through the queue.
            await ledger.MarkAsync(edition.Id, DispatchStage.MergesStarted, time.GetUtcNow(), cancellationToken);
            await Parallel.ForEachAsync(
                RemainderMerger.Requests(edition),
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

        var status = await StatusAsync(edition.Id, cancellationToken);
        await RecordIfSettledAsync(edition, status, cancellationToken);
        return status;
    }

    /// <summary>Sent, failed, unknown and pending recipients of an edition, from the ledger.</summary>
    public Task<DispatchStatus> StatusAsync(string editionId, CancellationToken cancellationToken) =>
        report.StatusAsync(editionId, cancellationToken);

    /// <summary>
    /// A bucket's or merge's message went to the poison queue after its last attempt: the edition is marked
    /// incomplete (its unsent chunks stay pending in the ledger; <c>digest send</c> can send them later).
    /// </summary>
    public async Task MarkIncompleteAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await ledger.MarkIncompleteAsync(work, time.GetUtcNow(), cancellationToken);
        LogIncomplete(work.EditionId, work.ToString());
        if (await editions.GetAsync(work.EditionId, cancellationToken) is { } edition)
        {
            await RecordIfSettledAsync(edition, await StatusAsync(edition.Id, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// Records on the edition how its dispatch ended, once it has: every chunk final (sent) or a part given
    /// up (incomplete). The archive lists an edition that went to someone; <c>digest status</c> shows the state.
    /// </summary>
    private async Task RecordIfSettledAsync(Edition edition, DispatchStatus status, CancellationToken cancellationToken)
    {
        var state = EditionStates.Of(edition, status);
        if (state is EditionState.Sent or EditionState.Incomplete)
        {
            var outcome = state == EditionState.Sent ? DeliveryOutcome.Sent : DeliveryOutcome.Incomplete;
            await editions.RecordDeliveryAsync(edition.Id, new EditionDelivery(outcome, status.Sent, time.GetUtcNow()), cancellationToken);
            LogSettled(edition.Id, outcome, status.Sent);
        }
    }

    /// <summary>
    /// Puts the messages of an incomplete edition's given-up buckets and merges back on the queue, so what is
    /// pending is sent the way the timer sends it (the ledger skips every chunk already final). Returns how many
    /// messages were enqueued; none for an edition that is not incomplete.
    /// </summary>
    public async Task<int> ResendPendingAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var status = await StatusAsync(edition.Id, cancellationToken);
        if (EditionStates.Of(edition, status) != EditionState.Incomplete)
        {
            return 0;
        }

        DispatchWork[] work =
        [
            .. status.IncompleteBuckets.Select(b => new DispatchRequest(edition.Id, b)),
            .. status.IncompleteMerges.Select(v => new MergeRequest(edition.Id, v)),
        ];
        await queue.EnqueueAsync(work, cancellationToken);
        LogResent(edition.Id, work.Length);
        return work.Length;
    }

    /// <summary>Drops the addresses of remainders left unmerged past their retention (see <see cref="RemainderMerger.ExpireAddressesAsync"/>).</summary>
    public Task<int> ExpireRemainderAddressesAsync(CancellationToken cancellationToken) => merger.ExpireAddressesAsync(cancellationToken);

    /// <summary>Blanks one reader's address and name in every remainder not yet merged: what an erase calls so it reaches every copy.</summary>
    public Task<int> ForgetReaderAsync(string readerId, int bucket, CancellationToken cancellationToken) =>
        ledger.ForgetRecipientAsync(readerId, bucket, cancellationToken);

    /// <summary>Something to send, and allowed to: neither held for an editor's approval nor skipped.</summary>
    public static bool HasMail(Edition edition) => HasContent(edition) && edition.MaySend;

    /// <summary>Composed with a variant that reaches someone, whether or not it may be sent yet.</summary>
    public static bool HasContent(Edition edition) =>
        edition is { Status: EditionStatus.Composed } && edition.Variants.Any(v => !v.Skipped);

    /// <summary>
    /// Handles one queue message: sends one bucket, or one variant's merged remainders. Throws
    /// <see cref="DispatchIncompleteException"/> when a chunk should be tried again later.
    /// </summary>
    public Task<DispatchOutcome> DispatchAsync(DispatchWork work, DispatchProgress? progress, CancellationToken cancellationToken) =>
        DispatchAsync(work, progress, queued: true, cancellationToken);

    private static DispatchRequest[] BucketRequests(Edition edition) =>
        Enumerable.Range(0, ReaderIdentity.Buckets).Select(b => new DispatchRequest(edition.Id, b)).ToArray();

    private async Task<DispatchOutcome> DispatchAsync(DispatchWork work, DispatchProgress? progress, bool queued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var edition = await editions.GetAsync(work.EditionId, cancellationToken);
        if (edition is null || !HasMail(edition))
        {
            LogNothingToSend(work.ToString());
            return DispatchOutcome.Nothing(work);
        }

        DispatchOutcome outcome;
        if (work is DispatchRequest bucket)
        {
            outcome = await planner.SendAsync(edition, bucket, progress, cancellationToken);
            if (queued)
            {
                await merger.EnqueueWhenPlannedAsync(edition, cancellationToken);
            }
        }
        else
        {
            outcome = await merger.SendAsync(edition, (MergeRequest)work, progress, cancellationToken);
        }

        LogOutcome(work.ToString(), outcome.Chunks, outcome.Sent, outcome.Failed, outcome.Unknown, outcome.Pending);
        if (queued && outcome.Pending > 0 && outcome.Busy == outcome.Pending && outcome.BusyUntil is { } until
            && outcome.BusyAttempts < ChunkSender.MaxAttemptsBeforePoison)
        {
            // Only chunks another dispatcher is sending are left: come back when their lease runs out,
            // rather than spend the message's retries waiting for them.
            var delay = until - time.GetUtcNow() + TimeSpan.FromSeconds(5);
            await queue.EnqueueLaterAsync(work, delay, cancellationToken);
            LogBusy(work.ToString(), outcome.Busy, delay);
            return outcome;
        }

        if (!outcome.Complete)
        {
            throw new DispatchIncompleteException(outcome);
        }

        if (queued && (await ledger.MarksAsync(edition.Id, cancellationToken)).MergesStarted)
        {
            // One of the last messages of the edition: it may be the one that settles it.
            await RecordIfSettledAsync(edition, await StatusAsync(edition.Id, cancellationToken), cancellationToken);
        }

        return outcome;
    }

    [LoggerMessage(LogLevel.Information, "Edition {EditionId} settled: {Outcome}, {Sent} recipients sent")]
    private partial void LogSettled(string editionId, DeliveryOutcome outcome, int sent);

    [LoggerMessage(LogLevel.Information, "Dispatch of {EditionId} started: {Buckets} bucket messages enqueued")]
    private partial void LogStarted(string editionId, int buckets);

    [LoggerMessage(LogLevel.Error, "Edition {EditionId} is incomplete: {Work} was given up after its last attempt")]
    private partial void LogIncomplete(string editionId, string work);

    [LoggerMessage(LogLevel.Information, "{Work}: {Recipients} recipients in chunks another dispatcher is sending; back in {Delay}")]
    private partial void LogBusy(string work, int recipients, TimeSpan delay);

    [LoggerMessage(LogLevel.Information, "Edition {EditionId}: {Messages} given-up messages enqueued again")]
    private partial void LogResent(string editionId, int messages);

    [LoggerMessage(LogLevel.Information, "Nothing to send for {Work}")]
    private partial void LogNothingToSend(string work);

    [LoggerMessage(LogLevel.Information, "{Work}: {Chunks} chunks, {Sent} sent, {Failed} failed, {Unknown} unknown, {Pending} pending")]
    private partial void LogOutcome(string work, int chunks, int sent, int failed, int unknown, int pending);
}
