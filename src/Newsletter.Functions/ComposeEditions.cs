using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Timer: composes the daily edition and starts its dispatch (<c>Digest:DailySchedule</c>, default 07:00 UTC); with <c>Digest:RequireApproval</c> it is held for an editor instead.</summary>
public sealed partial class ComposeDailyEdition(EditionComposer composer, EditionDispatcher dispatcher, TimeProvider time, ILogger<ComposeDailyEdition> logger)
{
    [Function(nameof(ComposeDailyEdition))]
    public async Task Run([TimerTrigger("%Digest:DailySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var outcome = await composer.ComposeAsync(Frequency.Daily, time.GetUtcNow(), cancellationToken);
        // Also when the edition was made by an earlier fire: that one may have died before enqueueing. A held edition is not started.
        await dispatcher.StartAsync(outcome.Edition, cancellationToken);
        await dispatcher.ExpireRemainderAddressesAsync(cancellationToken);
        LogComposed(outcome.Edition.Id, outcome.Edition.Status, outcome.Edition.Approval, outcome.Created, timer.IsPastDue);
    }

    [LoggerMessage(LogLevel.Information, "Daily edition {EditionId}: {Status}, approval {Approval} (new: {Created}, past due: {IsPastDue})")]
    private partial void LogComposed(string editionId, EditionStatus status, EditionApproval approval, bool created, bool isPastDue);
}

/// <summary>Timer: composes the weekly edition and starts its dispatch (<c>Digest:WeeklySchedule</c>, default Monday 07:00 UTC); with <c>Digest:RequireApproval</c> it is held for an editor instead.</summary>
public sealed partial class ComposeWeeklyEdition(EditionComposer composer, EditionDispatcher dispatcher, TimeProvider time, ILogger<ComposeWeeklyEdition> logger)
{
    [Function(nameof(ComposeWeeklyEdition))]
    public async Task Run([TimerTrigger("%Digest:WeeklySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var outcome = await composer.ComposeAsync(Frequency.Weekly, time.GetUtcNow(), cancellationToken);
        // Also when the edition was made by an earlier fire: that one may have died before enqueueing. A held edition is not started.
        await dispatcher.StartAsync(outcome.Edition, cancellationToken);
        await dispatcher.ExpireRemainderAddressesAsync(cancellationToken);
        LogComposed(outcome.Edition.Id, outcome.Edition.Status, outcome.Edition.Approval, outcome.Created, timer.IsPastDue);
    }

    [LoggerMessage(LogLevel.Information, "Weekly edition {EditionId}: {Status}, approval {Approval} (new: {Created}, past due: {IsPastDue})")]
    private partial void LogComposed(string editionId, EditionStatus status, EditionApproval approval, bool created, bool isPastDue);
}
