using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Infrastructure.Editions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Delivery;

/// <summary>The dispatch engine on Azurite: real ledger, real readers and editions; the transport records and fails on demand.</summary>
[Collection(AzuriteCollection.Name)]
public class EditionDispatcherTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Seven = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Records every request; answers each with the next scripted result, then Accepted.</summary>
    private sealed class ScriptedSender : IBulkMailSender
    {
        public ConcurrentQueue<BulkSendResult> Script { get; } = new();
        public ConcurrentBag<(BulkMessage Message, BulkSendStatus Status)> Requests { get; } = [];

        /// <summary>Makes the next request fail with an exception after it went out, as a broken transport would.</summary>
        public bool ThrowNext { get; set; }

        public Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
        {
            if (ThrowNext)
            {
                ThrowNext = false;
                throw new IOException("connection reset while writing the body");
            }

            var result = Script.TryDequeue(out var next) ? next : BulkSendResult.Accepted;
            Requests.Add((message, result.Status));
            return Task.FromResult(result);
        }

        public IEnumerable<string> AcceptedReaders => Requests.Where(r => r.Status == BulkSendStatus.Accepted)
            .SelectMany(r => r.Message.Personalizations).Select(p => p.CustomArgs["reader_id"]);
    }

    private sealed class RecordingPublisher : IDispatchPublisher
    {
        public List<DispatchWork> Messages { get; } = [];

        public List<(DispatchWork Request, TimeSpan Delay)> Later { get; } = [];

        /// <summary>Makes the next enqueue fail, as a storage outage would.</summary>
        public bool FailNext { get; set; }

        public Task EnqueueAsync(IReadOnlyList<DispatchWork> requests, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("queue unavailable");
            }

            Messages.AddRange(requests);
            return Task.CompletedTask;
        }

        public Task EnqueueLaterAsync(DispatchWork request, TimeSpan delay, CancellationToken cancellationToken)
        {
            Later.Add((request, delay));
            return Task.CompletedTask;
        }
    }

    private sealed class World
    {
        public required StorageClients Clients { get; init; }
        public required TableReaderStore Readers { get; init; }
        public required TableEditionStore Editions { get; init; }
        public required TableUpdateStore Updates { get; init; }
        public required TableDispatchLedger Ledger { get; init; }
        public required FakeTimeProvider Time { get; init; }
        public ScriptedSender Sender { get; } = new();
        public RecordingPublisher Publisher { get; } = new();
        public DeliveryOptions Delivery { get; } = new() { ChunkSize = 3 };
        private int _next;

        public TokenService Tokens => new(Options.Create(new TokenOptions { Keys = $"k:{Key}" }), Time);

        public EditionDispatcher Dispatcher()
        {
            var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org", NetworkName = "Test Network" });
            return EditionDispatcher.Create(Editions, Readers, Ledger, Publisher, Sender, Tokens,
                new Links(app, Options.Create(new SubscriptionOptions())), Options.Create(Delivery),
                Options.Create(new MailOptions { From = "updates@news.example.org" }), app, Time, NullLoggerFactory.Instance);
        }

        public async Task<Edition> ComposeAsync(DateTimeOffset? at = null)
        {
            var renderer = new EditionRenderer(new EditionTemplates(new BlobTemplateStore(Clients), NullLogger<EditionTemplates>.Instance),
                Options.Create(new AppOptions { BaseUrl = "https://news.example.org" }), Options.Create(new DigestOptions()));
            var composer = new EditionComposer(Editions, Updates, new EmbargoService(Updates, Options.Create(new AppOptions()), Time, NullLogger<EmbargoService>.Instance), Readers, renderer, Time, NullLogger<EditionComposer>.Instance);
            return (await composer.ComposeAsync(Frequency.Daily, at ?? Seven, CancellationToken.None)).Edition;
        }

        public async Task PublishAsync(string title, params string[] topics) => await PublishAtAsync(Seven.AddHours(-2), title, topics);

        public async Task PublishAtAsync(DateTimeOffset at, string title, params string[] topics)
        {
            var id = $"u{Interlocked.Increment(ref _next):D4}";
            await Updates.TryAddAsync(TestData.PublishedUpdate(id, title, at, topics), CancellationToken.None);
        }

        public EditionArchive Archive() => new(Editions, new DispatchStatusReport(Ledger), Time);

        /// <summary>An active daily reader, in bucket 7 unless told (ids sort in creation order).</summary>
        public async Task<Reader> ReaderAsync(string[] topics, Frequency frequency = Frequency.Daily, string? name = null, int bucket = 7)
        {
            var n = Interlocked.Increment(ref _next);
            var reader = TestData.ActiveReader($"{n:x32}", bucket, $"reader{n}@example.org", Seven.AddDays(-29), frequency, topics, name);
            await Readers.SaveAsync(reader, CancellationToken.None);
            return reader;
        }

        /// <summary>
        /// As the queue would: every bucket message once, then the merge messages the last planned bucket
        /// enqueued. Returns the merge messages delivered.
        /// </summary>
        public async Task<IReadOnlyList<DispatchWork>> DeliverAllAsync(Edition edition)
        {
            Publisher.Messages.Clear();
            for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
            {
                await DeliverAsync(new DispatchRequest(edition.Id, bucket));
            }

            var merges = Publisher.Messages.ToArray();
            foreach (var merge in merges)
            {
                await DeliverAsync(merge);
            }

            return merges;
        }

        /// <summary>One delivery of a message; a chunk left pending (the queue would retry) is not an error here.</summary>
        public async Task DeliverAsync(DispatchWork request)
        {
            try
            {
                await Dispatcher().DispatchAsync(request, null, CancellationToken.None);
            }
            catch (DispatchIncompleteException)
            {
            }
        }

        public async Task MoveAsync(Reader reader, ReaderState to)
        {
            var stored = (await Readers.GetAsync(reader.Id, reader.Bucket, CancellationToken.None))!;
            Assert.True(to == ReaderState.Erased ? stored.Erase(Seven, "test") : stored.ApplyFeedback(to, Seven, "test"));
            await Readers.SaveAsync(stored, CancellationToken.None);
        }
    }

    private async Task<World> CreateAsync()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        return new World
        {
            Clients = clients,
            Readers = new TableReaderStore(clients),
            Editions = new TableEditionStore(clients),
            Updates = new TableUpdateStore(clients),
            Ledger = new TableDispatchLedger(clients),
            Time = new FakeTimeProvider(Seven),
        };
    }

    private static DispatchRequest Bucket7(Edition edition) => new(edition.Id, 7);

    [Fact]
    public async Task Bucket_SendsEachMailableReaderOnce_InChunksPerVariant_WithTheirOwnLinksAndHeaders()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors", "research");
        var all = new List<Reader>();
        for (var i = 0; i < 4; i++)
        {
            all.Add(await w.ReaderAsync([], name: i == 0 ? "Jane <Doe>" : null));
        }

        var research = new List<Reader> { await w.ReaderAsync(["Research "]), await w.ReaderAsync(["research"]) };
        var fundingOnly = await w.ReaderAsync(["funding"]);
        var weekly = await w.ReaderAsync([], Frequency.Weekly);
        var edition = await w.ComposeAsync();
        var leftBeforeSend = await w.ReaderAsync([]);
        await w.MoveAsync(leftBeforeSend, ReaderState.Unsubscribed);
        await w.MoveAsync(all[3], ReaderState.Bounced);

        var merges = await w.DeliverAllAsync(edition);

        var expected = all.Take(3).Concat(research).Select(r => r.Id).Order().ToArray();
        Assert.Equal(expected, w.Sender.AcceptedReaders.Order().ToArray());
        // 3 "all topics" readers = one full chunk of 3 sent by bucket 7; the 2 research readers are its
        // remainder, sent by the research variant's merge; the funding variant matches no update.
        Assert.Equal([2, 3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count).Order().ToArray());
        Assert.Equal(edition.Variants.Count(v => !v.Skipped), merges.Count);
        Assert.All(merges, m => Assert.IsType<MergeRequest>(m));
        Assert.DoesNotContain(w.Sender.AcceptedReaders, id => id == fundingOnly.Id || id == weekly.Id);

        var message = w.Sender.Requests.Select(r => r.Message).Single(m => m.Personalizations.Count == 3);
        Assert.Equal(["daily", "digest"], message.Categories);
        Assert.Equal("Test Network <digest.news.example.org>", message.Headers["List-Id"]);
        Assert.Contains(ReaderPlaceholders.UnsubscribeUrl, message.Html, StringComparison.Ordinal);
        var jane = message.Personalizations.Single(p => p.Address == all[0].Address);
        Assert.Equal("Hello Jane Doe,", jane.Substitutions[ReaderPlaceholders.Greeting]);
        Assert.Equal(new Dictionary<string, string> { ["edition_id"] = edition.Id, ["reader_id"] = all[0].Id }, jane.CustomArgs);
        var unsubscribe = jane.Substitutions[ReaderPlaceholders.UnsubscribeUrl];
        Assert.StartsWith("https://news.example.org/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal($"<{unsubscribe}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>", jane.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", jane.Headers["List-Unsubscribe-Post"]);
        var token = Uri.UnescapeDataString(unsubscribe[(unsubscribe.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(all[0].Id, w.Tokens.Verify(token, TokenPurpose.Unsubscribe).Claims!.Subject);
        Assert.DoesNotContain(message.Personalizations.SelectMany(p => p.CustomArgs.Values), v => v.Contains('@', StringComparison.Ordinal));
        var merged = w.Sender.Requests.Select(r => r.Message).Single(m => m.Personalizations.Count == 2);
        Assert.Equal(research.Select(r => r.Address).Order(), merged.Personalizations.Select(p => p.Address).Order());

        // Delivered again (duplicate messages): everything is sent, nothing goes out twice.
        var again = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);
        foreach (var merge in merges)
        {
            await w.DeliverAsync(merge);
        }

        Assert.Equal(2, w.Sender.Requests.Count);
        Assert.Equal(3, again.Sent);
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((2, 5, 0, 0, 0), (status.Chunks, status.Sent, status.Failed, status.Unknown, status.Pending));
    }

    [Fact]
    public async Task Remainders_AreMergedAcrossBuckets_OnlyOnceEveryBucketIsPlanned_AndThenForgetTheirAddresses()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new List<Reader>();
        foreach (var (bucket, count) in new[] { (3, 2), (7, 4), (9, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                readers.Add(await w.ReaderAsync([], bucket: bucket));
            }
        }

        var edition = await w.ComposeAsync();
        var merge = new MergeRequest(edition.Id, edition.Variants[0].Key);

        // A merge delivered before every bucket has formed its chunks sends nothing and is retried.
        await Assert.ThrowsAsync<InvalidOperationException>(() => w.Dispatcher().DispatchAsync(merge, null, CancellationToken.None));
        for (var bucket = 0; bucket < ReaderIdentity.Buckets - 1; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        Assert.Empty(w.Publisher.Messages);
        Assert.Equal([3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count));
        Assert.Equal(5, (await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None)).Pending);

        await w.DeliverAsync(new DispatchRequest(edition.Id, ReaderIdentity.Buckets - 1));
        Assert.Equal([merge], w.Publisher.Messages);
        await w.DeliverAsync(merge);
        await w.DeliverAsync(merge);

        // 8 readers in chunks of 3: 3 requests (2 + 4 + 2 per bucket would have been 4), each reader once.
        Assert.Equal([2, 3, 3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count).Order());
        Assert.Equal(readers.Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((3, 8, 0), (status.Chunks, status.Sent, status.Pending));
        var remainders = new List<DispatchChunk>();
        await foreach (var remainder in w.Ledger.ListRemaindersAsync(edition.Id, edition.Variants[0].Key, CancellationToken.None))
        {
            remainders.Add(remainder);
        }

        Assert.Equal([3, 7, 9], remainders.Select(r => r.Bucket));
        Assert.All(remainders, r => Assert.Equal((ChunkState.Merged, 0), (r.State, r.Recipients.Count)));
    }

    [Fact]
    public async Task Status_CountsRemainderReaders_NotYetInAMergedChunk_AsPending()
    {
        var w = await CreateAsync();
        DispatchChunk Chunk(int bucket, ChunkKind kind, int from, int count, ChunkState state = ChunkState.Formed) => new()
        {
            EditionId = "daily-20261130T0700", Bucket = bucket, Number = 0, VariantKey = "all", Kind = kind, State = state,
            ReaderIds = Enumerable.Range(from, count).Select(i => $"{i:x32}").ToArray(),
        };

        // Two remainders of 3 and 4 readers; a merge crashed after forming (and sending) its first chunk of 5.
        await w.Ledger.AddAsync([Chunk(2, ChunkKind.Remainder, 0, 3), Chunk(9, ChunkKind.Remainder, 3, 4),
            Chunk(DispatchChunk.MergedBucket(0), ChunkKind.Merged, 0, 5, ChunkState.Sent)], CancellationToken.None);

        var status = await w.Dispatcher().StatusAsync("daily-20261130T0700", CancellationToken.None);

        Assert.Equal((1, 5, 2, 7), (status.Chunks, status.Sent, status.Pending, status.Recipients));
    }

    [Fact]
    public async Task ChunkInFlightElsewhere_IsLeftAlone_AndTheMessageComesBackAfterTheLease_ThenResendsItCounted()
    {
        var w = await CreateAsync();
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
    public async Task BucketPlannedButMergesNotEnqueued_ItsRedeliveryEnqueuesThem_AndALateRemainderStaysOut()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new[] { await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 63) };
        var edition = await w.ComposeAsync();
        for (var bucket = 0; bucket < ReaderIdentity.Buckets - 1; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        // The last bucket plans, then fails to enqueue the merges: its redelivery does it.
        w.Publisher.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => w.Dispatcher().DispatchAsync(new DispatchRequest(edition.Id, 63), null, CancellationToken.None));
        Assert.Empty(w.Publisher.Messages);
        await w.DeliverAsync(new DispatchRequest(edition.Id, 63));
        var merge = Assert.Single(w.Publisher.Messages);
        await w.DeliverAsync(new DispatchRequest(edition.Id, 63));
        Assert.Single(w.Publisher.Messages);

        // A duplicate delivery that read the bucket before it was planned writes a remainder after it: left out.
        var late = await w.ReaderAsync([], bucket: 3);
        await w.Ledger.AddAsync([new DispatchChunk
        {
            EditionId = edition.Id, Bucket = 3, Number = 5, VariantKey = edition.Variants[0].Key,
            Kind = ChunkKind.Remainder, ReaderIds = [late.Id], Recipients = [new Recipient(late.Id, late.Address!, null)],
        }], CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => w.Ledger.MarkPlannedAsync(edition.Id, 3, 5, Seven, CancellationToken.None));
        await w.DeliverAsync(merge);

        Assert.Equal(readers.Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((2, 0), (status.Sent, status.Pending));
    }

    [Fact]
    public async Task MergeDaysAfterPlanning_ReadsTheReadersAgain_AndLeavesOutThoseWhoLeftOrErased()
    {
        var w = await CreateAsync();
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
        var w = await CreateAsync();
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
        var w = await CreateAsync();
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
        var w = await CreateAsync();
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
        var w = await CreateAsync();
        w.Delivery.ChunkSize = 1;
        await w.PublishAsync("Quantum sensors");
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();
        w.Sender.Script.Enqueue(new BulkSendResult(BulkSendStatus.Unknown, "connection dropped"));

        await Assert.ThrowsAsync<DispatchIncompleteException>(() => w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None));
        var resent = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);
        Assert.Equal((1, 1), (resent.Sent, resent.UnknownResends));

        var v = await CreateAsync();
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
        var w = await CreateAsync();
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
        var w = await CreateAsync();
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
        var w = await CreateAsync();
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
    public async Task Start_EnqueuesOneMessagePerBucket_Once()
    {
        var w = await CreateAsync();
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
        var w = await CreateAsync();
        await w.ReaderAsync([]);
        var edition = await w.ComposeAsync();

        Assert.Equal(EditionStatus.Empty, edition.Status);
        Assert.False(await w.Dispatcher().StartAsync(edition, CancellationToken.None));
        Assert.Empty(w.Publisher.Messages);
    }

    private async Task<(World World, Edition Edition, Reader[] Readers, DispatchWork Merge)> PlannedWithRemaindersAsync()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new[] { await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 9) };
        var edition = await w.ComposeAsync();
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        return (w, edition, readers, Assert.Single(w.Publisher.Messages));
    }

    [Fact]
    public async Task ForgettingAReader_BlanksItsAddressInEveryUnmergedRemainder_AndTheMergeLeavesItOut()
    {
        var (w, edition, readers, merge) = await PlannedWithRemaindersAsync();

        Assert.Equal(1, await w.Dispatcher().ForgetReaderAsync(readers[0].Id, 3, CancellationToken.None));
        Assert.Equal(0, await w.Dispatcher().ForgetReaderAsync(readers[0].Id, 3, CancellationToken.None));

        var remainder = (await w.Ledger.ListAsync(edition.Id, 3, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Remainder);
        Assert.Equal([readers[0].Id, readers[1].Id], remainder.ReaderIds);
        Assert.Equal([string.Empty, readers[1].Address], remainder.Recipients.Select(r => r.Address));
        await w.DeliverAsync(merge);
        Assert.Equal(readers.Skip(1).Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
    }

    [Fact]
    public async Task RemaindersUnmergedPastTheirRetention_DropTheirAddresses_AndALaterMergeReadsTheReadersAgain()
    {
        var (w, edition, readers, merge) = await PlannedWithRemaindersAsync();
        w.Time.Advance(TimeSpan.FromDays(w.Delivery.RemainderRetentionDays - 1));
        Assert.Equal(0, await w.Dispatcher().ExpireRemainderAddressesAsync(CancellationToken.None));

        w.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await w.Dispatcher().ExpireRemainderAddressesAsync(CancellationToken.None));

        foreach (var bucket in new[] { 3, 9 })
        {
            var remainder = (await w.Ledger.ListAsync(edition.Id, bucket, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Remainder);
            Assert.Equal((ChunkState.Formed, 0), (remainder.State, remainder.Recipients.Count));
            Assert.NotEmpty(remainder.ReaderIds);
        }

        await w.MoveAsync(readers[2], ReaderState.Erased);
        await w.DeliverAsync(merge);
        Assert.Equal(readers.Take(2).Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
    }
}
