using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Tests.Editions;
using Newsletter.Core.Tests.Subscriptions;
using static Newsletter.Core.Tests.Delivery.DispatchWorld;

namespace Newsletter.Core.Tests.Delivery;

/// <summary>
/// The dispatch engine's rules on in-memory stores: leases, the unknown-outcome policy, retries, poison, edition
/// states. What depends on the table ledger's own queries and conditions is in EditionDispatcherOnAzuriteTests.
/// </summary>
public class EditionDispatcherTests
{
    private static DispatchWorld Create() =>
        new(new MemoryReaderStore(), new MemoryEditionStore(), new MemoryUpdateStore(), new MemoryDispatchLedger(), new EditionRendererTests.MemoryTemplates());

    [Fact]
    public async Task ChunkInFlightElsewhere_IsLeftAlone_AndTheMessageComesBackAfterTheLease_ThenResendsItCounted()
    {
        var w = Create();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        var reader = await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        // Another dispatcher formed the chunk and marked it in flight a minute ago (it is sending, or died doing so).
        var formed = (await w.Ledger.AddAsync([new DispatchChunk
        {
            EditionId = edition.Id, Bucket = 7, Number = 0, VariantKey = edition.Variants[0].Key, ReaderIds = [reader.Id],
        }], CancellationToken.None))[0];
        await w.Ledger.TryUpdateAsync(formed with { State = ChunkState.InFlight, Attempts = 1, UpdatedAt = Seven.AddMinutes(-1) }, CancellationToken.None);
        await w.Ledger.MarkPlannedAsync(edition.Id, 7, 0, Seven, CancellationToken.None);

        var outcome = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);

