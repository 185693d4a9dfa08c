using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>
/// Queue <c>signups</c>: runs the reader state machine for each accepted signup of a message (the
/// publisher groups signups that arrive together) and queues the mails they call for.
/// </summary>
public sealed class ProcessSignup(SignupService subscriptions)
{
    [Function(nameof(ProcessSignup))]
    public Task Run([QueueTrigger(StorageNames.Queues.Signups, Connection = StorageNames.Connection)] SignupRequest[] signups, CancellationToken cancellationToken) =>
        subscriptions.ProcessSignupsAsync(signups, cancellationToken);
}
