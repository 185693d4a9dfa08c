using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A wire's dateline without the year, and the release's own date a republisher names beside it.</summary>
public static partial class DateFinder
{
    private const int NamedDateWindow = 80;

    /// <summary>
    /// The date of a wire's yearless dateline among the opening paragraphs ("MONTREAL, le 7 déc. /CNW Telbec/ - ..."), which
    /// wins over a day the text talks about ("lors de sa séance du 5 décembre 2007"). A full date the paragraph names as the
    /// release's own ("WASHINGTON, Sept. 17 -- X issued the following news release on Sept. 16, 2025") is that date instead:
    /// the dateline is the republisher's. Null when no opening paragraph has such a dateline.
    /// </summary>
    public static DateOnly? FindOwnYearlessDateline(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Take(3))
        {
            if (FindYearlessDateline(paragraph, paragraphs) is { } dateline)
            {
                return NamedReleaseDate(paragraph) ?? dateline;
            }
        }

        return null;
    }

    /// <summary>A full date early in the paragraph with a word for the release or its issuing close by, or null.</summary>
    private static DateOnly? NamedReleaseDate(string paragraph)
    {
        var head = paragraph.Length > 300 ? paragraph[..300] : paragraph;
        foreach (var (date, index, length) in FindSpans(head))
        {
            var from = Math.Max(0, index - NamedDateWindow);
            var to = Math.Min(head.Length, index + length + NamedDateWindow);
            try
            {
                if (ReleaseWord().IsMatch(head[from..index]) || ReleaseWord().IsMatch(head[(index + length)..to]))
                {
                    return date;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return null;
            }
        }

        return null;
    }

    // A word for a release or for issuing one: "news release", "communiqué", "Pressemitteilung", "issued", "publié", "veröffentlicht".
    [GeneratedRegex(@"\b(?:release|communiqu[ée]|comunicado|comunicato|pressemitteilung|medienmitteilung|persbericht|pressmeddelande|tiedote|issued|published|publi[ée]|veröffentlicht|publicado|pubblicato|gepubliceerd|publicerad)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ReleaseWord();
}
