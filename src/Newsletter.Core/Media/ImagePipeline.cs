using System.Security.Cryptography;
using Newsletter.Core.Releases;
using SkiaSharp;

namespace Newsletter.Core.Media;

/// <summary>One size made by <see cref="ImagePipeline"/>: its description and its bytes.</summary>
public sealed record EncodedRendition(ImageRendition Rendition, byte[] Content);

/// <summary>What became of an image: its sizes (largest first), or why it was refused.</summary>
public sealed record ImageResult(IReadOnlyList<EncodedRendition>? Renditions, Rejection? Refusal)
{
    public bool Accepted => Renditions is not null;

    public static ImageResult Refuse(string code, string message) => new(null, new Rejection(code, message));
}

/// <summary>
/// Checks, cleans and resizes an uploaded image with SkiaSharp. The bytes are hostile: the kind is read from the
/// first bytes, the size and pixel count from the header, and only then is anything decoded, so a small file that
/// claims billions of pixels never allocates them. What is stored is a fresh encoding of the decoded pixels,
/// upright as the camera meant, so no EXIF, GPS, XMP or anything hidden in the original survives.
/// </summary>
public static class ImagePipeline
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;

    /// <summary>Longer side over shorter side: beyond this a lead image is a strip, and a strip can be a memory bomb.</summary>
    public const int MaxAspectRatio = 10;

    /// <summary>The widths made: pages and mail at 2x, smaller screens and mail at 1x, thumbnails.</summary>
    public static IReadOnlyList<int> Widths { get; } = [1200, 600, 160];

    private const int JpegQuality = 82;

    /// <summary>
    /// How many images are decoded at once in this process. A small file may declare up to <see cref="MaxPixels"/>
    /// pixels (160 MB once decoded), so uploads arriving together wait their turn instead of adding up.
    /// </summary>
    public const int MaxAtOnce = 2;

    internal static readonly SemaphoreSlim Turns = new(MaxAtOnce, MaxAtOnce);

    /// <summary><see cref="Process"/>, waiting while <see cref="MaxAtOnce"/> other images are being processed.</summary>
    public static async Task<ImageResult> ProcessInTurnAsync(byte[] content, CancellationToken cancellationToken)
    {
        await Turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Process(content);
        }
        finally
        {
            Turns.Release();
        }
    }

    /// <summary>The refusal of an image of <paramref name="length"/> bytes, over <see cref="MaxBytes"/>: said before any of it is read.</summary>
    public static Rejection TooLarge(long length) =>
        new(ImageRejections.TooLarge, $"The image is {length:N0} bytes; at most {MaxBytes:N0} (10 MiB) are accepted.");

    public static ImageResult Process(byte[] content)
    {
        if (content.Length == 0)
        {
            return ImageResult.Refuse(ImageRejections.Empty, "The image is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return new ImageResult(null, TooLarge(content.Length));
        }

        var kind = Sniff(content);
        if (kind is null)
        {
            var start = System.Text.Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return start.Contains("<svg", StringComparison.OrdinalIgnoreCase)
                ? ImageResult.Refuse(ImageRejections.Svg, "SVG images are not accepted (they can carry scripts); send a JPEG, PNG, WebP or GIF.")
                : ImageResult.Refuse(ImageRejections.UnsupportedFormat, start.StartsWith('<')
                    ? "The image is markup (HTML or XML), not a picture; send a JPEG, PNG, WebP or GIF."
                    : "The image is not a JPEG, PNG, WebP or GIF file.");
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != kind)
        {
            return ImageResult.Refuse(ImageRejections.Damaged, $"The image cannot be read as {Name(kind.Value)}: its header is broken.");
        }

        // The header alone, nothing decoded yet.
        var header = codec.Info;
        if (header.Width < 1 || header.Height < 1)
        {
            return ImageResult.Refuse(ImageRejections.Damaged, "The image has no pixels.");
        }

        if ((long)header.Width * header.Height > MaxPixels)
        {
            return ImageResult.Refuse(ImageRejections.TooManyPixels,
                $"The image is {header.Width:N0} x {header.Height:N0} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted.");
        }

        if (Math.Max(header.Width, header.Height) > (long)MaxAspectRatio * Math.Min(header.Width, header.Height))
        {
            return ImageResult.Refuse(ImageRejections.Shape, $"The image is {header.Width:N0} x {header.Height:N0} pixels; its sides may differ at most {MaxAspectRatio} times.");
        }

        var origin = codec.EncodedOrigin;
        using var decoded = Decode(codec, origin, out var refusal);
        if (decoded is null)
        {
            return refusal!;
        }

        return new ImageResult(Encode(decoded, origin), null);
    }

    /// <summary>The kind the first bytes announce; null for anything that is not one of the four accepted kinds.</summary>
    internal static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => SKEncodedImageFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => SKEncodedImageFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => SKEncodedImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => SKEncodedImageFormat.Webp,
        _ => null,
    };

    private static string Name(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => "JPEG",
        SKEncodedImageFormat.Png => "PNG",
        SKEncodedImageFormat.Gif => "GIF",
        _ => "WebP",
    };

    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Decodes the first frame, at the smallest scale the codec offers that still gives the largest width made
    /// (JPEG decodes at 1/2, 1/4, 1/8 directly), into sRGB. A file that ends early or holds broken data is refused.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, SKEncodedOrigin origin, out ImageResult? refusal)
    {
        var header = codec.Info;
        var uprightWidth = Swaps(origin) ? header.Height : header.Width;
        var target = Math.Min(Widths[0], uprightWidth);
        var size = new SKSizeI(header.Width, header.Height);
        var scaled = codec.GetScaledDimensions((float)target / uprightWidth);
        if ((Swaps(origin) ? scaled.Height : scaled.Width) >= target && scaled.Width > 0 && scaled.Height > 0)
        {
            size = scaled;
        }

        var opaque = header.AlphaType == SKAlphaType.Opaque;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels(), new SKCodecOptions(0));
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            refusal = ImageResult.Refuse(ImageRejections.Damaged, result == SKCodecResult.IncompleteInput
                ? "The image file ends before its last pixel (truncated); send the whole file."
                : $"The image's data is broken ({result}).");
            return null;
        }

        refusal = null;
        return bitmap;
    }

    /// <summary>Each width, upright, from the decoded pixels: JPEG for opaque images, PNG for ones with transparency.</summary>
    private static List<EncodedRendition> Encode(SKBitmap decoded, SKEncodedOrigin origin)
    {
        var uprightWidth = Swaps(origin) ? decoded.Height : decoded.Width;
        var uprightHeight = Swaps(origin) ? decoded.Width : decoded.Height;
        var opaque = decoded.AlphaType == SKAlphaType.Opaque || AllOpaque(decoded.GetPixelSpan());
        var format = opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png;
        var (extension, contentType) = opaque ? ("jpg", "image/jpeg") : ("png", "image/png");

        var made = new List<EncodedRendition>();
        using var source = SKImage.FromBitmap(decoded);
        foreach (var width in Widths.Select(w => Math.Min(w, uprightWidth)).Distinct())
        {
            var height = Math.Max(1, (int)Math.Round((double)uprightHeight * width / uprightWidth));
            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
            using var surface = SKSurface.Create(info);
            var canvas = surface.Canvas;
            canvas.Clear(opaque ? SKColors.White : SKColors.Transparent);
            canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
            canvas.Concat(Upright(origin, decoded.Width, decoded.Height));
            using var paint = new SKPaint { IsAntialias = true };
            canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
            using var snapshot = surface.Snapshot();
            using var encoded = snapshot.Encode(format, opaque ? JpegQuality : 100);
            var bytes = encoded.ToArray();
            var name = $"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}-{width}.{extension}";
            made.Add(new EncodedRendition(new ImageRendition(name, width, height, contentType, bytes.Length), bytes));
        }

        return made;
    }

    /// <summary>True when every RGBA pixel's alpha is full: a PNG with an unused alpha channel is still a photo.</summary>
    private static bool AllOpaque(ReadOnlySpan<byte> rgba)
    {
        for (var i = 3; i < rgba.Length; i += 4)
        {
            if (rgba[i] != 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The transform that draws a decoded image of <paramref name="w"/> x <paramref name="h"/> stored with <paramref name="origin"/> upright.</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
