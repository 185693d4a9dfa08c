using System.Text.RegularExpressions;
using Markdig;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Markdown releases with optional YAML front matter (<c>title</c>, <c>date</c>, <c>member</c> or
/// <c>organisation</c>, <c>topics</c> or <c>tags</c>, <c>summary</c>, <c>url</c>, <c>language</c>, <c>embargo</c>).
/// Broken front matter is rejected: it never turns into a title that swallowed the lines after it.
/// </summary>
internal static partial class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseFootnotes()
        .Build();

    public static ReleaseDraft Read(string text, CancellationToken budget, string? knownTitle = null)
    {
        var draft = new ReleaseDraft { Format = ReleaseFormat.Markdown, Title = knownTitle, Budget = budget };
        var body = TextCleaner.NormalizeSpaces(text);
        if (body.StartsWith("---", StringComparison.Ordinal) && (body.Length == 3 || body[3] == '\n' || body[3] == ' '))
        {
            body = ReadFrontMatter(body, draft);
        }

        body = EscapeDateLines(body);
        CheckNesting(body, budget);
        string html;
        try
        {
            html = Markdown.ToHtml(body, Pipeline);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("too deeply nested", StringComparison.OrdinalIgnoreCase))
        {
            // Markdig's own depth limit; the HTML it renders is held to HtmlTree.MaxDepth below.
            throw HtmlTree.TooDeep();
        }

        HtmlReader.ReadInto(draft, html, draft.Title);
        return draft;
    }

    /// <summary>
    /// A German, Danish or Nordic date line ("21. Dezember 2018", "3. marts 2020") starts like an ordered list item: its dot is
    /// escaped so that it stays a date, not a list starting at 21 whose text is "Dezember 2018".
    /// </summary>
    private static string EscapeDateLines(string markdown) => NumberedDateLine().Replace(markdown, match =>
        DateFinder.FindSpans(match.Value).FirstOrDefault() is { Length: > 0 } date && date.Index == 0
            ? match.Groups["day"].Value + "\\." + match.Value[(match.Groups["day"].Length + 1)..]
            : match.Value);

    [GeneratedRegex(@"^(?<day>[0-9]{1,2})\.[ \t]+\p{L}[^\n]{0,60}$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NumberedDateLine();

    /// <summary>
    /// Markdig slows down sharply on deeply nested quotes and lists (200,000 list markers on one line took 12 s)
    /// before its own limit stops it, so a bound on the nesting of every line is checked first: each quote or
    /// list marker at the start of a line opens a level, and so does every two columns of indentation.
    /// </summary>
    private static void CheckNesting(string markdown, CancellationToken budget)
    {
        const int maxLevels = HtmlTree.MaxDepth / 2;
        var levels = 0;
        var columns = 0;
        var atLineStart = true;
        for (var i = 0; i < markdown.Length; i++)
        {
            if ((i & 65535) == 0)
            {
                budget.ThrowIfCancellationRequested();
            }

            var c = markdown[i];
            if (c == '\n')
            {
                (levels, columns, atLineStart) = (0, 0, true);
                continue;
            }

            if (!atLineStart)
            {
                continue;
            }

            switch (c)
            {
                case ' ':
                    columns++;
                    break;
                case '\t':
                    columns += 4;
                    break;
                case '>':
                    levels++;
                    break;
                case '-' or '*' or '+' when i + 1 < markdown.Length && markdown[i + 1] is ' ' or '\t':
                    levels++;
                    break;
                case >= '0' and <= '9':
                    var end = i;
                    while (end < markdown.Length && char.IsAsciiDigit(markdown[end]))
                    {
                        end++;
                    }

                    if (end < markdown.Length && markdown[end] is '.' or ')' && end + 1 < markdown.Length && markdown[end + 1] is ' ' or '\t')
                    {
                        levels++;
                        i = end;
                    }
                    else
                    {
                        atLineStart = false;
                    }

                    break;
                default:
                    atLineStart = false;
                    break;
            }

            if (levels + (columns / 2) > maxLevels)
            {
                throw HtmlTree.TooDeep();
            }
        }
    }

    private static string ReadFrontMatter(string text, ReleaseDraft draft)
    {
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0 || text[..firstLineEnd].Trim() != "---")
        {
            throw new RejectionException(RejectionCodes.InvalidFrontMatter, "The front matter's opening '---' must stand alone on the first line.");
        }

        var end = -1;
        var position = firstLineEnd + 1;
        var lineNumber = 2;
        while (position <= text.Length)
        {
            var next = text.IndexOf('\n', position);
            var line = (next < 0 ? text[position..] : text[position..next]).TrimEnd();
            if (line is "---" or "...")
            {
                end = position;
                break;
            }

            if (next < 0)
            {
                break;
            }

            position = next + 1;
            lineNumber++;
        }

        if (end < 0)
        {
            throw new RejectionException(RejectionCodes.InvalidFrontMatter,
                "The front matter opened with '---' on line 1 is never closed: add a line with '---' after the last field.");
        }

        var yaml = text[(firstLineEnd + 1)..end];
        if (yaml.Length > 64 * 1024)
        {
            throw new RejectionException(RejectionCodes.InvalidFrontMatter, "The front matter is over 64 KiB; it should hold a few fields.");
        }

        var rest = text.IndexOf('\n', end) is var after and >= 0 ? text[(after + 1)..] : string.Empty;
        var fields = Parse(yaml);

        string? Field(params string[] names) =>
            names.Select(n => fields.TryGetValue(n, out var v) ? v as string : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        draft.Title = Field("title") ?? draft.Title;
        draft.Organisation = Field("member", "organisation", "organization", "author");
        draft.Summary = Field("summary", "description");
        draft.Language = Field("language", "lang")?.ToLowerInvariant();
        if (Field("url", "canonical", "canonical_url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            draft.CanonicalUrl = uri.AbsoluteUri;
        }

        if (fields.TryGetValue("date", out var rawDate) || fields.TryGetValue("published", out rawDate))
        {
            if (rawDate is not string dateText)
            {
                throw new RejectionException(RejectionCodes.InvalidDate, "The front matter's date must be a single value, e.g. 'date: 2019-12-11'.");
            }

            if (!DateFinder.TryParseValue(dateText, out var date, out var problem))
            {
                throw new RejectionException(RejectionCodes.InvalidDate, $"The front matter's date cannot be used: {problem}.");
            }

            draft.AddDate(date, DateSource.Metadata);
        }

        if (fields.TryGetValue("embargo", out var rawEmbargo))
        {
            draft.EmbargoField = rawEmbargo as string
                ?? throw new RejectionException(RejectionCodes.InvalidEmbargo, "The front matter's embargo must be a single value, e.g. 'embargo: 2026-03-12T10:00:00+01:00'.");
        }

        foreach (var key in new[] { "topics", "tags" })
        {
            switch (fields.GetValueOrDefault(key))
            {
                case string single:
                    draft.Topics.AddRange(single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                    break;
                case List<string> many:
                    draft.Topics.AddRange(many);
                    break;
            }
        }

        return rest;
    }

    /// <summary>Reads the front matter as a flat map of scalars and lists of scalars.</summary>
    private static Dictionary<string, object> Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new RejectionException(RejectionCodes.InvalidFrontMatter,
                $"The front matter is not valid YAML (line {ex.Start.Line + 1}, column {ex.Start.Column}): {TextCleaner.SingleLine(ex.Message, 200)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The YAML scanner throws these on some malformed input instead of a YamlException.
            throw new RejectionException(RejectionCodes.InvalidFrontMatter, "The front matter is not valid YAML.");
        }

        var fields = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return fields;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new RejectionException(RejectionCodes.InvalidFrontMatter, "The front matter must be a list of 'name: value' fields.");
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                continue;
            }

            fields[key] = valueNode switch
            {
                YamlScalarNode scalar => scalar.Value ?? string.Empty,
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList(),
                _ => throw new RejectionException(RejectionCodes.InvalidFrontMatter,
                    $"The front matter field '{TextCleaner.SingleLine(key, 40)}' must be a value or a list of values."),
            };
        }

        return fields;
    }
}
