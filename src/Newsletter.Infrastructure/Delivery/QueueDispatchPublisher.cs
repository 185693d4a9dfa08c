using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>Puts one message per bucket on the <c>dispatch</c> queue (<c>DispatchBucket</c>).</summary>
public sealed class QueueDispatchPublisher(StorageClients clients) : IDispatchPublisher
{
    public async Task EnqueueAsync(IReadOnlyList<DispatchRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (request, ct) => await queue.SendMessageAsync(QueueMessages.Serialize(request), ct));
    }
}
