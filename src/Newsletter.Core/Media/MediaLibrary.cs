using System.Text.Json;
using System.Text.RegularExpressions;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Media;

/// <summary>An image as a member sent it with a release: the file and what they said about it.</summary>
public sealed record ImageUpload(byte[] Content, string? Caption, string? Credit, string? Licence, string? Alt = null);

/// <summary>A new update with its image (or without one), and what the member should know about an image not used.</summary>
public sealed record AttachedImage(Update Update, IReadOnlyList<string> Warnings)
{
    public static AttachedImage None(Update update) => new(update, []);
}

/// <summary>Who asks for a file under <c>/media/</c>: nobody signed in, an editor, or a contact of a member.</summary>
public sealed record MediaViewer(bool IsEditor, string? ContactOfMember)
{
    public static MediaViewer Public { get; } = new(false, null);
}

/// <summary>A file to serve, and whether any cache may keep it for good (public) or only the viewer's own browser, briefly.</summary>
public sealed record MediaFile(MediaContent Content, bool Public) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// An update's images in the media store: staged with the upload that brought them, moved under the update's id when
/// the upload becomes an update (<c>{updateId}/{hash}-{width}.jpg</c>), served only as the update may be seen, and
/// removed with the update. A bad image costs the image, never the release: it becomes a warning.
/// </summary>
public sealed partial class MediaLibrary(IMediaStore store, IUpdateStore updates, TimeProvider time)
{
    private const string ManifestName = "image.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What an upload's image came to before its release was parsed: the image, or the warning that replaces it.</summary>
    private sealed record Staged(UpdateImage? Image, string? Warning);

    /// <summary>The warning a release carries when its image is not used.</summary>
    public static string NotUsed(Rejection refusal) => $"The image was not used ({refusal.Code}): {refusal.Message}";

    /// <summary>
    /// Checks and cleans the image sent with release <paramref name="releaseId"/> and keeps its sizes until the release is
    /// ingested. Returns the warning when the image cannot be used (the release goes on without it); null when it is kept.
    /// </summary>
    public async Task<string?> StageAsync(string memberId, string releaseId, ImageUpload upload, CancellationToken cancellationToken)
    {
        var folder = StagedFolder(memberId, releaseId);
        var (details, missing) = ImageDetails.Check(upload.Caption, upload.Credit, upload.Licence, upload.Alt);
        var result = missing is null ? await ImagePipeline.ProcessInTurnAsync(upload.Content, cancellationToken) : null;
        var refusal = missing ?? result!.Refusal;
        if (refusal is not null)
        {
            var warning = NotUsed(refusal);
            await store.SaveAsync($"{folder}/{ManifestName}", JsonSerializer.SerializeToUtf8Bytes(new Staged(null, warning), Json), "application/json", cancellationToken);
            return warning;
        }

        foreach (var made in result!.Renditions!)
        {
            await store.SaveAsync($"{folder}/{made.Rendition.Name}", made.Content, made.Rendition.ContentType, cancellationToken);
        }

        // The manifest last: a staged image counts only once all its sizes are stored.
        var image = new UpdateImage { Renditions = result.Renditions!.Select(r => r.Rendition).ToArray(), Details = details };
        await store.SaveAsync($"{folder}/{ManifestName}", JsonSerializer.SerializeToUtf8Bytes(new Staged(image, null), Json), "application/json", cancellationToken);
        return null;
    }

    /// <summary>
    /// The new update with its image: the one staged with its upload, else an image found in the release itself (an
    /// e-mail's picture), kept as a candidate until someone gives its caption, credit and licence. The files are written
    /// under the update's id before the update is stored, so an update never names a file that is not there; a retry
    /// writes the same names again.
    /// </summary>
    public async Task<AttachedImage> AttachAsync(Update update, string memberId, string releaseId, byte[]? candidate,
        CancellationToken cancellationToken)
    {
        if (!MemberIds.IsValid(memberId) || !ReleaseId().IsMatch(releaseId))
        {
            return AttachedImage.None(update);
        }

        var folder = StagedFolder(memberId, releaseId);
        var staged = await store.ReadAsync($"{folder}/{ManifestName}", cancellationToken) is { } manifest
            ? JsonSerializer.Deserialize<Staged>(manifest, Json)
            : null;
        if (staged?.Warning is { } warning)
        {
            return new AttachedImage(update, [warning]);
        }

        if (staged?.Image is { } image)
        {
            foreach (var rendition in image.Renditions)
            {
                var target = $"{update.Id}/{rendition.Name}";
                if (await store.ReadAsync($"{folder}/{rendition.Name}", cancellationToken) is { } content)
                {
                    await store.SaveAsync(target, content, rendition.ContentType, cancellationToken);
                }
                else if (!await ExistsAsync(target, cancellationToken))
                {
                    throw new InvalidOperationException($"The staged image of release {releaseId} lacks {rendition.Name}.");
                }

                // Else another run of this upload (the blob trigger beside the portal's own call, or a retry) copied the
                // file and dropped what was staged between this run's reading the manifest and reading the file.
            }

            return AttachedImage.None(update with { Image = image });
        }

        if (candidate is null)
        {
            return AttachedImage.None(update);
        }

        var result = await ImagePipeline.ProcessInTurnAsync(candidate, cancellationToken);
        if (result.Refusal is { } refused)
        {
            return new AttachedImage(update, [NotUsed(refused)]);
        }

        foreach (var made in result.Renditions!)
        {
            await store.SaveAsync($"{update.Id}/{made.Rendition.Name}", made.Content, made.Rendition.ContentType, cancellationToken);
        }

        return new AttachedImage(update with { Image = new UpdateImage { Renditions = result.Renditions!.Select(r => r.Rendition).ToArray() } },
            ["The e-mail's image is kept as a candidate: it is shown once its caption, credit and licence are given."]);
    }

