using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A numeric date that reads both ways ("Published: 08/03/2021", "Date 11/08/1999") is settled by what the page itself
/// says: the same day written out, the order its other dates are written in, its language; not guessed.
/// </summary>
public static partial class DateFinder
{
    /// <summary>
    /// True when <paramref name="date"/> is the month-first reading of a numeric date in the value that reads both ways
    /// ("08/03/2021", "11-08-1999"), as a value parser reads it: the caller marks it for <see cref="SettleBothWays"/>.
    /// </summary>
    public static bool ReadsBothWays(string? value, DateOnly date)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 200 || IsoPrefix().IsMatch(text) || FindAll(text).Any())
        {
            return false;
        }

        var m = SlashDate().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var (a, b) = (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
        return a is >= 1 and <= 12 && b is >= 1 and <= 12 && a != b && date.Month == a && date.Day == b;
    }

    /// <summary>
    /// Which reading of a numeric date read month first (<paramref name="monthFirst"/>) the page means: the one it also writes
    /// out ("Press Release of 8 March 2021"), else the order of its other dates (numbers that read one way only, "30/09/1999"
    /// or "09/30/1999", and named dates, "30 September 1999" or "September 30, 1999"), else day first on a page whose
    /// language is not English. Left month first when nothing settles it.
    /// </summary>
    public static DateOnly SettleBothWays(DateOnly monthFirst, IEnumerable<string> text, string? language)
    {
        if (monthFirst.Day > 12 || monthFirst.Day == monthFirst.Month)
        {
            return monthFirst;
        }

        var dayFirst = new DateOnly(monthFirst.Year, monthFirst.Day, monthFirst.Month);
        var (namesDayFirst, namesMonthFirst, dayFirstVotes, monthFirstVotes) = ReadOrder(text, dayFirst, monthFirst);
        if (namesDayFirst != namesMonthFirst)
        {
            return namesDayFirst ? dayFirst : monthFirst;
        }

        if (dayFirstVotes != monthFirstVotes)
        {
            return dayFirstVotes > monthFirstVotes ? dayFirst : monthFirst;
        }

        return language is { Length: > 0 } && !language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? dayFirst : monthFirst;
    }

    // Whether the text writes out either reading, and how many of its dates are written day first and month first.
    private static (bool DayFirst, bool MonthFirst, int DayFirstVotes, int MonthFirstVotes) ReadOrder(IEnumerable<string> text, DateOnly dayFirst, DateOnly monthFirst)
    {
        var order = (DayFirst: false, MonthFirst: false, DayFirstVotes: 0, MonthFirstVotes: 0);
        try
        {
            foreach (var paragraph in text.Take(40))
            {
                var head = paragraph.Length > 2000 ? paragraph[..2000] : paragraph;
                foreach (var (date, index, length) in FindSpans(head))
                {
                    order.DayFirst |= date == dayFirst;
                    order.MonthFirst |= date == monthFirst;
                    var written = WrittenOrder().Match(head.Substring(index, length));
                    if (written.Success && Months.ContainsKey(written.Groups["m"].Value.ToLowerInvariant()))
                    {
                        order.DayFirstVotes += written.Groups["d"].Index == 0 ? 1 : 0;
                        order.MonthFirstVotes += written.Groups["d"].Index == 0 ? 0 : 1;
                    }
                }

                foreach (Match m in SlashDate().Matches(head))
                {
                    var (a, b) = (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
                    order.DayFirstVotes += a > 12 && b <= 12 ? 1 : 0;
                    order.MonthFirstVotes += b > 12 && a <= 12 ? 1 : 0;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // What was counted before the budget ran out decides.
        }

        return order;
    }

    // A date written out, the day before the month's name ("30 September 1999", "8. März 2021", "3 de marzo de 2021") or
    // after it ("September 30, 1999", "Sept. 30 1999").
    [GeneratedRegex(@"^(?:(?<d>[0-9]{1,2})(?:st|nd|rd|th|er|e|º|°|\.)?[\s\-]*(?:de\s+|den\s+|d['’])?(?<m>\p{L}{3,12})|(?<m>\p{L}{3,12})\.?\s+(?<d>[0-9]{1,2}))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 250)]
    private static partial Regex WrittenOrder();
}
