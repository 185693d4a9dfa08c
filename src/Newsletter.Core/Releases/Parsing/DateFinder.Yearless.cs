using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A release's own day without the year: a wire's dateline, or the day its opening sentence gives as today's; and the release's
/// own date a republisher names beside a dateline.
/// </summary>
public static partial class DateFinder
{
    private const int NamedDateWindow = 80;

    /// <summary>
    /// The date of a wire's yearless dateline ("MONTREAL, le 7 déc. /CNW Telbec/ - ...") or of a day given as today's among the
    /// opening paragraphs, which wins over a day the text talks about ("lors de sa séance du 5 décembre 2007"). A full date the
    /// paragraph names as the release's own ("WASHINGTON, Sept. 17 -- X issued the following news release on Sept. 16, 2025")
    /// is that date instead: the dateline is the republisher's. Null when no opening paragraph has either.
    /// </summary>
    public static DateOnly? FindOwnYearlessDateline(IReadOnlyList<string> paragraphs, string? headline = null)
    {
        foreach (var paragraph in paragraphs.Take(3))
        {
            if (FindYearlessDateline(paragraph, paragraphs, headline) is { } dateline)
            {
                return NamedReleaseDate(paragraph) ?? dateline;
            }

            if (TodaysDate(paragraph, paragraphs) is { } today)
            {
                return today;
            }
        }

        return null;
    }

    /// <summary>
    /// A day the sentence gives as today's, without the year: "said in a report released today (7 September)", "today (Monday
    /// 7 September)", "heute (7. September)", "aujourd'hui (7 septembre)". The year is the first one the text names.
    /// </summary>
    private static DateOnly? TodaysDate(string paragraph, IEnumerable<string> text)
    {
        try
        {
            var head = paragraph.Length > 300 ? paragraph[..300] : paragraph;
            var today = Today().Match(head);
            if (!today.Success || !Months.TryGetValue(today.Groups["m"].Value.ToLowerInvariant(), out var month))
            {
                // "heute, am 7.7.22, wurde ...", "opened today, 7 July 2022, to ...": the day given as today's in full.
                var dated = TodayDated().Match(head);
                return dated.Success ? TryParseShortYear(dated.Groups["date"].Value.TrimEnd('.')) ?? FindSpans(dated.Groups["date"].Value).Where(s => s.Index <= 1).Select(s => (DateOnly?)s.Date).FirstOrDefault() : null;
            }

            var year = text.Select(p => Year().Match(p)).FirstOrDefault(m => m.Success);
            return year is not null && TryCreate(year.Value, month, today.Groups["d"].Value, out var date) ? date : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
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

    // "today (7 September)", "today (Monday 7 September)", "today (September 7)", "heute (7. September)", "hoy (7 de septiembre)".
    [GeneratedRegex(@"\b(?:today|heute|aujourd['’]hui|hoy|oggi|hoje|vandaag|idag|i\s+dag|tänään)\s*\((?:\p{L}{3,12},?\s+)?(?:(?<d>[0-9]{1,2})\.?\s+(?:de\s+)?(?<m>\p{L}{3,10})|(?<m>\p{L}{3,10})\s+(?<d>[0-9]{1,2}))\.?\)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Today();

    // "heute, am 7.7.22,", "today, 7 July 2022,", "aujourd'hui, le 7 juillet 2022,", "hoy, 7 de julio de 2022,": the date up to the next comma.
    [GeneratedRegex(@"\b(?:today|heute|aujourd['’]hui|hoy|oggi|hoje|vandaag|idag|i\s+dag|tänään|dziś|dzisiaj|dnes|danas|danes)\s?,\s{0,3}(?:(?:am|le|el|il|den|op|on|the)\s{1,3})?(?<date>[^,()]{6,30}?)\s?,",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TodayDated();

    // A word for a release or for issuing one: "news release", "communiqué", "Pressemitteilung", "issued", "publié", "veröffentlicht".
    [GeneratedRegex(@"\b(?:release|communiqu[ée]|comunicado|comunicato|pressemitteilung|medienmitteilung|persbericht|pressmeddelande|tiedote|issued|published|publi[ée]|veröffentlicht|publicado|pubblicato|gepubliceerd|publicerad)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ReleaseWord();
}
