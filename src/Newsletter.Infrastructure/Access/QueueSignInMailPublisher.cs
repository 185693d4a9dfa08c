using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Infrastructure.Access;

/// <summary>Puts sign-in mails on the <c>signin-mail</c> queue.</summary>
public sealed class QueueSignInMailPublisher(StorageClients clients) : ISignInMailPublisher
{
    public Task EnqueueAsync(SignInMailJob job, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.SignInMail).SendMessageAsync(QueueMessages.Serialize(job), cancellationToken);
}
