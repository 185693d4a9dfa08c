using System.Text.RegularExpressions;
using AngleSharp.Dom;

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
        // "..., Monday 23 March 2020": the weekday belongs to the date, so "... on Monday 23 March 2020" leads into it too.
        if (TrailingWeekday(rest) is { } at)
        {
            rest = TrailingSeparator().Replace(rest[..at], string.Empty).Trim();
        }

        // "... held on 3 March 2021", "... vom 03.01.2019": a date the sentence leads into is not the headline's.
        if (!IsHeadline(rest) || LeadingWord().IsMatch(rest))
        {
            return false;
        }

        (headline, date) = (rest, last.Date);
        return true;
    }

    private static int? TrailingWeekday(string text)
    {
        try
        {
            return LastWord().Match(text) is { Success: true } word && DateFinder.IsWeekdayName(word.Groups["w"].Value) ? word.Index : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Either shape; a trailing date only where the caller knows the line stands alone (plain text).</summary>
    public static bool TrySplit(string line, bool trailing, out string headline, out DateOnly date) =>
        TrySplitLeading(line, out headline, out date) || (trailing && TrySplitTrailing(line, out headline, out date));

    /// <summary>
    /// A page's date line right beside its headline (up to three blocks below it or two above, also beside the block that
    /// holds the headline): it dates the release before anything the page's chrome carries ("April 18, 2012" above the
    /// <c>h1</c>, "13.11.2007" or "(03-09-2020)" below it).
    /// </summary>
    public static void ReadBeside(IElement heading, ReleaseDraft draft)
    {
        var node = heading;
        for (var level = 0; level < 3 && node is not null && node.LocalName is not ("body" or "html"); level++, node = node.ParentElement)
        {
            // Up only out of a small wrapper of the headline ("div.title-header" with a kicker), never into a page's sections.
            if (level > 0 && node.ChildElementCount > 3)
            {
                return;
            }

            // Nearest first, below before above at the same distance: on a listing, the next entry's date is farther away.
            var below = Siblings(node, e => e.NextElementSibling, 3).ToList();
            var above = Siblings(node, e => e.PreviousElementSibling, 2).ToList();
            var nearest = Enumerable.Range(0, 3).SelectMany(i => below.Skip(i).Take(1).Concat(above.Skip(i).Take(1)));
            foreach (var block in nearest)
            {
                var line = TextCleaner.SingleLine(block.TextContent, 200);
                if (MetaLine.DateLine(line, draft.Language) is { } date)
                {
                    draft.AddDate(date, DateSource.MetaLine);
                    draft.BareDateLines.Add(date);
                    if (DateFinder.ReadsBothWays(line, date))
                    {
                        draft.BothWays.Add(date);
                    }

                    return;
                }
            }
        }
    }

    // The blocks with text next to a node, in one direction, up to another heading or the running text.
    private static IEnumerable<IElement> Siblings(IElement node, Func<IElement, IElement?> step, int count)
    {
        for (var next = step(node); next is not null && count > 0; next = step(next))
        {
            if (next.LocalName is "h1" or "h2" or "h3" || next.QuerySelector("h1, h2, h3") is not null
                || TextCleaner.CountWords(TextCleaner.SingleLine(next.TextContent, 400)) > 12)
            {
                yield break;
            }

            if (!string.IsNullOrWhiteSpace(next.TextContent))
            {
                count--;
                yield return next;
            }
        }
    }

    private static bool IsHeadline(string text) => TextCleaner.CountWords(text) >= 3 && text.Any(char.IsLetter) && !text.EndsWith(',');

    [GeneratedRegex(@"\G\s*(?:[:|–—]|\s-|,)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingSeparator();

    [GeneratedRegex(@"(?:\s\p{Ll}{1,3}|\s(?:from|dated|since|until|seit|bis|depuis|sedan|desde|dal|vanaf|tot))$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"(?<=^|\s)(?<w>\p{L}{3,12})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LastWord();

    [GeneratedRegex(@"[\s,|–—-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingSeparator();
}
