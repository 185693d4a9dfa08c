using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Subscriptions;

/// <summary>
/// Console imports in the private <c>reader-imports</c> container (<c>{id}/file.csv</c> as uploaded, <c>{id}/run.json</c> its
/// state) and the <c>reader-imports</c> queue, one message per run.
/// </summary>
public sealed class BlobReaderImportRuns(StorageClients clients) : IReaderImportRuns
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(StorageNames.Containers.ReaderImports);

    public async Task StartAsync(ReaderImportRun run, ReadOnlyMemory<byte> file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Container.GetBlobClient($"{run.Id}/file.csv").UploadAsync(BinaryData.FromBytes(file),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } }, cancellationToken);
        await SaveAsync(run, cancellationToken);
        await clients.Queues.GetQueueClient(StorageNames.Queues.ReaderImports)
            .SendMessageAsync(QueueMessages.Serialize(new ReaderImportJob(run.Id)), cancellationToken);
    }

    public async Task<ReadOnlyMemory<byte>?> FileAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetBlobClient($"{id}/file.csv").DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<ReaderImportRun?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        try
        {
            var content = (await Container.GetBlobClient($"{id}/run.json").DownloadContentAsync(cancellationToken)).Value.Content;
            return JsonSerializer.Deserialize<ReaderImportRun>(content.ToMemory().Span, QueueMessages.Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveAsync(ReaderImportRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Container.GetBlobClient($"{run.Id}/run.json").UploadAsync(BinaryData.FromObjectAsJson(run, QueueMessages.Json), overwrite: true, cancellationToken);
    }
}
