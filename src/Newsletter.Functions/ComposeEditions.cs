using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Timer: composes the daily edition (<c>Digest:DailySchedule</c>, default 07:00 UTC).</summary>
public sealed class ComposeDailyEdition(EditionComposer composer, TimeProvider time, ILogger<ComposeDailyEdition> logger)
{
    [Function(nameof(ComposeDailyEdition))]
    public async Task Run([TimerTrigger("%Digest:DailySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var outcome = await composer.ComposeAsync(Frequency.Daily, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Daily edition {EditionId}: {Status} (new: {Created}, past due: {IsPastDue})",
            outcome.Edition.Id, outcome.Edition.Status, outcome.Created, timer.IsPastDue);
    }
}

/// <summary>Timer: composes the weekly edition (<c>Digest:WeeklySchedule</c>, default Monday 07:00 UTC).</summary>
public sealed class ComposeWeeklyEdition(EditionComposer composer, TimeProvider time, ILogger<ComposeWeeklyEdition> logger)
{
    [Function(nameof(ComposeWeeklyEdition))]
    public async Task Run([TimerTrigger("%Digest:WeeklySchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var outcome = await composer.ComposeAsync(Frequency.Weekly, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Weekly edition {EditionId}: {Status} (new: {Created}, past due: {IsPastDue})",
            outcome.Edition.Id, outcome.Edition.Status, outcome.Created, timer.IsPastDue);
    }
}
