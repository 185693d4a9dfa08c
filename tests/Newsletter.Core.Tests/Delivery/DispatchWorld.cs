using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Testing;

// Compiled into Newsletter.Core.Tests and, linked, into Newsletter.Infrastructure.Tests: one world, two sets of stores.
namespace Newsletter.Core.Tests.Delivery;

/// <summary>Records every request; answers each with the next scripted result, then Accepted.</summary>
internal sealed class ScriptedSender : IBulkMailSender
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

internal sealed class RecordingPublisher : IDispatchPublisher
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

/// <summary>
/// The dispatch engine over the given stores (in memory for Core's tests, on Azurite for Infrastructure's), with the real
/// composer, renderer and dispatcher; the transport records and fails on demand, the queue records what is put on it.
/// </summary>
internal sealed class DispatchWorld(IReaderStore readers, IEditionStore editions, IUpdateStore updates, IDispatchLedger ledger, ITemplateStore templates)
{
    public static readonly DateTimeOffset Seven = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public IReaderStore Readers { get; } = readers;
    public IEditionStore Editions { get; } = editions;
    public IUpdateStore Updates { get; } = updates;
    public IDispatchLedger Ledger { get; } = ledger;
    public FakeTimeProvider Time { get; } = new(Seven);
    public ScriptedSender Sender { get; } = new();
    public RecordingPublisher Publisher { get; } = new();
    public DeliveryOptions Delivery { get; } = new() { ChunkSize = 3 };
    public DigestOptions Digest { get; } = new();
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
        var renderer = new EditionRenderer(new EditionTemplates(templates, NullLogger<EditionTemplates>.Instance),
            Options.Create(new AppOptions { BaseUrl = "https://news.example.org" }), Options.Create(new DigestOptions()));
        var composer = new EditionComposer(Editions, Updates, new EmbargoService(Updates, Options.Create(new AppOptions()), Time, NullLogger<EmbargoService>.Instance), Readers, renderer, Time, NullLogger<EditionComposer>.Instance, Options.Create(Digest));
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

    public static DispatchRequest Bucket7(Edition edition) => new(edition.Id, 7);
}
