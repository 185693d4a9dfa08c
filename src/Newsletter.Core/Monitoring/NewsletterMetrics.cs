using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Newsletter.Core.Delivery;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Monitoring;

/// <summary>
/// The operator's numbers, on one <see cref="Meter"/> named <see cref="MeterName"/>: what the alerts in
/// <c>infra/modules/alerts.bicep</c> watch. Plain System.Diagnostics.Metrics, so Core knows no exporter: the Function
/// App sends the meter to Azure Monitor through OpenTelemetry, the local host listens to it itself.
/// Instrument names and tags are part of the alert rules: change them together.
/// </summary>
public sealed class NewsletterMetrics
{
    public const string MeterName = "Newsletter";

    public static class Names
    {
        public const string Uploads = "newsletter.uploads";
        public const string Signups = "newsletter.signups";
        public const string Confirmations = "newsletter.confirmations";
        public const string Mails = "newsletter.mails";
        public const string ChunkDuration = "newsletter.chunk.duration";
        public const string Feedback = "newsletter.feedback";
        public const string IncompleteEditions = "newsletter.editions.incomplete";
        public const string PoisonQueueDepth = "newsletter.queue.poison.depth";
    }

    private readonly Counter<long> _uploads;
    private readonly Counter<long> _signups;
    private readonly Counter<long> _confirmations;
    private readonly Counter<long> _mails;
    private readonly Histogram<double> _chunkDuration;
    private readonly Counter<long> _feedback;
    private readonly Counter<long> _incomplete;
    private readonly ConcurrentDictionary<string, long> _poisonDepths = new(StringComparer.Ordinal);

    public NewsletterMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _uploads = meter.CreateCounter<long>(Names.Uploads, "{upload}", "Uploads ingested, by outcome (accepted, rejected) and code (the state or the rejection code)");
        _signups = meter.CreateCounter<long>(Names.Signups, "{post}", "Signup posts, by outcome (accepted, dropped, invalid, limited)");
        _confirmations = meter.CreateCounter<long>(Names.Confirmations, "{confirmation}", "Confirmation links followed, by outcome (confirmed, already, failed)");
        _mails = meter.CreateCounter<long>(Names.Mails, "{mail}", "Digest mails handed to the transport, by outcome (accepted, rejected, not_accepted, unknown) and edition");
        _chunkDuration = meter.CreateHistogram<double>(Names.ChunkDuration, "s", "Time one chunk (one transport request) took, by outcome");
        _feedback = meter.CreateCounter<long>(Names.Feedback, "{event}", "Provider events that changed a reader, by kind (bounced, complained, unsubscribed) and edition");
        _incomplete = meter.CreateCounter<long>(Names.IncompleteEditions, "{bucket}", "Dispatch messages given up after their last attempt, by edition");
        meter.CreateObservableGauge(Names.PoisonQueueDepth, ObservePoisonDepths, "{message}", "Approximate message count of each poison queue, as last read");
    }

    public void Upload(ReleaseRecord record)
    {
        var rejected = record.State == ReleaseState.Rejected;
        _uploads.Add(1, new TagList
        {
            { "outcome", rejected ? "rejected" : "accepted" },
            { "code", rejected ? record.Rejection?.Code ?? "unknown" : ReleaseStates.Name(record.State) },
        });
    }

    public void Signup(SubmitResult result) =>
        _signups.Add(1, new KeyValuePair<string, object?>("outcome", result.Status switch
        {
            SubmitStatus.Accepted when result.Dropped is not null => "dropped",
            SubmitStatus.Accepted => "accepted",
            SubmitStatus.Invalid => "invalid",
            _ => "limited",
        }));

    public void Confirmation(ConfirmResult result) =>
        _confirmations.Add(1, new KeyValuePair<string, object?>("outcome", result.Status switch
        {
            ConfirmStatus.Confirmed => "confirmed",
            ConfirmStatus.AlreadyConfirmed => "already",
            _ => "failed",
        }));

    /// <summary>One chunk's send: its recipients count as mails of the outcome, its time as chunk latency.</summary>
    public void Chunk(string? editionId, int recipients, BulkSendStatus status, TimeSpan elapsed)
    {
        var outcome = Outcome(status);
        _mails.Add(recipients, new TagList { { "outcome", outcome }, { "edition", editionId ?? "none" } });
        _chunkDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Feedback(ReaderState to, string? editionId) =>
        _feedback.Add(1, new TagList { { "kind", to.ToString().ToLowerInvariant() }, { "edition", editionId ?? "none" } });

    public void EditionIncomplete(string editionId) =>
        _incomplete.Add(1, new KeyValuePair<string, object?>("edition", editionId));

    /// <summary>Keeps the last count read of a poison queue; the gauge reports it at each collection.</summary>
    public void PoisonQueueDepth(string queue, long messages) => _poisonDepths[queue] = messages;

    private IEnumerable<Measurement<long>> ObservePoisonDepths() =>
        _poisonDepths.Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key)));

    private static string Outcome(BulkSendStatus status) => status switch
    {
        BulkSendStatus.Accepted => "accepted",
        BulkSendStatus.Rejected => "rejected",
        BulkSendStatus.NotAccepted => "not_accepted",
        _ => "unknown",
    };
}
