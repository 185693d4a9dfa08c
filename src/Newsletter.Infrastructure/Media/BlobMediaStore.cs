using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Newsletter.Core.Media;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Media;

/// <summary>
/// Images in the private <c>media</c> container: <c>{updateId}/{hash}-{width}.jpg</c>, and <c>staged/{memberId}/{releaseId}/</c>
/// while an upload waits for ingestion. Nothing here is public; the app serves what a viewer may see.
/// </summary>
public sealed class BlobMediaStore(StorageClients clients) : IMediaStore
{
    private BlobContainerClient Container => clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Media);

    public async Task SaveAsync(string path, byte[] content, string contentType, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(path).UploadAsync(new BinaryData(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken);

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<MediaContent?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            return new MediaContent(download.Value.Content, details.ContentType ?? "application/octet-stream", details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task DeleteFolderAsync(string folder, CancellationToken cancellationToken)
    {
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder.TrimEnd('/') + "/", cancellationToken))
        {
            await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
