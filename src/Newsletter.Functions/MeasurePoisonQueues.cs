using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Monitoring;

namespace Newsletter.Functions;

/// <summary>Timer: reports each poison queue's depth, so an alert fires on the first message given up.</summary>
public sealed class MeasurePoisonQueues(PoisonQueueMonitor monitor)
{
    [Function(nameof(MeasurePoisonQueues))]
    public Task Run([TimerTrigger("%Host:PoisonQueueSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        monitor.MeasureAsync(cancellationToken);
}
