using Azure;
using Newsletter.Core.Editions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Editions;

/// <summary>Operators restyle mail without a deploy by putting a template into the <c>templates</c> container.</summary>
public sealed class BlobTemplateStore(StorageClients clients) : ITemplateStore
{
    public async Task<TemplateSource?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Templates).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new TemplateSource(content.Value.Content.ToString(), content.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
