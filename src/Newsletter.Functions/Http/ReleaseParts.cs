using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Newsletter.Core.Media;

namespace Newsletter.Functions.Http;

/// <summary>
/// A <c>multipart/form-data</c> upload to the member API: the part <c>release</c> (the file) and, optionally, <c>image</c>
/// with <c>imageCaption</c>, <c>imageCredit</c>, <c>imageLicence</c> and <c>imageAlt</c>, and <c>embargo</c>. Read as it
/// arrives, each part within its own bound; unknown parts are skipped unread beyond their bound.
/// </summary>
public sealed record ReleaseParts(byte[]? Release, string? FileName, string? ContentType, ImageUpload? Image, string? Embargo, string? Problem)
{
    private const int MaxFieldBytes = 4 * 1024;

    public static bool IsMultipart(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parts, or a <see cref="Problem"/> saying what is missing or malformed; null when a part passes its bound.</summary>
    public static async Task<ReleaseParts?> ReadAsync(HttpRequest request, long maxReleaseBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Failed("The multipart body has no boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        byte[]? release = null, image = null;
        string? fileName = null, contentType = null;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            for (var parts = 0; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts >= 16)
                {
                    return Failed("The body has more than 16 parts.");
                }

                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value ?? string.Empty;
                switch (name)
                {
                    case "release":
                        release = await ReadLimitedAsync(section.Body, maxReleaseBytes, cancellationToken);
                        if (release is null)
                        {
                            return null;
                        }

                        fileName = HeaderUtilities.RemoveQuotes(disposition!.FileName).Value;
                        contentType = section.ContentType;
                        break;
                    case "image":
                        // One byte past the bound is enough to refuse it; the rest is skipped, the release goes on.
                        image = await ReadLimitedAsync(section.Body, ImagePipeline.MaxBytes + 1, cancellationToken, keepPrefix: true);
                        break;
                    case "imageCaption" or "imageCredit" or "imageLicence" or "imageAlt" or "embargo":
                        var value = await ReadLimitedAsync(section.Body, MaxFieldBytes, cancellationToken, keepPrefix: true);
                        fields[name] = System.Text.Encoding.UTF8.GetString(value!);
                        break;
                    default:
                        await ReadLimitedAsync(section.Body, 0, cancellationToken, keepPrefix: true);
                        break;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            return Failed($"The multipart body is malformed: {ex.Message}");
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The reader meets the end of the body before a part's closing boundary: a body cut short.
            return Failed("The multipart body ends before its closing boundary: the upload was cut short, send it again.");
        }

        if (release is null)
        {
            return Failed("The multipart body has no part named 'release' (the file).");
        }

        var upload = image is null ? null : new ImageUpload(image, fields.GetValueOrDefault("imageCaption"), fields.GetValueOrDefault("imageCredit"),
            fields.GetValueOrDefault("imageLicence"), fields.GetValueOrDefault("imageAlt"));
        return new ReleaseParts(release, fileName, contentType, upload, fields.GetValueOrDefault("embargo"), null);
    }

    private static ReleaseParts Failed(string problem) => new(null, null, null, null, null, problem);

    /// <summary>
    /// At most <paramref name="max"/> bytes: null past that, or with <paramref name="keepPrefix"/> the first <paramref name="max"/>
    /// bytes while the rest is read and dropped in small pieces (never held).
    /// </summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long max, CancellationToken cancellationToken, bool keepPrefix = false)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var room = (int)Math.Min(read, max - kept.Length);
            if (room < read && !keepPrefix)
            {
                return null;
            }

            kept.Write(buffer, 0, Math.Max(room, 0));
        }

        return kept.ToArray();
    }
}
