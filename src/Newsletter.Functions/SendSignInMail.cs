using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Queue <c>signin-mail</c>: mails a sign-in link and code to a known person, nothing to anyone else.</summary>
public sealed class SendSignInMail(SignInService signIn)
{
    [Function(nameof(SendSignInMail))]
    public Task Run([QueueTrigger(StorageNames.Queues.SignInMail, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        signIn.SendMailAsync(QueueMessages.Deserialize<SignInMailJob>(message), cancellationToken);
}
