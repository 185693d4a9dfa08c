namespace Newsletter.Core.Releases;

/// <summary>The file formats members may upload.</summary>
public enum ReleaseFormat
{
    Text,
    Markdown,
    Html,
    Email,
    Json,
    Docx,
}

public static class ReleaseFormats
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The extensions members may upload, for messages and help texts.</summary>
    public const string ExtensionList = ".txt, .md, .html, .eml, .json, .docx";

    /// <summary>
    /// The format of an upload, from its file name, else from its content type. Null when neither says
    /// (the upload is then rejected as unsupported).
    /// </summary>
    public static ReleaseFormat? Detect(string? fileName, string? contentType)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        var byName = extension switch
        {
            ".txt" or ".text" => ReleaseFormat.Text,
            ".md" or ".markdown" => ReleaseFormat.Markdown,
            ".html" or ".htm" => ReleaseFormat.Html,
            ".eml" => ReleaseFormat.Email,
            ".json" => ReleaseFormat.Json,
            ".docx" => ReleaseFormat.Docx,
            _ => (ReleaseFormat?)null,
        };
        if (byName is not null)
        {
            return byName;
        }

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "text/plain" => ReleaseFormat.Text,
            "text/markdown" or "text/x-markdown" => ReleaseFormat.Markdown,
            "text/html" or "application/xhtml+xml" => ReleaseFormat.Html,
            "message/rfc822" => ReleaseFormat.Email,
            "application/json" => ReleaseFormat.Json,
            WordContentType => ReleaseFormat.Docx,
            _ => null,
        };
    }

    public static string Extension(ReleaseFormat format) => format switch
    {
        ReleaseFormat.Text => ".txt",
        ReleaseFormat.Markdown => ".md",
        ReleaseFormat.Html => ".html",
        ReleaseFormat.Email => ".eml",
        ReleaseFormat.Json => ".json",
        ReleaseFormat.Docx => ".docx",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Name(ReleaseFormat format) => format.ToString().ToLowerInvariant();
}
