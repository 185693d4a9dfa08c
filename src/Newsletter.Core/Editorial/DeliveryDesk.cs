using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Editorial;

/// <summary>
/// One edition's delivery as the console shows it: where it stands, its recipients and chunks by state, and
/// the bounces and complaints the provider reported for it with their rates.
/// </summary>
public sealed record EditionDeliveryReport(
    Edition Edition,
    EditionState State,
    DispatchStatus Status,
    IReadOnlyDictionary<ChunkState, int> ChunksByState,
    IReadOnlyList<FeedbackEvent> Feedback)
{
    /// <summary>The complaint rate mailbox providers hold senders to (Gmail and Yahoo's bulk-sender rules): 0.3%.</summary>
    public const double ComplaintLine = 0.003;

    public IReadOnlyList<FeedbackEvent> Bounces => [.. Feedback.Where(f => f.To == ReaderState.Bounced)];
    public IReadOnlyList<FeedbackEvent> Complaints => [.. Feedback.Where(f => f.To == ReaderState.Complained)];
    public int Unsubscribes => Feedback.Count(f => f.To == ReaderState.Unsubscribed);

    /// <summary>Recipients whose chunk is final (sent, failed or unknown), of all the edition's recipients.</summary>
    public int Final => Status.Sent + Status.Failed + Status.Unknown;

    /// <summary>Bounces per recipient accepted by the provider; 0 before any was.</summary>
    public double BounceRate => Status.Sent == 0 ? 0 : (double)Bounces.Count / Status.Sent;

    /// <summary>Complaints reported to the provider per recipient accepted by it; 0 before any was.</summary>
    public double ComplaintRate => Status.Sent == 0 ? 0 : (double)Complaints.Count / Status.Sent;

    public bool OverComplaintLine => ComplaintRate >= ComplaintLine;

    /// <summary>"Send what is pending" applies: a part was given up and recipients still wait.</summary>
    public bool CanSendPending => State == EditionState.Incomplete;
}

/// <summary>How a "send what is pending" ended.</summary>
public enum SendPendingOutcome
{
    Enqueued,
    UnknownEdition,

    /// <summary>The edition is not incomplete: nothing was given up, or nothing waits.</summary>
    NotIncomplete,
}

/// <summary>How a "send what is pending" ended, and how many given-up messages it enqueued again.</summary>
public sealed record SendPendingResult(SendPendingOutcome Outcome, int Messages = 0);

/// <summary>Reads an edition's delivery for the console, and sends what is pending of an incomplete one.</summary>
public sealed class DeliveryDesk(IEditionStore editions, IDispatchLedger ledger, EditionDispatcher dispatcher, IFeedbackLog feedback, IAuditLog audit, TimeProvider time)
{
    /// <summary>The most provider events listed for one edition.</summary>
    public const int MaxFeedback = 1000;

    public async Task<EditionDeliveryReport?> GetAsync(string editionId, CancellationToken cancellationToken)
    {
        if (await editions.GetAsync(editionId, cancellationToken) is not { } edition)
        {
            return null;
        }

        var status = await dispatcher.StatusAsync(edition.Id, cancellationToken);
        var chunks = new Dictionary<ChunkState, int>();
        await foreach (var chunk in ledger.SummarizeEditionAsync(edition.Id, cancellationToken))
        {
            if (chunk.Kind != ChunkKind.Remainder)
            {
                chunks[chunk.State] = chunks.GetValueOrDefault(chunk.State) + 1;
            }
        }

        var events = await feedback.ListForEditionAsync(edition.Id, MaxFeedback, cancellationToken);
        return new EditionDeliveryReport(edition, EditionStates.Of(edition, status), status, chunks, events);
    }

    /// <summary>Enqueues again what an incomplete edition gave up; recorded in the audit log.</summary>
    public async Task<SendPendingResult> SendPendingAsync(string editionId, string actor, CancellationToken cancellationToken)
    {
        if (await editions.GetAsync(editionId, cancellationToken) is not { } edition)
        {
            return new SendPendingResult(SendPendingOutcome.UnknownEdition);
        }

        var messages = await dispatcher.ResendPendingAsync(edition, cancellationToken);
        if (messages == 0)
        {
            return new SendPendingResult(SendPendingOutcome.NotIncomplete);
        }

        var now = time.GetUtcNow();
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(edition.Id, actor, now.ToString("O")), now, actor, AuditActions.EditionResumed, edition.Id,
            $"Sent what was pending of {edition.Id} ({messages} given-up {(messages == 1 ? "message" : "messages")} enqueued again)", []), cancellationToken);
        return new SendPendingResult(SendPendingOutcome.Enqueued, messages);
    }
}
