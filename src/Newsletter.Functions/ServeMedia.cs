using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Access;
using Newsletter.Core.Media;
using Newsletter.Functions.Access;

namespace Newsletter.Functions;

/// <summary>
/// GET /media/{updateId}/{name}: one stored size of an update's image, from the private media store. A public update's
/// files are immutable (the name holds the content's hash), so any cache may keep them for good; a file of an update the
/// public cannot see yet goes only to editors and its member's contacts, and no cache keeps it.
/// </summary>
public sealed class ServeMedia(MediaLibrary media, AccessGate gate)
{
    [Function(nameof(ServeMedia))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "media/{updateId}/{name}")] HttpRequest request,
        string updateId,
        string name,
        CancellationToken cancellationToken)
    {
        var person = (await gate.SignedInAsync(request, cancellationToken))?.Person;
        var viewer = person is null ? MediaViewer.Public : new MediaViewer(person.Has(Role.Editor), person.Contact?.MemberId);
        return await media.OpenAsync(updateId, name, viewer, cancellationToken) is { } file
            ? new MediaResult(file)
            : new NotFoundResult();
    }
}

/// <summary>Streams a media file with the headers that keep it an image: its own type, no sniffing, no script, and how long caches keep it.</summary>
internal sealed class MediaResult(MediaFile file) : IActionResult
{
    public const string ForeverPublic = "public, max-age=31536000, immutable";
    public const string PrivateOnly = "private, no-store";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        await using var content = file.Content;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = content.ContentType;
        response.ContentLength = content.Length;
        response.Headers.CacheControl = file.Public ? ForeverPublic : PrivateOnly;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        await content.Content.CopyToAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
