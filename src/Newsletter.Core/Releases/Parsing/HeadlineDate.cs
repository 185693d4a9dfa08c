using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A headline that carries its own date on the same line, as archives and letterheads write them:
/// "15. Dezember 2014: Bildung ..." or "2019-12-11 – New catalyst ..." (any format), and, in a plain-text
/// release, "Twaalf Spinoza-miljoenen voor vier toponderzoekers 21 oktober 1999". The date is the
/// release's; the headline is what is left.
/// </summary>
internal static partial class HeadlineDate
{
    /// <summary>"date: headline", "date – headline", "date | headline".</summary>
    public static bool TrySplitLeading(string line, out string headline, out DateOnly date)
    {
        headline = line;
        date = default;
        var text = line.Trim();
        foreach (var (found, index, length) in DateFinder.FindSpans(text))
        {
            if (index != 0)
            {
                break;
            }

            var separator = LeadingSeparator().Match(text, length);
            var rest = text[(separator.Success ? separator.Index + separator.Length : length)..].Trim();
            if (separator.Success && IsHeadline(rest))
            {
                (headline, date) = (rest, found);
                return true;
            }
        }

        return false;
    }

    /// <summary>"headline 21 oktober 1999", "headline, 21 October 1999", "headline – 2019-12-11".</summary>
    public static bool TrySplitTrailing(string line, out string headline, out DateOnly date)
    {
        headline = line;
        date = default;
        var text = line.Trim().TrimEnd('.', ')', ']');
        var last = DateFinder.FindSpans(text).LastOrDefault();
        if (last.Length == 0 || last.Index + last.Length != text.Length)
        {
            return false;
        }

        var rest = TrailingSeparator().Replace(text[..last.Index], string.Empty).Trim();
        // "... held on 3 March 2021", "... vom 03.01.2019": a date the sentence leads into is not the headline's.
        if (!IsHeadline(rest) || LeadingWord().IsMatch(rest))
        {
            return false;
        }

        (headline, date) = (rest, last.Date);
        return true;
    }

    /// <summary>Either shape; a trailing date only where the caller knows the line stands alone (plain text).</summary>
    public static bool TrySplit(string line, bool trailing, out string headline, out DateOnly date) =>
        TrySplitLeading(line, out headline, out date) || (trailing && TrySplitTrailing(line, out headline, out date));

    private static bool IsHeadline(string text) => TextCleaner.CountWords(text) >= 3 && text.Any(char.IsLetter) && !text.EndsWith(',');

    [GeneratedRegex(@"\G\s*(?:[:|–—]|\s-|,)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingSeparator();

    [GeneratedRegex(@"(?:\s\p{Ll}{1,3}|\s(?:from|dated|since|until|seit|bis|depuis|sedan|desde|dal|vanaf|tot))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"[\s,|–—-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingSeparator();
}
