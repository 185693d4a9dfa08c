using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>Queue <c>signin-mail</c>: mails a sign-in link and code to a known person, nothing to anyone else.</summary>
public sealed class SendSignInMail(SignInService signIn)
{
    [Function(nameof(SendSignInMail))]
    public Task Run([QueueTrigger(StorageNames.Queues.SignInMail, Connection = StorageNames.Connection)] SignInMailJob job, CancellationToken cancellationToken) =>
        signIn.SendMailAsync(job, cancellationToken);
}
