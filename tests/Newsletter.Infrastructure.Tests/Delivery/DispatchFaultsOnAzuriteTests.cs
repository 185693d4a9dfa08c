using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
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
using Newsletter.Infrastructure.Mail;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Infrastructure.Tests.Mail;
using Newsletter.Testing;
using Xunit.Abstractions;

namespace Newsletter.Infrastructure.Tests.Delivery;

/// <summary>
/// 10,000 readers on Azurite, sent through the SendGrid transport to the stub over HTTP while a fifth
/// of the requests fail (429, 500, answers that never come, dropped connections): every reader must
/// end up in at least one accepted personalization, and in more than one only where the ledger counted
/// a resend after an unknown outcome. Chunks of 25 make each bucket send full chunks and leave
/// remainders, so both the bucket and the merge messages meet the faults (~400 requests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public class DispatchFaultsOnAzuriteTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Readers = 10_000;
    private const int ChunkSize = 25;
    private static readonly DateTimeOffset Seven = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly StubFault[] Kinds = [StubFault.RateLimited, StubFault.ServerError, StubFault.AcceptThenDelay, StubFault.DropBeforeAccept, StubFault.AcceptThenDrop];

    private sealed record Setup(EditionDispatcher Dispatcher, Edition Edition, IReadOnlyList<string> ReaderIds, TableDispatchLedger Ledger, ServiceProvider Services, FakeTimeProvider Time);

    private async Task<Setup> SetUpAsync(SendGridStub stub)
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var time = new FakeTimeProvider(Seven);
        var readers = new TableReaderStore(clients);
        var updates = new TableUpdateStore(clients);
        var editions = new TableEditionStore(clients);
        var ledger = new TableDispatchLedger(clients);
        foreach (var (id, topic) in new[] { ("u1", "research"), ("u2", "funding") })
        {
            await updates.TryAddAsync(TestData.PublishedUpdate(id, $"News on {topic}", Seven.AddHours(-2), [topic], summary: "summary"), CancellationToken.None);
        }

        var ids = new List<string>();
        for (var i = 0; i < Readers; i++)
        {
            ids.Add(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        }

        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (r, ct) =>
        {
            Assert.True(ReaderKey.TryParse(r.id, out var key));
            IReadOnlyList<string> topics = (r.i % 3) switch { 0 => [], 1 => ["Research"], _ => ["funding"] };
            await readers.SaveAsync(TestData.ActiveReader(r.id, key.Bucket, $"reader{r.i}@example.org", Seven.AddDays(-29), Frequency.Daily, topics), ct);
        });

        var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org" });
        var renderer = new EditionRenderer(new EditionTemplates(new BlobTemplateStore(clients), NullLogger<EditionTemplates>.Instance), app, Options.Create(new DigestOptions()));
        var edition = (await new EditionComposer(editions, updates, new EmbargoService(updates, app, time, NullLogger<EmbargoService>.Instance), readers, renderer, time, NullLogger<EditionComposer>.Instance, Options.Create(new DigestOptions()))
            .ComposeAsync(Frequency.Daily, Seven, CancellationToken.None)).Edition;
        var services = SendGridBulkMailSenderTests.Services(stub, timeoutSeconds: 1);
        var tokens = new TokenService(Options.Create(new TokenOptions { Keys = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}" }), time);
        var dispatcher = EditionDispatcher.Create(editions, readers, ledger, new QueueDispatchPublisher(clients), services.GetRequiredService<SendGridBulkMailSender>(),
            tokens, new Links(app, Options.Create(new SubscriptionOptions())), Options.Create(new DeliveryOptions { MaxConcurrentRequests = 8, ChunkSize = ChunkSize }),
            Options.Create(new MailOptions()), app, time, NullLoggerFactory.Instance);
        return new Setup(dispatcher, edition, ids, ledger, services, time);
    }

    /// <summary>A fifth of the requests fail, the kind chosen at random (seeded, so a failure can be replayed).</summary>
    private static Func<long, StubFault> FifthFail(int seed)
    {
        var random = new Random(seed);
        var gate = new Lock();
        return _ =>
        {
            lock (gate)
            {
                return random.NextDouble() < 0.2 ? Kinds[random.Next(Kinds.Length)] : StubFault.None;
            }
        };
    }

    /// <summary>Delivers every bucket message again until nothing is pending, as the queue would.</summary>
    private static async Task<DispatchStatus> RedeliverUntilDoneAsync(Setup setup)
    {
        DispatchStatus status;
        var rounds = 0;
        do
        {
            status = await setup.Dispatcher.DispatchAllAsync(setup.Edition, null, CancellationToken.None);
        }
        while (status.Pending > 0 && ++rounds < 10);

        return status;
    }

    private async Task AssertExactlyOnceAsync(Setup setup, SendGridStub stub, DispatchStatus status)
    {
        var chunks = new List<DispatchChunk>();
        // Every ledger bucket: the reader buckets, then one per variant for its merged chunks.
        for (var bucket = 0; bucket < DispatchChunk.MergedBucket(setup.Edition.Variants.Count); bucket++)
        {
            chunks.AddRange(await setup.Ledger.ListAsync(setup.Edition.Id, bucket, CancellationToken.None));
        }

        var sendChunks = chunks.Where(c => c.Kind != ChunkKind.Remainder).ToArray();
        var chunkOf = sendChunks.SelectMany(c => c.ReaderIds.Select(id => (id, c))).ToDictionary(x => x.id, x => x.c);
        var accepted = stub.Accepted.GroupBy(r => r.CustomArgs["reader_id"]).ToDictionary(g => g.Key, g => g.Count());

        // Every reader got a variant (each of the three topic sets has an update) and sits in exactly one chunk.
        Assert.Equal(setup.ReaderIds.Order(), chunkOf.Keys.Order());
        Assert.All(sendChunks, c => Assert.InRange(c.ReaderIds.Count, 1, ChunkSize));
        Assert.All(chunks.Where(c => c.Kind == ChunkKind.Remainder), c => Assert.Equal((ChunkState.Merged, 0), (c.State, c.Recipients.Count)));
        // Remainders merged across buckets: no more chunks than a single stream per variant would need.
        var perVariant = sendChunks.GroupBy(c => c.VariantKey).Select(g => (Readers: g.Sum(c => c.ReaderIds.Count), Chunks: g.Count())).ToArray();
        Assert.All(perVariant, v => Assert.Equal((v.Readers + ChunkSize - 1) / ChunkSize, v.Chunks));
        Assert.Equal((0, 0, 0), (status.Pending, status.Failed, status.Unknown));

        var lost = setup.ReaderIds.Where(id => !accepted.ContainsKey(id)).ToArray();
        var doubled = accepted.Where(a => a.Value > 1).Select(a => a.Key).ToArray();
        Assert.Empty(lost);
        // A reader gets the edition more than once only where the ledger counted a resend after an unknown outcome.
        Assert.All(accepted, a => Assert.True(a.Value <= 1 + chunkOf[a.Key].UnknownResends,
            $"reader {a.Key} accepted {a.Value} times; its chunk counts {chunkOf[a.Key].UnknownResends} resends after an unknown outcome"));
        Assert.Equal(Readers, status.Sent);
        Assert.Equal(Readers, accepted.Count);
        output.WriteLine($"requests {stub.Requests}, faults {string.Join(", ", stub.FaultCounts)}; readers {Readers}: lost {lost.Length}, doubled {doubled.Length}; " +
            $"ledger: sent {status.Sent}, resends after unknown {status.UnknownResends} chunks, {status.Chunks} chunks ({sendChunks.Count(c => c.Kind == ChunkKind.Merged)} merged)");
    }

    [Fact]
    public async Task AFifthOfRequestsFailing_NoReaderIsLost_AndDuplicatesOnlyFromCountedUnknownOutcomes()
    {
        await using var stub = await SendGridStub.StartAsync();
        stub.Delay = TimeSpan.FromSeconds(2);
        var setup = await SetUpAsync(stub);
        await using var services = setup.Services;
        stub.Faults = FifthFail(seed: 6);

        var status = await RedeliverUntilDoneAsync(setup);

        await AssertExactlyOnceAsync(setup, stub, status);
        Assert.True(stub.FaultCounts.Keys.Count >= 4, $"faults injected: {string.Join(", ", stub.FaultCounts)}");
        Assert.True(stub.FaultCounts.Values.Sum() >= 0.1 * stub.Requests, $"{stub.FaultCounts.Values.Sum()} faults in {stub.Requests} requests");
    }

    [Fact]
    public async Task DispatcherKilledMidEdition_AndRedelivered_NoReaderIsLost_AndDuplicatesOnlyFromCountedUnknownOutcomes()
    {
        await using var stub = await SendGridStub.StartAsync();
        stub.Delay = TimeSpan.FromSeconds(2);
        var setup = await SetUpAsync(stub);
        await using var services = setup.Services;
        using var kill = new CancellationTokenSource();
        var faults = FifthFail(seed: 11);
        stub.Faults = n =>
        {
            if (n == 60)
            {
                kill.Cancel();
            }

            return faults(n);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => setup.Dispatcher.DispatchAllAsync(setup.Edition, null, kill.Token));
        var afterKill = await setup.Dispatcher.StatusAsync(setup.Edition.Id, CancellationToken.None);
        Assert.True(afterKill.Pending > 0, "the kill came after everything was sent");

        // The queue brings the message of a dead dispatcher back after its lease (10 minutes); until
        // then a chunk in flight belongs to whoever is sending it.
        setup.Time.Advance(TimeSpan.FromSeconds(new DeliveryOptions().InFlightLeaseSeconds + 1));

        var status = await RedeliverUntilDoneAsync(setup);

        await AssertExactlyOnceAsync(setup, stub, status);
    }
}
