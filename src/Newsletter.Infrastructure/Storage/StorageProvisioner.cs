namespace Newsletter.Infrastructure.Storage;

/// <summary>Creates the containers, queues and tables the system needs when they are missing.</summary>
public sealed class StorageProvisioner(StorageClients clients)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        foreach (var container in StorageNames.Containers.All)
        {
            work.Add(clients.Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        foreach (var queue in StorageNames.Queues.All)
        {
            work.Add(clients.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }

        foreach (var table in StorageNames.Tables.All)
        {
            work.Add(clients.Tables.GetTableClient(table).CreateIfNotExistsAsync(cancellationToken));
        }

        await Task.WhenAll(work);
    }
}
