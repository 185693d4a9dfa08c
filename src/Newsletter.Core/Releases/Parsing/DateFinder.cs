using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A date found in a text, and where it stands (its first character and length).</summary>
public readonly record struct DateSpan(DateOnly Date, int Index, int Length);

/// <summary>
/// Finds calendar dates written in the shapes press releases use, in English and the main European
/// languages: <c>11 Dec 2019</c>, <c>December 10, 2019</c>, <c>2019-12-11</c>, <c>11. Dezember 2019</c>,
/// <c>mercredi 11 décembre 2019</c>, <c>onsdag den 11 december 2019</c>, <c>11 de diciembre de 2019</c>, <c>11.12.2019</c>,
/// <c>17-Nov-2017</c>, <c>2015.10.27</c>, and <c>26/06/2014</c> or <c>16-01-2022</c> where only one reading is possible
/// (a labelled value may also be <c>21.12.12</c>).
/// Impossible dates (2020-13-45, 31 February) are never returned.
/// </summary>
public static partial class DateFinder
{

    /// <summary>Every date in the text, in order of appearance.</summary>
    public static IEnumerable<DateSpan> FindAll(string text) => FindSpans(text);

    /// <summary>Every date in the text with where it stands, in order of appearance.</summary>
    internal static IEnumerable<DateSpan> FindSpans(string text)
    {
        var found = new List<(DateOnly, int, int)>();
        foreach (Match m in IsoDate().Matches(text))
        {
            if (TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in DayMonthYear().Matches(text))
        {
            if (Months.TryGetValue(m.Groups["m"].Value.ToLowerInvariant(), out var month)
                && TryCreate(m.Groups["y"].Value, month, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in MonthDayYear().Matches(text))
        {
            if (Months.TryGetValue(m.Groups["m"].Value.ToLowerInvariant(), out var month)
                && TryCreate(m.Groups["y"].Value, month, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in DottedDate().Matches(text))
        {
            if (TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in YearFirstDottedDate().Matches(text))
        {
            // "2015.10.27 |": year, month and day with dots, as East Asian and Nordic listings write them.
            if (TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in YearFirstSlashDate().Matches(text))
        {
            // "2021/04/15": year, month and day with slashes, as Japanese, Chinese and some European sites write them.
            if (TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
        }

        foreach (Match m in SlashDate().Matches(text))
        {
            // 26/06/2014 and 16-01-2022 can only be day first; 06/04/2025 could be either, so it is not read, unless a
            // weekday before it fits one reading only ("Thu, 11/09/2025").
            var (first, second) = (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
            var (day, month) = first > 12 ? (first, second) : second > 12 ? (second, first) : first == second ? (first, first) : (0, 0);
            if (month > 0 && TryCreate(m.Groups["y"].Value, month, day.ToString(CultureInfo.InvariantCulture), out var date))
            {
                found.Add((date, m.Index, m.Length));
            }
            else if (month == 0 && ByWeekday(text, m.Index, m.Groups["y"].Value, first, second) is { } settled)
            {
                found.Add((settled, m.Index, m.Length));
            }
        }

        AddYearFirstAndSpacedDates(text, found);
        return found.OrderBy(f => f.Item2).Select(f => new DateSpan(f.Item1, f.Item2, f.Item3));
    }

    /// <summary>
    /// A news-wire dateline without the year ("VIENNA, Virginia, Jan. 31 -- ..."): the year is the first one the
    /// text names (a release announces what comes after it, rarely what came years before).
    /// </summary>
    public static DateOnly? FindYearlessDateline(string paragraph, IEnumerable<string> text, string? headline = null)
    {
        var dateline = YearlessDateline().Match(paragraph.Length > 120 ? paragraph[..120] : paragraph);
        if (!dateline.Success || !Months.TryGetValue(dateline.Groups["m"].Value.ToLowerInvariant(), out var month))
        {
            return null;
        }

        // The same day written out in full in the headline ("18 February 2011 marks ...") gives its year.
        var day = int.Parse(dateline.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (headline is not null && FindSpans(headline.Length > 300 ? headline[..300] : headline).FirstOrDefault(s => s.Date.Month == month && s.Date.Day == day) is { Length: > 0 } sameDay)
        {
            return sameDay.Date;
        }

        var year = text.Select(p => Year().Match(p)).FirstOrDefault(m => m.Success);
        return year is not null && TryCreate(year.Value, month, dateline.Groups["d"].Value, out var date) ? date : null;
    }

    /// <summary>True for a paragraph that opens with a news wire's dateline without the year ("DARFUR, Dec. 22 /Standard Newswire/ --").</summary>
    public static bool IsYearlessDateline(string paragraph) =>
        YearlessDateline().Match(paragraph.Length > 120 ? paragraph[..120] : paragraph) is { Success: true } dateline
        && Months.ContainsKey(dateline.Groups["m"].Value.ToLowerInvariant());

    /// <summary>
    /// The date of a dateline that opens a paragraph: a place (or a weekday) and the date, then a dash, in the shapes wires and
    /// companies write: "COLUMBIA, MD (November 9, 2004) –", "ROCKVILLE, MD; October 22, 2003 –", "Redwood City, CA—July 19,
    /// 2001—", "CHATHAM, N.J., March 21, 2024 (GLOBE NEWSWIRE) —", "November 15, 2004 – New York", "Torino, 3 marzo 2021 –".
    /// </summary>
    public static DateOnly? FindDateline(string paragraph)
    {
        var head = paragraph.Length > 160 ? paragraph[..160] : paragraph;
        foreach (var (date, index, length) in FindSpans(head))
        {
            if (index > 100)
            {
                break;
            }

            // Running text follows a dateline: an aggregator's "Source - Sa, 22/04/2017 - 14:18" is a time stamp, not a dateline.
            if (DatelinePlace().IsMatch(head[..index]) && DatelineEnd().Match(head[(index + length)..]) is { Success: true } end
                && TextCleaner.CountWords(paragraph) >= 8 && paragraph[(index + length + end.Length)..].Count(char.IsLetter) >= 3)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>A date that closes a paragraph after its last sentence, as a listing's blurb carries it ("... scientists. 20 April 2016").</summary>
    public static DateOnly? FindClosingDate(string paragraph)
    {
        var text = paragraph.TrimEnd();
        var last = FindSpans(text).LastOrDefault();
        if (last.Length == 0 || last.Index + last.Length != text.Length)
        {
            return null;
        }

        var before = text[..last.Index].TrimEnd();
        return before.Length > 0 && before[^1] is '.' or '!' or '?' or '"' or '”' or '»' && TextCleaner.CountWords(before) >= 8 ? last.Date : null;
    }

    /// <summary>
    /// A date set in three elements of a page ("05" / "01" / "2023", "Jan" / "05" / "2023", "2023" / "01" / "05"). Numbers
    /// alone are read day first, or month first only when it is the one possible reading, unless the page may write the
    /// month first (<paramref name="monthFirstPossible"/>), where an ambiguous one is not read.
    /// </summary>
    public static DateOnly? FromParts(string first, string second, string third, bool monthFirstPossible)
    {
        string[] parts = [first.Trim().TrimEnd('.', ','), second.Trim().TrimEnd('.', ','), third.Trim().TrimEnd('.', ',')];
        if (parts.Any(p => p.Length is 0 or > 10 || p.Contains(' ', StringComparison.Ordinal)))
        {
            return null;
        }

        if (parts.All(p => p.All(char.IsAsciiDigit)))
        {
            var (a, b) = parts[0].Length == 4 ? (parts[2], parts[1]) : (parts[0], parts[1]);
            var year = parts[0].Length == 4 ? parts[0] : parts[2];
            if (year.Length != 4 || a.Length > 2 || b.Length > 2)
            {
                return null;
            }

            var (day, month) = (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture));
            if (parts[0].Length != 4 && monthFirstPossible && day <= 12 && month <= 12 && day != month)
            {
                return null;
            }

            if (parts[0].Length != 4 && day <= 12 && month > 12)
            {
                (day, month) = (month, day);
            }

            return TryCreate(year, month, day.ToString(CultureInfo.InvariantCulture), out var numeric) ? numeric : null;
        }

        // With a month's name, the usual written shapes read the three together.
        return FindFirst(string.Join(' ', parts)) is { } named && FindSpans(string.Join(' ', parts)).First().Length == string.Join(' ', parts).Length ? named : null;
    }

    /// <summary>True for a month's name ("April", "Okt.") or a year ("2021") standing as a word of its own.</summary>
    public static bool IsMonthOrYear(string word)
    {
        var clean = word.Trim('.', ',', '(', ')').ToLowerInvariant();
        return WesternMonths.Contains(clean) || (clean.Length == 4 && Year().IsMatch(clean));
    }

    /// <summary>The first date in the text, or null.</summary>
    public static DateOnly? FindFirst(string text) => FindAll(text).Select(f => (DateOnly?)f.Date).FirstOrDefault();

    /// <summary>The last date in the text, or null (a date in a footer).</summary>
    public static DateOnly? FindLast(string text) => FindAll(text).Select(f => (DateOnly?)f.Date).LastOrDefault();

    /// <summary>
    /// Reads a value that is meant to be a date (front matter, a meta tag, a JSON field, a datetime attribute).
    /// Returns false with a reason when it looks like a date but is impossible, or is no date at all.
    /// </summary>
    public static bool TryParseValue(string? value, out DateOnly date, out string? problem)
    {
        date = default;
        problem = null;
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = "the date is empty";
            return false;
        }

        var iso = IsoPrefix().Match(text);
        if (iso.Success)
        {
            if (TryCreate(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value, out date))
            {
                return true;
            }

            problem = $"'{Shorten(text)}' is not a real calendar date";
            return false;
        }

        var first = FindAll(text).FirstOrDefault();
        if (first != default)
        {
            date = first.Date;
            return true;
        }

        // A labelled value with a two-digit year ("Veröffentlicht: 21.12.12"): read only where the whole value is the date.
        var shortYear = ShortYearDottedDate().Match(text);
        if (shortYear.Success)
        {
            var year = int.Parse(shortYear.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (TryCreate((year < 70 ? 2000 + year : 1900 + year).ToString(CultureInfo.InvariantCulture), shortYear.Groups["m"].Value, shortYear.Groups["d"].Value, out date))
            {
                return true;
            }

            problem = $"'{Shorten(text)}' is not a real calendar date";
            return false;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed.UtcDateTime);
            return true;
        }

        problem = $"'{Shorten(text)}' is not a date this system can read (use yyyy-MM-dd)";
        return false;
    }

    private static string Shorten(string text) => TextCleaner.SingleLine(text, 40);

    private static bool TryCreate(string year, string month, string day, out DateOnly date) =>
        TryCreate(year, int.Parse(month, CultureInfo.InvariantCulture), day, out date);

    private static bool TryCreate(string year, int month, string day, out DateOnly date)
    {
        date = default;
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        if (y is < 1900 or > 2200 || month is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, month))
        {
            return false;
        }

        date = new DateOnly(y, month, d);
        return true;
    }

    [GeneratedRegex(@"(?<![[0-9]-])(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})(?![[0-9]])", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:$|[T\s])", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPrefix();

    [GeneratedRegex(@"(?<![0-9])(?<d>[0-9]{1,2})(?:st|nd|rd|th|er|e|º|°|\.)?(?:\s*|-)(?:de\s+|den\s+|d['’])?(?<m>\p{L}{3,12})\.?(?:,?\s+(?:de\s+)?|-)(?<y>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"(?<!\p{L})(?<m>\p{L}{3,12})\.?\s+(?<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s+(?<y>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"(?<![[0-9].])(?<d>[0-9]{1,2})\.(?<m>[0-9]{1,2})\.(?<y>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"(?<![0-9.])(?<y>(?:19|20)[0-9]{2})\.(?<m>[0-9]{1,2})\.(?<d>[0-9]{1,2})(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstDottedDate();

    // "2021/04/15", and with spaced separators "2019 / 11 / 14", "2019 - 11 - 14" (the same on both sides).
    [GeneratedRegex(@"(?<![0-9/.\-])(?<y>(?:19|20)[0-9]{2})(?<s>/| / | - )(?<m>[0-9]{1,2})\k<s>(?<d>[0-9]{1,2})(?![0-9/])", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstSlashDate();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})\.(?<m>[0-9]{1,2})\.(?<y>[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortYearDottedDate();

    // "VIENNA, Virginia, Jan. 31 -- ", "OMAHA, Neb., SAN JOSE, Calif., May 29 /PRNewswire/—", "BOSTON, May 29 (Reuters) - ", and
    // with the day first: "MONTREAL, le 7 déc. /CNW Telbec/ - ", "BERLIN, 7. Dez. (dpa) - ", "MADRID, 14 de dic. (Agencia) - ".
    [GeneratedRegex(@"^\p{Lu}[\p{L}.'\- ]{1,40},(?:\s*\p{Lu}[\p{L}.'\- ]{1,30},){0,3}\s*(?:(?<m>\p{L}{3,10})\.?\s+(?<d>[0-9]{1,2})|(?:(?:le|el|il|den|am)\s+)?(?<d>[0-9]{1,2})(?:er|\.)?\s+(?:de\s+)?(?<m>\p{L}{3,10})\.?)\s*(?:/[\p{L}\- .]{2,40}/|\([\p{L}\- .]{2,40}\))?\s*(?:--|—|–|-)(?:\s|(?=\p{Lu}))", RegexOptions.CultureInvariant)]
    private static partial Regex YearlessDateline();

    // What stands before a dateline's date: places and a weekday, each closed by a comma, semicolon, bracket or dash.
    [GeneratedRegex(@"^\s*(?:\p{Lu}[\p{L}.'’\-]*(?:[ ]+\p{L}[\p{L}.'’\-]*){0,3}\s*[,;(—–\-]\s*){0,4}(?:\p{L}+,?\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatelinePlace();

    // What follows a dateline's date: a closing bracket, a wire's name, then the dash ("2004) –", "2024 (GLOBE NEWSWIRE) —", "2003 –Bio"),
    // or an ellipsis as older wires set it ("October 19, 2015 . . . IBM", "2015... Example", "2015 … Example").
    [GeneratedRegex(@"^\s*\)?\s*(?:\([^()]{1,40}\)\s*|/[^/]{1,30}/\s*)?(?:--|—|–|-\s|-(?=\p{Lu})|\.[ ]?\.[ ]?\.\s|…\s?(?=\p{Lu}))", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineEnd();

    [GeneratedRegex(@"(?<![0-9])(?:19[5-9][0-9]|20[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    // "26/06/2014", "16-01-2022", and with spaced separators "04 / 04 / 2019" (the same on both sides).
    [GeneratedRegex(@"(?<![0-9/\-])(?<a>[0-9]{1,2})(?<s>[/\-]| / | - )(?<b>[0-9]{1,2})\k<s>(?<y>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDate();
}
