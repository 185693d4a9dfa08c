using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Portal;

namespace Newsletter.Functions;

/// <summary>
/// Timer: queues the release mails whose queue write failed (<c>Host:NoticeOutboxSchedule</c>, default every five minutes).
/// Each is kept before it is queued and cleared after, so a mail is queued at least once; one queued twice mails each contact once.
/// </summary>
public sealed partial class RequeueReleaseNotices(ReleaseNotices notices, ILogger<RequeueReleaseNotices> logger)
{
    [Function(nameof(RequeueReleaseNotices))]
    public async Task Run([TimerTrigger("%Host:NoticeOutboxSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var queued = await notices.RequeuePendingAsync(cancellationToken);
        if (queued > 0)
        {
            LogQueued(queued, timer.IsPastDue);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Release notices: {Queued} mail(s) whose queue write had failed queued again (past due: {IsPastDue})")]
    private partial void LogQueued(int queued, bool isPastDue);
}
