using System.Text;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Releases;

/// <summary>
/// Turns the bytes of one upload into a clean release, or a rejection with a specific reason. Never
/// throws for bad input: every failure a member can cause becomes a <see cref="Rejection"/>.
/// </summary>
public static class ReleaseParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The deepest element nesting accepted in HTML (and in the HTML that Markdown and e-mail bodies become).</summary>
    public const int MaxNestingDepth = HtmlTree.MaxDepth;

    /// <summary>
    /// Parses one upload. <paramref name="budget"/> is its time budget: once it is cancelled the parse stops
    /// at its next check and the upload is rejected as <see cref="RejectionCodes.ParseTimeout"/>.
    /// </summary>
    public static ParseResult Parse(ReadOnlySpan<byte> content, string? fileName, string? contentType = null, UploadContext? context = null,
        CancellationToken budget = default)
    {
        context ??= UploadContext.Anonymous;
        try
        {
            var format = ReleaseFormats.Detect(fileName, contentType)
                ?? throw new RejectionException(RejectionCodes.UnsupportedFormat, UnsupportedMessage(fileName, contentType));
            if (content.IsEmpty || IsBlank(content))
            {
                throw new RejectionException(RejectionCodes.Empty, "The upload is empty.");
            }

            // A Word document is a zip archive: binary by nature, so it is read before the NUL check.
            if (format == ReleaseFormat.Docx)
            {
                return ParseResult.Accept(ReleaseFinisher.Finish(DocxReader.Read(content.ToArray(), budget), context));
            }

            if (content.IndexOf((byte)0) >= 0)
            {
                throw new RejectionException(RejectionCodes.Binary, "The upload contains NUL bytes: it is a binary file, not a text release.");
            }

            var draft = format switch
            {
                // MIME declares its own charsets; everything else must be UTF-8.
                ReleaseFormat.Email => EmailReader.Read(content.ToArray(), budget),
                ReleaseFormat.Text => PlainTextReader.Read(Decode(content), budget),
                ReleaseFormat.Markdown => MarkdownReader.Read(Decode(content), budget),
                ReleaseFormat.Html => HtmlReader.Read(Decode(content), budget),
                ReleaseFormat.Json => JsonReader.Read(Decode(content), budget),
                _ => throw new RejectionException(RejectionCodes.UnsupportedFormat, $"Format {format} is not supported."),
            };
            return ParseResult.Accept(ReleaseFinisher.Finish(draft, context));
        }
        catch (RejectionException ex)
        {
            return new ParseResult(null, ex.Rejection);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return ParseResult.Reject(RejectionCodes.ParseTimeout,
                "Reading the upload took longer than its time budget; no release needs that. Simplify the file and upload it again.");
        }
#pragma warning disable CA1031 // Bad input must end as a rejection, never as an exception that blocks the upload.
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
#pragma warning restore CA1031
        {
            return ParseResult.Reject(RejectionCodes.Unreadable, $"The upload could not be read: {TextCleaner.SingleLine(ex.Message, 200)}");
        }
    }

    private static string UnsupportedMessage(string? fileName, string? contentType)
    {
        var extension = TextCleaner.SingleLine(Path.GetExtension(fileName ?? string.Empty), 20);
        var what = extension.Length > 0 ? $"'{extension}' files are" : contentType is { Length: > 0 } ? $"'{TextCleaner.SingleLine(contentType, 60)}' is" : "a file without an extension is";
        return $"{char.ToUpperInvariant(what[0])}{what[1..]} not supported; upload {ReleaseFormats.ExtensionList}.";
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new RejectionException(RejectionCodes.InvalidEncoding, "The upload is UTF-16; save it as UTF-8.");
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RejectionException(RejectionCodes.InvalidEncoding,
                $"The upload is not valid UTF-8 (first bad byte at offset {ex.Index}); save it as UTF-8.");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> content)
    {
        foreach (var b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
