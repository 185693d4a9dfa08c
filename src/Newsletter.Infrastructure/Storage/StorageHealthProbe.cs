using System.Net;
using Azure;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Health;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// Asks each storage service for something the app needs, with a short deadline. The answer is a reason code
/// (<see cref="HealthReasons"/>); what the SDK said goes to the log, never to the anonymous health endpoint.
/// </summary>
public sealed partial class StorageHealthProbe(StorageClients clients, ILogger<StorageHealthProbe> logger) : IStorageHealthProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var blobs = Probe("blobs", async ct =>
        {
            var exists = await clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).ExistsAsync(ct);
            return exists.Value ? null : HealthReasons.Missing("container", StorageNames.Containers.Incoming);
        }, cancellationToken);
        var queues = Probe("queues", async ct =>
        {
            var exists = await clients.Queues.GetQueueClient(StorageNames.Queues.Mail).ExistsAsync(ct);
            return exists.Value ? null : HealthReasons.Missing("queue", StorageNames.Queues.Mail);
        }, cancellationToken);
        var tables = Probe("tables", async ct =>
        {
            await foreach (var _ in clients.Tables.QueryAsync(t => t.Name == StorageNames.Tables.Readers, maxPerPage: 1, ct))
            {
                return null;
            }

            return HealthReasons.Missing("table", StorageNames.Tables.Readers);
        }, cancellationToken);

        return new StorageHealth(await blobs, await queues, await tables);
    }

    private async Task<ServiceHealth> Probe(string service, Func<CancellationToken, Task<string?>> check, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var missing = await check(deadline.Token);
            if (missing is null)
            {
                return ServiceHealth.Ok;
            }

            LogUnhealthy(service, missing, "the app's storage is not provisioned");
            return ServiceHealth.Failed(missing);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnhealthy(service, HealthReasons.Timeout, $"no answer within {Deadline.TotalSeconds:0} s");
            return ServiceHealth.Failed(HealthReasons.Timeout);
        }
        catch (RequestFailedException ex)
        {
            return Failed(service, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            return Failed(service, (RequestFailedException)ex.InnerExceptions[^1]);
        }
    }

    private ServiceHealth Failed(string service, RequestFailedException ex)
    {
        var reason = ex.Status switch
        {
            0 => HealthReasons.Unreachable,
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => HealthReasons.AuthFailed,
            _ => HealthReasons.StorageError,
        };
        LogUnhealthy(service, reason, ex.Status == 0 ? RootMessage(ex) : $"HTTP {ex.Status} {ex.ErrorCode}");
        return ServiceHealth.Failed(reason);
    }

    private static string RootMessage(Exception ex)
    {
        var root = ex;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        return root.Message;
    }

    [LoggerMessage(LogLevel.Warning, "Storage {Service} unhealthy ({Reason}): {Detail}")]
    private partial void LogUnhealthy(string service, string reason, string detail);
}
