using Azure;
using Newsletter.Core.Releases;

namespace Newsletter.Infrastructure.Storage;

/// <summary>Reads <c>archive/{memberId}/{releaseId}/{file}</c>, where <see cref="BlobReleaseFiles"/> keeps accepted originals.</summary>
public sealed class BlobReleaseOriginals(StorageClients clients) : IReleaseOriginals
{
    public async Task<ReleaseOriginal?> OpenAsync(string memberId, string releaseId, string fileName, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            path = BlobReleaseFiles.KeptPath(memberId, releaseId, fileName);
        }
        catch (ArgumentException)
        {
            return null;
        }

        try
        {
            var download = await clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Archive).GetBlobClient(path)
                .DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new ReleaseOriginal(download.Value.Content, download.Value.Details.ContentType, fileName);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
