using Microsoft.Extensions.Logging;

namespace Newsletter.Core.Monitoring;

/// <summary>Port: the poison queues and their approximate message counts.</summary>
public interface IPoisonQueues
{
    /// <summary>Every queue a message lands in after its last attempt.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The queue's approximate message count; 0 for a queue not created yet.</summary>
    Task<long> ApproximateCountAsync(string queue, CancellationToken cancellationToken);
}

/// <summary>
/// Reads each poison queue's depth and reports it as <see cref="NewsletterMetrics.Names.PoisonQueueDepth"/>. Storage's
/// own queue metrics are per account and hourly; this is per queue and as often as the timer runs.
/// </summary>
public sealed partial class PoisonQueueMonitor(IPoisonQueues queues, NewsletterMetrics metrics, ILogger<PoisonQueueMonitor> logger)
{
    public async Task<IReadOnlyDictionary<string, long>> MeasureAsync(CancellationToken cancellationToken)
    {
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var queue in queues.Names)
        {
            var count = await queues.ApproximateCountAsync(queue, cancellationToken);
            metrics.PoisonQueueDepth(queue, count);
            depths[queue] = count;
            if (count > 0)
            {
                LogPoisoned(queue, count);
            }
        }

        return depths;
    }

    [LoggerMessage(LogLevel.Warning, "Poison queue {Queue} holds about {Count} messages")]
    private partial void LogPoisoned(string queue, long count);
}
