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

    public async Task EnqueueLaterAsync(DispatchRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        // A message can be hidden for at most 7 days.
        var hidden = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : delay;
        await queue.SendMessageAsync(QueueMessages.Serialize(request), visibilityTimeout: hidden, cancellationToken: cancellationToken);
    }
}
