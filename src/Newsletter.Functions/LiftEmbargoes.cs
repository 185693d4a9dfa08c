using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Embargoes;

namespace Newsletter.Functions;

/// <summary>
/// Timer: publishes the scheduled updates whose embargo has lifted (<c>Host:EmbargoSchedule</c>, default every minute).
/// The state is in the table, so a restart or a second instance changes nothing: each update is published once.
/// </summary>
public sealed partial class LiftEmbargoes(EmbargoService embargoes, ILogger<LiftEmbargoes> logger)
{
    [Function(nameof(LiftEmbargoes))]
    public async Task Run([TimerTrigger("%Host:EmbargoSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var published = await embargoes.PublishDueAsync(cancellationToken);
        if (published > 0)
        {
            LogPublished(published, timer.IsPastDue);
        }
    }

    [LoggerMessage(LogLevel.Information, "Embargoes lifted: {Published} updates published (past due: {IsPastDue})")]
    private partial void LogPublished(int published, bool isPastDue);
}