        Assert.Empty(w.Sender.Requests);
        Assert.Equal((1, 1), (outcome.Pending, outcome.Busy));
        Assert.Equal(1, (await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None)).InFlight);
        var (request, delay) = Assert.Single(w.Publisher.Later);
        Assert.Equal(Bucket7(edition), request);
        Assert.InRange(delay, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(9).Add(TimeSpan.FromSeconds(10)));

        w.Time.Advance(delay);
        var later = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);

        Assert.Equal([reader.Id], w.Sender.AcceptedReaders);
        Assert.Equal((1, 1), (later.Sent, later.UnknownResends));
    }

    [Fact]
    public async Task MergeDaysAfterPlanning_ReadsTheReadersAgain_AndLeavesOutThoseWhoLeftOrErased()
    {
        var w = Create();
        await w.PublishAsync("Quantum sensors");
        var stays = await w.ReaderAsync([], bucket: 3);
        var leaves = await w.ReaderAsync([], bucket: 3);
        var erases = await w.ReaderAsync([], bucket: 9);
        var edition = await w.ComposeAsync();
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        var merge = Assert.Single(w.Publisher.Messages);
        await w.MoveAsync(leaves, ReaderState.Unsubscribed);
        await w.MoveAsync(erases, ReaderState.Erased);

        // Within the hour the kept addresses are used as they are: shown here by a merge that comes two days late instead.
        w.Time.Advance(TimeSpan.FromDays(2));
        await w.DeliverAsync(merge);

        Assert.Equal([stays.Id], w.Sender.AcceptedReaders);
        Assert.Equal(0, (await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None)).Pending);
    }

    [Fact]
    public async Task TransportThrowing_RecordsTheRequestUnanswered_SoTheRetryResendsItAtOnce()
    {
        var w = Create();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        var reader = await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        w.Sender.ThrowNext = true;

        await Assert.ThrowsAsync<IOException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        var chunk = (await w.Ledger.ListAsync(edition.Id, 7, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Bucket);
        Assert.Equal(ChunkState.Unanswered, chunk.State);
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((1, 1, 0), (status.Pending, status.Unanswered, status.InFlight));

        // The queue's retry (no lease to wait for: nobody is sending it) resends it, counted.
        var retry = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);

        Assert.Empty(w.Publisher.Later);
        Assert.Equal([reader.Id], w.Sender.AcceptedReaders);
        Assert.Equal((1, 1), (retry.Sent, retry.UnknownResends));
    }

    [Fact]
    public async Task NotAccepted_ThrowsForARetry_AndTheRetrySendsOnlyThatChunk_WithTheReadersFixedWhenFormed()
    {
        var w = Create();
        await w.PublishAsync("Quantum sensors");
        var readers = new List<Reader>();
        for (var i = 0; i < 5; i++)
        {
            readers.Add(await w.ReaderAsync([]));
        }

        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.NotAccepted, "429"));
        w.Delivery.MaxConcurrentRequests = 1;

        // Bucket 7: a full chunk of 3 (not taken this time) and a remainder of 2 (left to the merge).
        var first = await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        Assert.Equal((3, 0), (first.Outcome.Pending, first.Outcome.Sent));

        // Between the deliveries a reader of the failed chunk leaves, and a new one arrives after the
        // bucket has formed its chunks: the new one gets the next edition.
        await w.MoveAsync(readers[0], ReaderState.Unsubscribed);
        var late = await w.ReaderAsync([]);
        await w.DeliverAllAsync(edition);

        var accepted = w.Sender.AcceptedReaders.ToArray();
        Assert.Equal(accepted.Length, accepted.Distinct().Count());
        Assert.Equal(readers.Skip(1).Select(r => r.Id).Order(), accepted.Order());
        Assert.DoesNotContain(late.Id, accepted);
        var chunk = (await w.Ledger.ListAsync(edition.Id, 7, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Bucket);
        Assert.Equal((ChunkState.Sent, 2, null), (chunk.State, chunk.Attempts, chunk.Error));
        Assert.Equal(readers.Take(3).Select(r => r.Id), chunk.ReaderIds);
        Assert.Equal(0, (await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None)).Pending);
    }

    [Fact]
    public async Task UnknownOutcome_IsResentOnceForEachUnknownAnswer_AndCounted_UntilAnswered()
    {
        var w = Create();
        w.Delivery.ChunkSize = 2;
        await w.PublishAsync("Quantum sensors");
        for (var i = 0; i < 2; i++)
        {
            await w.ReaderAsync([]);
        }

        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Unknown, "timeout"));
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Unknown, "timeout"));

        var first = await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        var second = await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        var third = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);

        Assert.Equal((2, 0), (first.Outcome.Pending, first.Outcome.UnknownResends));
        Assert.Equal((2, 1), (second.Outcome.Pending, second.Outcome.UnknownResends));
        Assert.Equal(3, w.Sender.Requests.Count);
        Assert.Equal((2, 0, 2), (third.Sent, third.Unknown, third.UnknownResends));
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((2, 0, 2), (status.Sent, status.Unknown, status.UnknownResends));
    }

    [Fact]
    public async Task UnknownOutcome_ResentOnce_CanSucceed_AndNeverResendSendsNothingMore()
    {
        var w = Create();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Unknown, "connection dropped"));

        await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        var resent = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);
        Assert.Equal((1, 1), (resent.Sent, resent.UnknownResends));

        var v = Create();
        v.Delivery.UnknownOutcome = DeliveryOptions.NeverResend;
        v.Delivery.ChunkSize = 1;
        await v.PublishAsync("Quantum sensors");
        await v.ReaderAsync([]);
        var other = await v.ComposeAsync();
        v.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Unknown, "timeout"));
        await Assert.ThrowsAsync<DispatchIncompleteException>(() => v.Dispatcher().DispatchAsync(Bucket7(other), null, CancellationToken.None));
        var given = await v.Dispatcher().DispatchAsync(Bucket7(other), null, CancellationToken.None);
        Assert.Single(v.Sender.Requests);
        Assert.Equal((0, 1, 0), (given.Sent, given.Unknown, given.UnknownResends));
    }

    [Fact]
    public async Task Rejected_FailsTheChunkForGood()
    {
        var w = Create();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Rejected, "400 invalid"));

        var outcome = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);
        await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);

        Assert.Equal((0, 1, 0), (outcome.Sent, outcome.Failed, outcome.Pending));
        Assert.Single(w.Sender.Requests);
        Assert.Equal("400 invalid", (await w.Ledger.ListAsync(edition.Id, 7, CancellationToken.None)).Single().Error);
    }

    [Fact]
    public async Task PoisonedBucket_MarksTheEditionIncomplete_AndItsChunksStayPending()
    {
        var w = Create();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.NotAccepted, "500"));
        await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));

        await w.Dispatcher().MarkIncompleteAsync(Bucket7(edition), CancellationToken.None);

        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.True(status.Incomplete);
        Assert.Equal([7], status.IncompleteBuckets);
        Assert.Equal((1, 1, 0), (status.Chunks, status.Pending, status.Sent));
        Assert.Equal(EditionState.Incomplete, EditionStates.Of(edition, status));
        Assert.Equal((DeliveryOutcome.Incomplete, 0), (await w.Editions.GetAsync(edition.Id, CancellationToken.None))!.Delivery is { } d ? (d.Outcome, d.Sent) : default);
    }

    [Fact]
    public async Task State_MovesFromComposedThroughSendingToSent_AndTheArchiveListsOnlyEditionsThatWentToSomeone()
    {
        var w = Create();
        await w.PublishAsync("Quantum sensors");
        var readers = new[] { await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 9) };
        var sent = await w.ComposeAsync();
        Assert.Equal(EditionState.Composed, EditionStates.Of(sent, await w.Dispatcher().StatusAsync(sent.Id, CancellationToken.None)));

        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(sent.Id, bucket));
        }

        // Every bucket planned, the remainders not merged yet: still sending.
        Assert.Equal(EditionState.Sending, EditionStates.Of(sent, await w.Dispatcher().StatusAsync(sent.Id, CancellationToken.None)));
        Assert.Null((await w.Editions.GetAsync(sent.Id, CancellationToken.None))!.Delivery);
        foreach (var merge in w.Publisher.Messages.ToArray())
        {
            await w.DeliverAsync(merge);
        }

        Assert.Equal(EditionState.Sent, EditionStates.Of(sent, await w.Dispatcher().StatusAsync(sent.Id, CancellationToken.None)));
        var recorded = (await w.Editions.GetAsync(sent.Id, CancellationToken.None))!.Delivery!;
        Assert.Equal((DeliveryOutcome.Sent, 2), (recorded.Outcome, recorded.Sent));

        // The next day: an update, but every reader left before it was sent; it went to nobody.
        await w.PublishAtAsync(Seven.AddHours(20), "Catalyst splits water");
        var nobody = await w.ComposeAsync(Seven.AddDays(1));
        foreach (var reader in readers)
        {
            await w.MoveAsync(reader, ReaderState.Unsubscribed);
        }

        var status = await w.Dispatcher().DispatchAllAsync(nobody, null, CancellationToken.None);
        Assert.Equal((EditionState.Sent, 0), (EditionStates.Of(nobody, status), status.Sent));
        // The day after: nothing published; and a variant nobody reads.
        var empty = await w.ComposeAsync(Seven.AddDays(2));
        Assert.Equal(EditionState.Empty, EditionStates.Of(empty, await w.Dispatcher().StatusAsync(empty.Id, CancellationToken.None)));

        var archive = await w.Archive().ListAsync(100, CancellationToken.None);

        Assert.Equal([sent.Id], archive.Select(e => e.Id));
    }

    [Fact]
    public async Task AHeldEdition_IsNeitherStartedNorSent_ByAnyDoor_UntilApproved()
    {
        var w = Create();
        w.Digest.RequireApproval = true;
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var held = await w.ComposeAsync();

        var started = await w.Dispatcher().StartAsync(held, CancellationToken.None);
        var stray = await w.Dispatcher().DispatchAsync(Bucket7(held), null, CancellationToken.None);
        var status = await w.Dispatcher().DispatchAllAsync(held, null, CancellationToken.None);

        Assert.False(started);
        Assert.Empty(w.Publisher.Messages);
        Assert.Equal(0, stray.Chunks);
        Assert.Empty(w.Sender.Requests);
        Assert.Equal(EditionState.Held, EditionStates.Of(held, status));
        Assert.Empty(await w.Archive().ListAsync(10, CancellationToken.None));

        Assert.True(await w.Editions.TryDecideAsync(held.Id, EditionApproval.Approved, new EditionDecision("alice@example.org", Seven), CancellationToken.None));
        var approved = (await w.Editions.GetAsync(held.Id, CancellationToken.None))!;
        Assert.True(await w.Dispatcher().StartAsync(approved, CancellationToken.None));
        Assert.Equal(ReaderIdentity.Buckets, w.Publisher.Messages.Count);
    }

    [Fact]
    public async Task Start_EnqueuesOneMessagePerBucket_Once()
    {
        var w = Create();
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();

        Assert.True(await w.Dispatcher().StartAsync(edition, CancellationToken.None));
        Assert.False(await w.Dispatcher().StartAsync(edition, CancellationToken.None));

        Assert.Equal(Enumerable.Range(0, ReaderIdentity.Buckets), w.Publisher.Messages.Select(m => Assert.IsType<DispatchRequest>(m).Bucket));
        Assert.All(w.Publisher.Messages, m => Assert.Equal(edition.Id, m.EditionId));
    }

    [Fact]
    public async Task EmptyEdition_StartsNothing()
    {
        var w = Create();
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();

        Assert.Equal(EditionStatus.Empty, edition.Status);
        Assert.False(await w.Dispatcher().StartAsync(edition, CancellationToken.None));
        Assert.Empty(w.Publisher.Messages);
    }
}
