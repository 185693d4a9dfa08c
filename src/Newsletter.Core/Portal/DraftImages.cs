using System.Text.Json;
using System.Text.RegularExpressions;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>
/// A draft's lead image as the preview shows it: its sizes and details when it will be shown, else the warning that says
/// why not (a file that is no usable image, or details missing). <see cref="HasFile"/>: the chosen file is kept for the submission.
/// </summary>
public sealed record DraftImage(UpdateImage? Image, string? Warning, bool HasFile)
{
    /// <summary>Shown on the page: sizes made and caption, credit and licence given.</summary>
    public UpdateImage? Shown => Image is { IsComplete: true } image ? image : null;
}

/// <summary>
/// The image chosen in the portal's form, kept beside its draft in the media store (<c>drafts/{memberId}/{draftId}/</c>):
/// the file as chosen, for the submission to send through the same pipeline as the API's multipart door, and the sizes
/// that pipeline made of it, for the preview. A file that is no usable image is not kept: the preview warns and the release
/// goes on without it.
/// </summary>
public sealed partial class DraftImages(IMediaStore store)
{
    private const string Original = "original";
    private const string ManifestName = "image.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Sets the draft's image from the form: a newly chosen file (checked, cleaned and resized now), else the one chosen
    /// before with the form's details, or none when <see cref="ReleaseForm.RemoveImage"/> is set or nothing was ever chosen.
    /// </summary>
    public async Task<DraftImage?> SetAsync(string memberId, string draftId, ReleaseForm form, Stream? chosen, long chosenLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var folder = Folder(memberId, draftId);
        byte[]? content;
        if (chosen is not null)
        {
            content = chosenLength > ImagePipeline.MaxBytes ? null : await LimitedReader.ReadAsync(chosen, ImagePipeline.MaxBytes, cancellationToken);
            if (content is null)
            {
                return await ForgetAsync(folder, MediaLibrary.NotUsed(ImagePipeline.TooLarge(chosenLength)), cancellationToken);
            }
        }
        else if (form.RemoveImage || (content = await store.ReadAsync($"{folder}/{Original}", cancellationToken)) is null)
        {
            await store.DeleteFolderAsync(folder, cancellationToken);
            return null;
        }

        var result = await ImagePipeline.ProcessInTurnAsync(content, cancellationToken);
        if (result.Refusal is { } refused)
        {
            return await ForgetAsync(folder, MediaLibrary.NotUsed(refused), cancellationToken);
        }

        if (chosen is not null)
        {
            await store.DeleteFolderAsync(folder, cancellationToken);
            await store.SaveAsync($"{folder}/{Original}", content, "application/octet-stream", cancellationToken);
            foreach (var made in result.Renditions!)
            {
                await store.SaveAsync($"{folder}/{made.Rendition.Name}", made.Content, made.Rendition.ContentType, cancellationToken);
            }
        }

        var (details, missing) = ImageDetails.Check(form.ImageCaption, form.ImageCredit, form.ImageLicence, form.ImageAlt);
        var image = new DraftImage(new UpdateImage { Renditions = result.Renditions!.Select(r => r.Rendition).ToArray(), Details = details },
            missing is null ? null : MediaLibrary.NotUsed(missing), HasFile: true);
        await store.SaveAsync($"{folder}/{ManifestName}", JsonSerializer.SerializeToUtf8Bytes(image, Json), "application/json", cancellationToken);
        return image;
    }

    /// <summary>
    /// Gives a draft made to edit a release the image its update carries (its largest size, sent through the pipeline
    /// again as a chosen file, with the update's details in <paramref name="form"/>), so editing a release never loses it.
    /// </summary>
    public async Task CopyFromUpdateAsync(string memberId, string draftId, Update update, ReleaseForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Image is not { } image || await store.ReadAsync($"{update.Id}/{image.Large.Name}", cancellationToken) is not { } content)
        {
            return;
        }

        using var chosen = new MemoryStream(content, writable: false);
        await SetAsync(memberId, draftId, form, chosen, content.Length, cancellationToken);
    }

    /// <summary>The draft's image as last set, or null when it has none.</summary>
    public async Task<DraftImage?> GetAsync(string memberId, string draftId, CancellationToken cancellationToken) =>
        IsDraft(memberId, draftId) && await store.ReadAsync($"{Folder(memberId, draftId)}/{ManifestName}", cancellationToken) is { } manifest
            ? JsonSerializer.Deserialize<DraftImage>(manifest, Json)
            : null;

    /// <summary>The chosen file with the form's details, to submit as the API's multipart door receives it; null without a file.</summary>
    public async Task<ImageUpload?> UploadAsync(string memberId, string draftId, ReleaseForm? form, CancellationToken cancellationToken) =>
        form is not null && await store.ReadAsync($"{Folder(memberId, draftId)}/{Original}", cancellationToken) is { } content
            ? new ImageUpload(content, form.ImageCaption, form.ImageCredit, form.ImageLicence, form.ImageAlt)
            : null;

    /// <summary>One size made for the preview, or null when the name is not one of the draft image's sizes.</summary>
    public async Task<MediaContent?> OpenAsync(string memberId, string draftId, string name, CancellationToken cancellationToken)
    {
        if (!FileName().IsMatch(name) || await GetAsync(memberId, draftId, cancellationToken) is not { Image: { } image } || !image.Holds(name))
        {
            return null;
        }

        return await store.OpenAsync($"{Folder(memberId, draftId)}/{name}", cancellationToken);
    }

    /// <summary>The draft's files, gone (the draft was submitted, discarded or expired).</summary>
    public Task RemoveAsync(string memberId, string draftId, CancellationToken cancellationToken) =>
        store.DeleteFolderAsync(Folder(memberId, draftId), cancellationToken);

    /// <summary>The address of a preview size, relative to the site's root.</summary>
    public static string PathOf(string draftId, string name) => $"/portal/drafts/{draftId}/image/{name}";

    private async Task<DraftImage> ForgetAsync(string folder, string warning, CancellationToken cancellationToken)
    {
        await store.DeleteFolderAsync(folder, cancellationToken);
        var image = new DraftImage(null, warning, HasFile: false);
        await store.SaveAsync($"{folder}/{ManifestName}", JsonSerializer.SerializeToUtf8Bytes(image, Json), "application/json", cancellationToken);
        return image;
    }

    private static bool IsDraft(string memberId, string draftId) => MemberIds.IsValid(memberId) && PortalReleases.IsValidId(draftId) && draftId.StartsWith('d');

    private static string Folder(string memberId, string draftId) =>
        IsDraft(memberId, draftId)
            ? $"drafts/{memberId}/{draftId}"
            : throw new ArgumentException($"'{memberId}/{draftId}' does not name a draft.", nameof(draftId));

    [GeneratedRegex(@"^[0-9a-f]{20}-[0-9]{1,4}\.(jpg|png)$")]
    private static partial Regex FileName();
}
