using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Functions;

/// <summary>Queue <c>dispatch-poison</c>: a bucket or merge given up after its last attempt marks its edition incomplete.</summary>
public sealed class DispatchPoisoned(EditionDispatcher dispatcher)
{
    [Function(nameof(DispatchPoisoned))]
    public Task Run([QueueTrigger(StorageNames.Queues.DispatchPoison, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken) =>
        dispatcher.MarkIncompleteAsync(QueueMessages.Deserialize<DispatchWork>(message), cancellationToken);
}
