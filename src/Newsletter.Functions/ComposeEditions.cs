using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Delivery;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Timer: composes the daily edition and starts its dispatch (<c>Digest:DailySchedule</c>, default 07:00 UTC); with <c>Digest:RequireApproval</c> it is held for an editor instead.</summary>
public sealed class ComposeDailyEdition(ScheduledDigest digest)
{
    [Function(nameof(ComposeDailyEdition))]
    public Task Run([TimerTrigger("%Digest:DailySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digest.RunAsync(Frequency.Daily, timer.IsPastDue, cancellationToken);
}

/// <summary>Timer: composes the weekly edition and starts its dispatch (<c>Digest:WeeklySchedule</c>, default Monday 07:00 UTC); with <c>Digest:RequireApproval</c> it is held for an editor instead.</summary>
public sealed class ComposeWeeklyEdition(ScheduledDigest digest)
{
    [Function(nameof(ComposeWeeklyEdition))]
    public Task Run([TimerTrigger("%Digest:WeeklySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digest.RunAsync(Frequency.Weekly, timer.IsPastDue, cancellationToken);
}
