using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Queue <c>signups</c>: runs the reader state machine for an accepted signup and queues the mail it calls for.</summary>
public sealed class ProcessSignup(SubscriptionService subscriptions)
{
    [Function(nameof(ProcessSignup))]
    public Task Run([QueueTrigger(StorageNames.Queues.Signups, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        subscriptions.ProcessSignupAsync(QueueMessages.Deserialize<SignupRequest>(message), cancellationToken);
}
