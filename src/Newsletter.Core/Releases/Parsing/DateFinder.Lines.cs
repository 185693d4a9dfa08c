using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>Dates a release gives outside its running text: a line of only a place and a date, a short year, its URL.</summary>
public static partial class DateFinder
{
    /// <summary>A value that is only a day, month and two-digit year with dots ("28.02.13"), or null.</summary>
    public static DateOnly? TryParseShortYear(string text)
    {
        var shortYear = ShortYearDottedDate().Match(text.Trim());
        if (!shortYear.Success)
        {
            return null;
        }

        var year = int.Parse(shortYear.Groups["y"].Value, CultureInfo.InvariantCulture);
        return TryCreate((year < 70 ? 2000 + year : 1900 + year).ToString(CultureInfo.InvariantCulture), shortYear.Groups["m"].Value, shortYear.Groups["d"].Value, out var date)
            ? date
            : null;
    }

    /// <summary>
    /// A short line that is a place (or the issuer) and a date and nothing more: "Paris, le 29 janvier 2019", "ISS, 21 aprile
    /// 2017", "Berlin, den 3. März 2019", "Madrid, a 3 de marzo de 2019". It dates the release like a dateline.
    /// </summary>
    public static DateOnly? FindPlaceAndDateLine(string paragraph)
    {
        var text = paragraph.Trim().TrimEnd('.', ':');
        if (text.Length > 60 || TextCleaner.CountWords(text) > 9)
        {
            return null;
        }

        var span = FindSpans(text).FirstOrDefault();
        try
        {
            return span.Length > 0 && span.Index + span.Length == text.Length && PlaceBeforeDate().IsMatch(text[..span.Index]) ? span.Date : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The day a web address spells in its path ("/2021/01/21/medexus-...", "/news/2021-01-21-title"), or null.</summary>
    public static DateOnly? FromUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        // Also a slug that ends with its date ("...-fortydligande-2013-11-12/") and a compact one ("OTS_20190813_OTS0086",
        // Business Wire's "/20220525005536/").
        foreach (var match in new[] { UrlDate().Match(uri.AbsolutePath), SlugDate().Match(uri.AbsolutePath), CompactUrlDate().Match(uri.AbsolutePath) })
        {
            if (match.Success && TryCreate(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value, out var date))
            {
                return date;
            }
        }

        var segment = DayFirstUrlSegment().Match(uri.AbsolutePath);
        var day = segment.Success ? int.Parse(segment.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
        var month = segment.Success ? int.Parse(segment.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        return segment.Success && (day > 12 || day == month) && TryCreate(segment.Groups["y"].Value, month, segment.Groups["d"].Value, out var dayFirst) ? dayFirst : null;
    }

    [GeneratedRegex(@"[\-_](?<y>(?:19|20)[0-9]{2})-(?<m>[0-9]{2})-(?<d>[0-9]{2})(?=/|$|\.html?$)", RegexOptions.CultureInvariant)]
    private static partial Regex SlugDate();

    [GeneratedRegex(@"(?<=[/_\-])(?<y>(?:199|20[0-3])[0-9])(?<m>[01][0-9])(?<d>[0-3][0-9])(?:[0-9]{6})?(?=[/_\-.]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex CompactUrlDate();

    // A place or the issuer before a date: "Paris, le", "ISS,", "Berlin, den", "Madrid, a", "Roma,".
    // Also an issuer's name and a dash, as portals of many issuers set it: "Eberhard Karls Universität Tübingen - ", "Ville de Lyon – ".
    [GeneratedRegex(@"^\p{Lu}[\p{L}.'’\- ]{1,30},\s*(?:le|den|am|el|a|il|lo|op|de)?\s*$|^\p{Lu}[\p{L}.'’ ]{1,58}\s[\-–—]\s?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PlaceBeforeDate();

    [GeneratedRegex(@"/(?<y>(?:19|20)[0-9]{2})[/\-](?<m>[0-9]{2})[/\-](?<d>[0-9]{2})(?=/|-|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();
}
