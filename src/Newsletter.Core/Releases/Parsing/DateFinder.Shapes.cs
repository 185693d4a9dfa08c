using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The date shapes of languages that write the year first or set the numbers apart: "2021. május 3.", "2000. gada 1.
/// septembrī", "2020 m. gegužės 5 d.", "2021年5月3日", "2021년 5월 3일", "ngày 3 tháng 5 năm 2021", "9. 9. 2016".
/// </summary>
public static partial class DateFinder
{
    private static void AddYearFirstAndSpacedDates(string text, List<(DateOnly, int, int)> found)
    {
        try
        {
            foreach (Match m in YearFirstNamedDate().Matches(text))
            {
                if (Months.TryGetValue(m.Groups["m"].Value.ToLowerInvariant(), out var month) && TryCreate(m.Groups["y"].Value, month, m.Groups["d"].Value, out var date))
                {
                    found.Add((date, m.Index, m.Length));
                }
            }

            foreach (var shape in new[] { EastAsianDate(), VietnameseDate(), SpacedDottedDate() })
            {
                foreach (Match m in shape.Matches(text))
                {
                    if (TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out var date))
                    {
                        found.Add((date, m.Index, m.Length));
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // What was read before the budget ran out stands; the rest of the text gives no date of these shapes.
        }
    }

    // The year, its mark (Hungarian "2021.", Lithuanian "2020 m.", Latvian "2000. gada"), then the month and the day
    // ("május 3.", "gegužės 5 d.") or the day and the month ("1. septembrī").
    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})(?:\.|\s?m\.)\s{1,3}(?:gada\s{1,3})?(?:(?<d>[0-9]{1,2})\.\s{0,3}(?<m>\p{L}{3,12})|(?<m>\p{L}{3,12})\.?\s{1,3}(?<d>[0-9]{1,2})(?![0-9]))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 250)]
    private static partial Regex YearFirstNamedDate();

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})\s?[年년]\s?(?<m>[0-9]{1,2})\s?[月월]\s?(?<d>[0-9]{1,2})\s?[日일]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex EastAsianDate();

    [GeneratedRegex(@"\bngày\s{1,3}(?<d>[0-9]{1,2})\s{1,3}tháng\s{1,3}(?<m>[0-9]{1,2})(?:\s{1,3}năm\s{1,3}|\s?,\s?)(?<y>(?:19|20)[0-9]{2})(?![0-9])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 250)]
    private static partial Regex VietnameseDate();

    // "9. 9. 2016", "26. 06. 2014", "14. 11. 2002": day and month with their full stops, each followed by one space.
    [GeneratedRegex(@"(?<![0-9.])(?<d>[0-9]{1,2})\.[ \u00A0](?<m>[0-9]{1,2})\.[ \u00A0](?<y>(?:19|20)[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SpacedDottedDate();
}
