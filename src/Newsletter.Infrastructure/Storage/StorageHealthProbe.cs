using Azure;
using Newsletter.Core.Health;

namespace Newsletter.Infrastructure.Storage;

/// <summary>Asks each storage service for something the app needs, with a short deadline.</summary>
public sealed class StorageHealthProbe(StorageClients clients) : IStorageHealthProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var blobs = Probe(async ct =>
        {
            var exists = await clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).ExistsAsync(ct);
            return exists.Value ? null : $"container '{StorageNames.Containers.Incoming}' is missing";
        }, cancellationToken);
        var queues = Probe(async ct =>
        {
            var exists = await clients.Queues.GetQueueClient(StorageNames.Queues.Mail).ExistsAsync(ct);
            return exists.Value ? null : $"queue '{StorageNames.Queues.Mail}' is missing";
        }, cancellationToken);
        var tables = Probe(async ct =>
        {
            await foreach (var _ in clients.Tables.QueryAsync(t => t.Name == StorageNames.Tables.Readers, maxPerPage: 1, ct))
            {
                return null;
            }

            return $"table '{StorageNames.Tables.Readers}' is missing";
        }, cancellationToken);

        return new StorageHealth(await blobs, await queues, await tables);
    }

    private static async Task<ServiceHealth> Probe(Func<CancellationToken, Task<string?>> check, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var problem = await check(deadline.Token);
            return problem is null ? ServiceHealth.Ok : new ServiceHealth(false, problem);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServiceHealth(false, $"no answer within {Deadline.TotalSeconds:0} s");
        }
        catch (RequestFailedException ex)
        {
            return new ServiceHealth(false, ex.Status == 0 ? Describe(ex) : $"HTTP {ex.Status} {ex.ErrorCode}");
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            return new ServiceHealth(false, Describe(ex.InnerExceptions[^1]));
        }
    }

    private static string Describe(Exception ex)
    {
        var root = ex;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return root.Message;
    }
}
