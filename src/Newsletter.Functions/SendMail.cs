using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>Queue <c>mail</c>: composes a subscription mail from the reader's current state and sends it.</summary>
public sealed class SendMail(SubscriptionMailer mailer)
{
    [Function(nameof(SendMail))]
    public Task Run([QueueTrigger(StorageNames.Queues.Mail, Connection = StorageNames.Connection)] MailJob job, CancellationToken cancellationToken) =>
        mailer.SendAsync(job, cancellationToken);
}
