namespace Newsletter.Core.Releases.Parsing;

/// <summary>The rule for a title with a line break inside it.</summary>
internal static class TitleLine
{
    /// <summary>
    /// A title value that kept a line break through parsing (a quoted YAML string with "\r\n", a JSON string, an
    /// encoded subject) ends at the break: what follows is dropped, with a warning, so it can never reach a
    /// subject line or a header. A title that merely wrapped in its source was already joined by its reader.
    /// </summary>
    public static string? BeforeLineBreak(string? title, List<string> warnings)
    {
        var trimmed = title?.Trim();
        var lineBreak = trimmed?.IndexOfAny(['\r', '\n', '\u2028', '\u2029']) ?? -1;
        if (lineBreak < 0)
        {
            return title;
        }

        warnings.Add($"The title had a line break; only the text before it is used, and '{TextCleaner.SingleLine(trimmed![lineBreak..], 80)}' was dropped.");
        return trimmed[..lineBreak];
    }
}
