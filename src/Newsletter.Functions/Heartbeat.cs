using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Health;

namespace Newsletter.Functions;

/// <summary>Timer: records that timers fire, so /api/health can show the last beat.</summary>
public sealed class Heartbeat(HeartbeatService heartbeat, ILogger<Heartbeat> logger)
{
    [Function(nameof(Heartbeat))]
    public async Task Run([TimerTrigger("%Host:HeartbeatSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await heartbeat.BeatAsync(cancellationToken);
        logger.LogInformation("Heartbeat recorded (past due: {IsPastDue})", timer.IsPastDue);
    }
}
