using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Editorial;

namespace Newsletter.Functions;

/// <summary>
/// Timer: mails the editors when releases wait for review (<c>Host:ReviewReminderSchedule</c>, default hourly), once per
/// batch of new arrivals; the state is in the table, so a second instance or fire mails nobody twice.
/// </summary>
public sealed partial class MailReviewReminders(ReviewReminders reminders, ILogger<MailReviewReminders> logger)
{
    [Function(nameof(MailReviewReminders))]
    public async Task Run([TimerTrigger("%Host:ReviewReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var outcome = await reminders.RunAsync(cancellationToken);
        if (outcome.Mailed > 0)
        {
            LogMailed(outcome.Waiting, outcome.Mailed, timer.IsPastDue);
        }
    }

    [LoggerMessage(LogLevel.Information, "Review reminder: {Waiting} releases waiting, mailed to {Mailed} editor(s) (past due: {IsPastDue})")]
    private partial void LogMailed(int waiting, int mailed, bool isPastDue);
}
