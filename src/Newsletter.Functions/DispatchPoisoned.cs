using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Delivery;
using Newsletter.Core.Monitoring;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>Queue <c>dispatch-poison</c>: a bucket or merge given up after its last attempt marks its edition incomplete.</summary>
public sealed class DispatchPoisoned(EditionDispatcher dispatcher, NewsletterMetrics metrics)
{
    [Function(nameof(DispatchPoisoned))]
    public async Task Run([QueueTrigger(StorageNames.Queues.DispatchPoison, Connection = StorageNames.Connection)] DispatchWork work, CancellationToken cancellationToken)
    {
        await dispatcher.MarkIncompleteAsync(work, cancellationToken);
        metrics.EditionIncomplete(work.EditionId);
    }
}
