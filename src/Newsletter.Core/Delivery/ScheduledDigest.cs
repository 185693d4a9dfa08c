using Microsoft.Extensions.Logging;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// What the daily and weekly timers do: compose the frequency's edition for now, start its dispatch, and forget the
/// remainder addresses kept past their time. With <c>Digest:RequireApproval</c> the edition is held and not started.
/// </summary>
public sealed partial class ScheduledDigest(EditionComposer composer, EditionDispatcher dispatcher, TimeProvider time, ILogger<ScheduledDigest> logger)
{
    public async Task<ComposeOutcome> RunAsync(Frequency frequency, bool pastDue, CancellationToken cancellationToken)
    {
        var outcome = await composer.ComposeAsync(frequency, time.GetUtcNow(), cancellationToken);
        // Also when the edition was made by an earlier fire: that one may have died before enqueueing. A held edition is not started.
        await dispatcher.StartAsync(outcome.Edition, cancellationToken);
        await dispatcher.ExpireRemainderAddressesAsync(cancellationToken);
        LogRun(frequency, outcome.Edition.Id, outcome.Edition.Status, outcome.Edition.Approval, outcome.Created, pastDue);
        return outcome;
    }

    [LoggerMessage(LogLevel.Information, "{Frequency} edition {EditionId}: {Status}, approval {Approval} (new: {Created}, past due: {IsPastDue})")]
    private partial void LogRun(Frequency frequency, string editionId, EditionStatus status, EditionApproval approval, bool created, bool isPastDue);
}
