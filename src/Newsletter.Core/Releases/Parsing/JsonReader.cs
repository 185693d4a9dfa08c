using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// JSON releases, for members who publish from a system of their own. The schema is in
/// <c>docs/release-formats.md</c>: <c>title</c> and one of <c>body</c> (Markdown), <c>bodyHtml</c> or
/// <c>bodyText</c> are required; <c>date</c>, <c>organisation</c>, <c>summary</c>, <c>topics</c>,
/// <c>url</c>, <c>language</c> and <c>embargo</c> (ISO 8601 with an offset) are optional.
/// </summary>
internal static class JsonReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    internal sealed record JsonRelease(
        string? Title,
        string? Date,
        string? Organisation,
        string? Organization,
        string? Summary,
        string? Body,
        string? BodyHtml,
        string? BodyText,
        IReadOnlyList<string>? Topics,
        string? Url,
        string? Language,
        string? Embargo);

    public static ReleaseDraft Read(string text, CancellationToken budget)
    {
        JsonRelease? release;
        try
        {
            release = JsonSerializer.Deserialize<JsonRelease>(text, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            throw new RejectionException(RejectionCodes.InvalidJson,
                $"The JSON cannot be read{where}: {TextCleaner.SingleLine(ex.Message.Split(" Path:")[0], 200)}");
        }

        if (release is null)
        {
            throw new RejectionException(RejectionCodes.InvalidJson, "The JSON must be an object, e.g. {\"title\": \"...\", \"body\": \"...\"}.");
        }

        var draft = new ReleaseDraft { Format = ReleaseFormat.Json, Title = release.Title, Budget = budget };
        if (release.Date is not null)
        {
            if (!DateFinder.TryParseValue(release.Date, out var date, out var problem))
            {
                throw new RejectionException(RejectionCodes.InvalidDate, $"The field 'date' cannot be used: {problem}.");
            }

            draft.AddDate(date, DateSource.Metadata);
        }

        draft.EmbargoField = release.Embargo;
        draft.Organisation = release.Organisation ?? release.Organization;
        draft.Summary = release.Summary;
        draft.Language = release.Language?.ToLowerInvariant();
        if (release.Topics is not null)
        {
            draft.Topics.AddRange(release.Topics.Where(t => t is not null));
        }

        if (Uri.TryCreate(release.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            draft.CanonicalUrl = url.AbsoluteUri;
        }

        var title = draft.Title;
        if (!string.IsNullOrWhiteSpace(release.BodyHtml))
        {
            HtmlReader.ReadInto(draft, release.BodyHtml, title);
        }
        else if (!string.IsNullOrWhiteSpace(release.Body))
        {
            var markdown = MarkdownReader.Read(release.Body, budget, title);
            draft.Body = markdown.Body;
        }
        else if (!string.IsNullOrWhiteSpace(release.BodyText))
        {
            PlainTextReader.ReadInto(draft, release.BodyText, isEmailBody: false);
        }

        draft.Title = title;
        return draft;
    }
}
