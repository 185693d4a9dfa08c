using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Newsletter.Core.Releases;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// The upload areas as blob containers: <c>incoming/{memberId}/{file}</c> (what the blob trigger watches),
/// <c>archive/{memberId}/{releaseId}/{file}</c> for accepted originals, <c>quarantine/{memberId}/{releaseId}/{file}</c>
/// for rejected ones next to <c>{file}.error.json</c>. A move copies first and deletes last, so an interruption loses nothing.
/// </summary>
public sealed class BlobReleaseFiles(StorageClients clients) : IReleaseFiles
{
    private const string ReleaseIdMetadata = "releaseid";
    private const string EmbargoMetadata = "embargo";

    private BlobContainerClient Container(string name) => clients.Blobs.GetBlobContainerClient(name);

    // An upload dropped outside a member folder has no member id; it is quarantined where it lies.
    // Every name is checked here too, so no client is ever built from a name storage would resolve elsewhere.
    private static string PathOf(string memberId, string fileName) =>
        !UploadNames.AreSafe(memberId, fileName)
            ? throw new ArgumentException($"'{UploadNames.Describe(memberId + "/" + fileName)}' is not a safe blob path.", nameof(fileName))
            : memberId.Length == 0 ? fileName : $"{memberId}/{fileName}";

    public Task<IncomingFile?> OpenIncomingAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
        OpenAsync(Container(StorageNames.Containers.Incoming).GetBlobClient(PathOf(memberId, fileName)), cancellationToken);

    /// <summary>Opens an upload through a client the caller has (the blob trigger's); one download, streamed.</summary>
    public static async Task<IncomingFile?> OpenAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            details.Metadata.TryGetValue(ReleaseIdMetadata, out var releaseId);
            DateTimeOffset? embargo = details.Metadata.TryGetValue(EmbargoMetadata, out var given)
                && DateTimeOffset.TryParse(given, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;
            return new IncomingFile(download.Value.Content, details.ContentType, releaseId, details.CreatedOn, details.ETag.ToString(), embargo);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, DateTimeOffset? embargo, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string> { [ReleaseIdMetadata] = releaseId };
        if (embargo is { } at)
        {
            metadata[EmbargoMetadata] = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        await Container(StorageNames.Containers.Incoming).GetBlobClient(PathOf(memberId, fileName)).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        }, cancellationToken);
    }

    public async Task<bool> IncomingExistsAsync(string memberId, string fileName, CancellationToken cancellationToken) =>
        (await Container(StorageNames.Containers.Incoming).GetBlobClient(PathOf(memberId, fileName)).ExistsAsync(cancellationToken)).Value;

    public Task ArchiveAsync(string memberId, string fileName, string releaseId, CancellationToken cancellationToken) =>
        MoveAsync(memberId, fileName, StorageNames.Containers.Archive, KeptPath(memberId, releaseId, fileName), cancellationToken);

    /// <summary>Where an original is kept: under its release id, so the same file name uploaded again never replaces it.</summary>
    public static string KeptPath(string memberId, string releaseId, string fileName)
    {
        _ = PathOf(memberId, fileName);
        if (!UploadNames.IsSafeSegment(releaseId, 40))
        {
            throw new ArgumentException($"'{UploadNames.Describe(releaseId)}' is not a release id.", nameof(releaseId));
        }

        return memberId.Length == 0 ? $"{releaseId}/{fileName}" : $"{memberId}/{releaseId}/{fileName}";
    }

    public async Task QuarantineAsync(string memberId, string fileName, ReleaseRecord record, CancellationToken cancellationToken)
    {
        var kept = KeptPath(memberId, record.ReleaseId, fileName);
        await WriteErrorAsync(kept, record, fileName, null, cancellationToken);
        await MoveAsync(memberId, fileName, StorageNames.Containers.Quarantine, kept, cancellationToken);
    }

    public Task KeepUnsafeAsync(ReleaseRecord record, string originalPath, CancellationToken cancellationToken) =>
        WriteErrorAsync(KeptPath(record.MemberId, record.ReleaseId, record.FileName), record, record.FileName,
            originalPath.Length > 1024 ? originalPath[..1024] : originalPath, cancellationToken);

    private async Task WriteErrorAsync(string kept, ReleaseRecord record, string fileName, string? originalPath, CancellationToken cancellationToken)
    {
        var error = new ErrorFile(record.ReleaseId, record.MemberId, fileName, originalPath, record.Rejection?.Code, record.Rejection?.Message,
            record.CompletedAt, record.ReceivedAt);
        await Container(StorageNames.Containers.Quarantine).GetBlobClient(kept + ".error.json")
            .UploadAsync(BinaryData.FromString(StorageJson.Write(error)), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken);
    }

    /// <summary>The <c>{file}.error.json</c> beside a quarantined upload.</summary>
    /// <param name="Path">Only for an unsafe name: the path as the trigger gave it (JSON-escaped), for the operator to look at.</param>
    private sealed record ErrorFile(string ReleaseId, string MemberId, string File,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
        string? Code, string? Message, DateTimeOffset? RejectedAt, DateTimeOffset ReceivedAt);

    private async Task MoveAsync(string memberId, string fileName, string targetContainer, string targetPath, CancellationToken cancellationToken)
    {
        var source = Container(StorageNames.Containers.Incoming).GetBlobClient(PathOf(memberId, fileName));
        var target = Container(targetContainer).GetBlobClient(targetPath);
        try
        {
            // A server-side copy within the account (content type and metadata come along): the upload is not read
            // again. Storage authorizes a same-account source with the destination's credential, key or identity.
            await target.StartCopyFromUriAsync(source.Uri, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return; // Moved already.
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another ingestion of the same upload (the portal's own and the blob event's) is copying it: wait for that copy.
        }

        // Waited for through the target's state rather than this copy's operation: when two ingestions of one upload
        // move it at once, the target ends with one copy of the same content, whichever of them made it.
        while (true)
        {
            var copied = await target.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (copied.Value.CopyStatus is CopyStatus.Success || copied.Value.CopyId is null)
            {
                break;
            }

            if (copied.Value.CopyStatus is not CopyStatus.Pending)
            {
                throw new IOException($"Moving {PathOf(memberId, fileName)} to {targetContainer} ended {copied.Value.CopyStatus}: {copied.Value.CopyStatusDescription}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        await source.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }
}
