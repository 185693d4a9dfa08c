using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>
/// Blob trigger: a member's upload in <c>incoming/{memberId}/{file}</c> becomes an update or a kept rejection.
/// In Azure it fires from Event Grid (Flex Consumption supports no polling); the local host delivers the uploads it
/// stores at once, as Event Grid does, and polls for the rest.
/// </summary>
public sealed class IngestRelease(ReleaseIngestion ingestion, ReleaseNotices notices)
{
    public const string Path = StorageNames.Containers.Incoming + "/{name}";

    [Function(nameof(IngestRelease))]
    public async Task Run(
        [BlobTrigger(Path, Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);

        // The trigger's client is used only after Core has checked the name: its address was built from the
        // name, and an unsafe one addresses another blob.
        var outcome = await ingestion.IngestPathAsync(name, token => BlobReleaseFiles.OpenAsync(blob, token), cancellationToken);
        if (outcome is not null)
        {
            await notices.IngestedAsync(outcome, cancellationToken);
        }
    }
}
