using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>
/// Queue <c>dispatch</c>: sends one reader bucket of an edition, or one variant's merged remainders. A chunk not yet accepted makes the
/// call throw, so the queue delivers the message again and only the unsent chunks go out.
/// </summary>
public sealed class DispatchBucket(EditionDispatcher dispatcher)
{
    [Function(nameof(DispatchBucket))]
    public async Task Run([QueueTrigger(StorageNames.Queues.Dispatch, Connection = StorageNames.Connection)] DispatchWork work, CancellationToken cancellationToken) =>
        await dispatcher.DispatchAsync(work, null, cancellationToken);
}
