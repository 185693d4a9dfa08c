using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>Puts bucket and merge messages on the <c>dispatch</c> queue (<c>DispatchBucket</c>).</summary>
public sealed class QueueDispatchPublisher(StorageClients clients) : IDispatchPublisher
{
    public async Task EnqueueAsync(IReadOnlyList<DispatchWork> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (message, ct) => await queue.SendMessageAsync(QueueMessages.Serialize(message), ct));
    }

    public async Task EnqueueLaterAsync(DispatchWork message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        // A message can be hidden for at most 7 days.
        var hidden = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(7) ? TimeSpan.FromDays(7) : delay;
        await queue.SendMessageAsync(QueueMessages.Serialize(message), visibilityTimeout: hidden, cancellationToken: cancellationToken);
    }
}