    private async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        if (await store.OpenAsync(path, cancellationToken) is not { } found)
        {
            return false;
        }

        await found.DisposeAsync();
        return true;
    }

    /// <summary>Drops what was staged for an upload once it is ingested (or refused): it is under the update's id now, or not needed.</summary>
    public Task DiscardStagedAsync(string memberId, string releaseId, CancellationToken cancellationToken) =>
        MemberIds.IsValid(memberId) && ReleaseId().IsMatch(releaseId)
            ? store.DeleteFolderAsync(StagedFolder(memberId, releaseId), cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// Removes the files written under the update's id for an upload that turned out to duplicate an update of another
    /// upload, keeping those the existing update itself names.
    /// </summary>
    public async Task ForgetDuplicateAsync(Update attempted, Update existing, CancellationToken cancellationToken)
    {
        foreach (var rendition in attempted.Image?.Renditions ?? [])
        {
            if (existing.Image?.Holds(rendition.Name) != true)
            {
                await store.DeleteAsync($"{existing.Id}/{rendition.Name}", cancellationToken);
            }
        }
    }

    /// <summary>
    /// Called after every change of an update's status: a withdrawn update's files are deleted, whoever withdrew it. Its
    /// record keeps naming them (its history stays whole); the files answer 404 from now on.
    /// </summary>
    public Task WithdrawnAsync(Update update, CancellationToken cancellationToken) =>
        update is { Status: UpdateStatus.Withdrawn, Image: not null } ? RemoveAsync(update.Id, cancellationToken) : Task.CompletedTask;

    /// <summary>Every file of the update, gone: it was withdrawn or erased.</summary>
    public Task RemoveAsync(string updateId, CancellationToken cancellationToken) =>
        IsUpdateId(updateId) ? store.DeleteFolderAsync(updateId, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The file <paramref name="name"/> of <paramref name="updateId"/>'s image for <paramref name="viewer"/>, or null, as for a
    /// file that does not exist: when the name is not one of the update's sizes, or the update is not public and the viewer
    /// is neither an editor nor a contact of its member (an embargoed update's image stays private until the lift).
    /// </summary>
    public async Task<MediaFile?> OpenAsync(string updateId, string name, MediaViewer viewer, CancellationToken cancellationToken)
    {
        if (!IsUpdateId(updateId) || !FileName().IsMatch(name))
        {
            return null;
        }

        var update = await updates.GetAsync(updateId, cancellationToken);
        if (update?.Image is not { } image || !image.Holds(name))
        {
            return null;
        }

        var isPublic = update.IsPublicAt(time.GetUtcNow()) && image.IsComplete;
        if (!isPublic && !viewer.IsEditor && viewer.ContactOfMember != update.MemberId)
        {
            return null;
        }

        return await store.OpenAsync($"{updateId}/{name}", cancellationToken) is { } content ? new MediaFile(content, isPublic) : null;
    }

    /// <summary>The address of a stored size, relative to the site's root.</summary>
    public static string PathOf(string updateId, ImageRendition rendition) => $"/media/{updateId}/{rendition.Name}";

    private static string StagedFolder(string memberId, string releaseId) =>
        MemberIds.IsValid(memberId) && ReleaseId().IsMatch(releaseId)
            ? $"staged/{memberId}/{releaseId}"
            : throw new ArgumentException($"'{memberId}/{releaseId}' does not name an upload.", nameof(releaseId));

    internal static bool IsUpdateId(string updateId) => UpdateId().IsMatch(updateId);

    [GeneratedRegex("^u[0-9a-f]{24}$")]
    private static partial Regex UpdateId();

    [GeneratedRegex("^r[0-9a-f]{20}$")]
    private static partial Regex ReleaseId();

    [GeneratedRegex(@"^[0-9a-f]{20}-[0-9]{1,4}\.(jpg|png)$")]
    private static partial Regex FileName();
}
