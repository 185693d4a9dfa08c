using Azure;
using Newsletter.Core.Monitoring;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// The queues the Functions host (and the WebJobs SDK under <c>newsletter serve</c>) moves a message to after its last
/// attempt: <c>{queue}-poison</c> of every queue, since each has a trigger (<c>dispatch-poison</c> is the dispatch
/// queue's, and has a poison queue of its own).
/// </summary>
public sealed class StoragePoisonQueues(StorageClients clients) : IPoisonQueues
{
    public IReadOnlyList<string> Names { get; } = [.. StorageNames.Queues.All.Select(Poison)];

    public async Task<long> ApproximateCountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await clients.Queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCountLong;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The host creates a poison queue with its first message.
            return 0;
        }
    }

    private static string Poison(string queue) => queue + "-poison";
}
