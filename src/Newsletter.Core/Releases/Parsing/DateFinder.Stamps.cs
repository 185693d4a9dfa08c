using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Which of a release's dates is its own: its dateline or date line over a republisher's or a mail's later stamp, and a
/// numeric date that reads both ways on a page whose language writes the day first.
/// </summary>
public static partial class DateFinder
{
    /// <summary>How long after a release a republisher's listing or a forwarded mail still stamps it.</summary>
    private const int StampLagDays = 31;

    /// <summary>
    /// The release's own date in its opening paragraphs when a stamp (a republisher's "News of June 1, 1999", a listing's date
    /// line, a mail's Date header) is a few days later: a dateline ("DETROIT, MI, May 28, 1999 -", "CYPRESS, Calif., Dec. 30
    /// --", "Kansas City, August 24, 1999 Ford ..."), a place and date line, and in a mailed release (<paramref name="mailed"/>)
    /// a short line that closes with the date (a contact line "Joanna Stancil, 202/586-5806 April 18, 1996"); a page's short
    /// date lines are a listing's other entries. Null when none is, or none is before the stamp.
    /// </summary>
    public static DateOnly? OwnDateBefore(DateOnly stamp, IEnumerable<string> paragraphs, bool mailed)
    {
        string[] stampYear = [stamp.Year.ToString(CultureInfo.InvariantCulture)];
        foreach (var paragraph in paragraphs.Take(8))
        {
            var own = FindDateline(paragraph) ?? FindYearlessDateline(paragraph, stampYear) ?? FindPlaceAndDateLine(paragraph)
                ?? OpeningPlaceAndDate(paragraph) ?? (mailed ? ShortLineClosingDate(paragraph) : null);
            if (own is { } date && date < stamp && stamp.DayNumber - date.DayNumber <= StampLagDays)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>
    /// True when one of the first paragraphs is a forwarding note ("Forwarded for those following the story", "Begin
    /// forwarded message:", "Weitergeleitete Nachricht", "Message transféré", "Doorgestuurd bericht", "Messaggio inoltrato"): the
    /// mail's date is the day it was passed on.
    /// </summary>
    public static bool OpensWithForwardingNote(IEnumerable<string> paragraphs) =>
        paragraphs.Take(2).Any(p => ForwardingNote().IsMatch(p.Length > 80 ? p[..80] : p));

    /// <summary>
    /// The first numeric date of a short line read day first when it reads both ways ("(03-09-2020)", "03/09/2020",
    /// "03 / 09 / 2020"), for a page in a language that writes the day first; a date that reads one way only is read so.
    /// </summary>
    public static DateOnly? FindDayFirst(string text)
    {
        if (FindFirst(text) is { } sure)
        {
            return sure;
        }

        foreach (Match m in SlashDate().Matches(text))
        {
            if (TryCreate(m.Groups["y"].Value, int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture), m.Groups["a"].Value, out var date))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>
    /// The first date of the text, except that a machine's stamp with its clock time ("2024-07-08T10:19:36+03:00") gives way
    /// to a date written for readers beside it ("Thursday, 4 July 2024").
    /// </summary>
    public static DateOnly? FindFirstWritten(string text)
    {
        var spans = FindSpans(text).ToList();
        if (spans.Count == 0)
        {
            return null;
        }

        bool IsStamp(DateSpan span) => span.Index + span.Length + 3 < text.Length && text[span.Index + span.Length] == 'T'
            && char.IsAsciiDigit(text[span.Index + span.Length + 1]) && char.IsAsciiDigit(text[span.Index + span.Length + 2]);
        return IsStamp(spans[0]) ? spans.Skip(1).FirstOrDefault(s => !IsStamp(s) && text.Substring(s.Index, s.Length).Any(char.IsLetter)) is { Length: > 0 } written ? written.Date : spans[0].Date : spans[0].Date;
    }

    // "Kansas City, August 24, 1999 Ford Motor Company's ...": a place and the date open the paragraph, running text follows.
    // A sentence that opens with the day of an event ("Am Donnerstag, 28. August 2014, war ...", "On Thursday, ...") is no dateline.
    private static DateOnly? OpeningPlaceAndDate(string paragraph)
    {
        var head = paragraph.Length > 120 ? paragraph[..120] : paragraph;
        var first = FindSpans(head).FirstOrDefault();
        return first.Length > 0 && first.Index is > 0 and <= 50 && head[..first.Index].TrimEnd().EndsWith(',')
            && DatelinePlace().IsMatch(head[..first.Index]) && !IsEventsDay(head[..first.Index]) && TextCleaner.CountWords(paragraph) >= 8
            ? first.Date
            : null;
    }

    // "Am Donnerstag,", "On Thursday,", "Le jeudi,", "El jueves,": a small word and a weekday, as a sentence opens with the day it tells of.
    private static bool IsEventsDay(string before)
    {
        var words = before.Trim().TrimEnd(',').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2 && words[0].Length <= 3 && words[1].Length >= 3 && Weekdays.ContainsKey(words[1].ToLowerInvariant());
    }

    // "Joanna Stancil, 202/586-5806 April 18, 1996": a short line that closes with the date.
    private static DateOnly? ShortLineClosingDate(string paragraph)
    {
        var text = paragraph.Trim().TrimEnd('.');
        if (TextCleaner.CountWords(text) > 12)
        {
            return null;
        }

        var last = FindSpans(text).LastOrDefault();
        return last.Length > 0 && last.Index + last.Length == text.Length ? last.Date : null;
    }

    [GeneratedRegex(@"^[\s\-_>*]*(?:(?:begin\s+)?forwarded|fwd?:|original\s+message|(?:ursprüngliche|weitergeleitete)\s+nachricht|weitergeleitet|(?:message\s+)?transféré|(?:doorgestuurd|oorspronkelijk)\s+bericht|doorgestuurd|(?:messaggio\s+)?inoltrato|(?:mensaje\s+)?reenviado|(?:mensagem\s+)?encaminhada|vidarebefordra(?:t|d)|videresendt)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ForwardingNote();

    // A date as a path segment of its own, day first, where it reads one way only: "/noticia/18-01-2013/", "/news/18.01.2013/".
    [GeneratedRegex(@"/(?<d>[0-9]{2})(?<s>[\-.])(?<m>[0-9]{2})\k<s>(?<y>(?:19|20)[0-9]{2})(?=/)", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirstUrlSegment();
}
