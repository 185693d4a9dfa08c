using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Delivery;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Monitoring;

public sealed class NewsletterMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddNewsletterCore().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private NewsletterMetrics Metrics => _services.GetRequiredService<NewsletterMetrics>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Uploads_AreCountedByOutcomeAndCode()
    {
        using var uploads = new MetricCollector<long>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.Uploads);

        Metrics.Upload(Record(ReleaseState.Published));
        Metrics.Upload(Record(ReleaseState.Rejected) with { Rejection = new Rejection(RejectionCodes.TooLarge, "too large") });

        var measured = uploads.GetMeasurementSnapshot();
        Assert.Equal(2, measured.Count);
        Assert.Equal(("accepted", "published"), (measured[0].Tags["outcome"], measured[0].Tags["code"]));
        Assert.Equal(("rejected", RejectionCodes.TooLarge), (measured[1].Tags["outcome"], measured[1].Tags["code"]));
    }

    [Fact]
    public void SignupsAndConfirmations_AreCountedByOutcome()
    {
        using var signups = new MetricCollector<long>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.Signups);
        using var confirmations = new MetricCollector<long>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.Confirmations);
        SignupForm form = null!; // the page model plays no part in the count

        Metrics.Signup(new SubmitResult(SubmitStatus.Accepted, new Dictionary<string, string>(), form));
        Metrics.Signup(new SubmitResult(SubmitStatus.Accepted, new Dictionary<string, string>(), form) { Dropped = "honeypot" });
        Metrics.Confirmation(new ConfirmResult(ConfirmStatus.Confirmed, LinkProblem.None));

        Assert.Equal(["accepted", "dropped"], signups.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
        Assert.Equal("confirmed", Assert.Single(confirmations.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task AChunk_CountsItsRecipientsAsMailsOfItsEdition_AndItsTimeAsLatency()
    {
        using var mails = new MetricCollector<long>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.Mails);
        using var latency = new MetricCollector<double>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.ChunkDuration);
        var time = new FakeTimeProvider();
        var sender = new MeteredBulkMailSender(new SlowSender(time, TimeSpan.FromMilliseconds(1500), BulkSendStatus.NotAccepted), Metrics, time);

        await sender.SendAsync(Message("daily-20261130T0700", recipients: 3), CancellationToken.None);

        var sent = Assert.Single(mails.GetMeasurementSnapshot());
        Assert.Equal(3, sent.Value);
        Assert.Equal(("not_accepted", "daily-20261130T0700"), (sent.Tags["outcome"], sent.Tags["edition"]));
        Assert.Equal(1.5, Assert.Single(latency.GetMeasurementSnapshot()).Value, 3);
    }

    [Fact]
    public async Task PoisonQueueDepths_AreReportedAsAGaugePerQueue()
    {
        using var depth = new MetricCollector<long>(Meters, NewsletterMetrics.MeterName, NewsletterMetrics.Names.PoisonQueueDepth);
        var monitor = new PoisonQueueMonitor(new FixedQueues(new() { ["mail-poison"] = 2, ["signups-poison"] = 0 }), Metrics, NullLogger<PoisonQueueMonitor>.Instance);

        await monitor.MeasureAsync(CancellationToken.None);
        depth.RecordObservableInstruments();

        var measured = depth.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["queue"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["mail-poison"] = 2, ["signups-poison"] = 0 }, measured);
    }

    private static ReleaseRecord Record(ReleaseState state) =>
        new() { MemberId = "kth", ReleaseId = "r1", FileName = "a.md", State = state };

    private static BulkMessage Message(string edition, int recipients) => new(
        "updates@example.org", "Network Updates", "Subject", "<p>hi</p>", "hi",
        new Dictionary<string, string>(), [],
        Enumerable.Range(0, recipients).Select(i => new Personalization(
            $"r{i}@example.org", null, new Dictionary<string, string>(), new Dictionary<string, string>(),
            new Dictionary<string, string> { ["edition_id"] = edition, ["reader_id"] = $"r{i}" })).ToList());

    private sealed class SlowSender(FakeTimeProvider time, TimeSpan takes, BulkSendStatus status) : IBulkMailSender
    {
        public Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
        {
            time.Advance(takes);
            return Task.FromResult(new BulkSendResult(status));
        }
    }

    private sealed class FixedQueues(Dictionary<string, long> depths) : IPoisonQueues
    {
        public IReadOnlyList<string> Names => [.. depths.Keys];

        public Task<long> ApproximateCountAsync(string queue, CancellationToken cancellationToken) => Task.FromResult(depths[queue]);
    }
}
