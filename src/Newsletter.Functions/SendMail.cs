using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Queue <c>mail</c>: composes a subscription mail from the reader's current state and sends it.</summary>
public sealed class SendMail(SubscriptionMailer mailer)
{
    [Function(nameof(SendMail))]
    public Task Run([QueueTrigger(StorageNames.Queues.Mail, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        mailer.SendAsync(QueueMessages.Deserialize<MailJob>(message), cancellationToken);
}
