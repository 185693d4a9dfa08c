using AngleSharp.Dom;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The heading that is a page's headline. A copied or listing page's first heading may be chrome (the
/// section's name: "Press releases", "Aktuelle Pressemitteilungen", "News"), and many pages have no
/// <c>h1</c> at all, only an <c>h2</c> or <c>h3</c> per release: the headline is then the first heading that
/// reads as one (three words or more) and has a date within the next few elements, or a date line right above it
/// (a listing's "Apr 11 2019"), as on every news page.
/// </summary>
internal static class HtmlHeadline
{
    public static IElement? Choose(IElement container, IElement? h1, string? pageTitle = null)
    {
        var headings = container.QuerySelectorAll("h1, h2, h3").Where(h => h != h1 && HeadlineFinder.IsHeadlineLike(Text(h))).ToList();
        if (h1 is not null && !IsChrome(h1))
        {
            // An h1 that is the site's name or logo ("Example University"), where the page's title names another heading: that one.
            var titleKey = TextCleaner.Key(pageTitle ?? string.Empty);
            return titleKey.Length > 0 && !Names(titleKey, h1)
                ? headings.FirstOrDefault(h => Names(titleKey, h) && h1.CompareDocumentPosition(h).HasFlag(DocumentPositions.Following)) ?? h1
                : h1;
        }

        var dated = headings.FirstOrDefault(h => HasDateBelow(h) || HasDateAbove(h) || HeadlineDate.TrySplit(Text(h), trailing: true, out _, out _));
        if (dated is not null)
        {
            return dated;
        }

        // A page with no title of its own and no dated heading: the headline is the first heading the body follows, past its deck
        // and a photo's caption (a page's own heading rules have nothing else to go by, and a reader sees that heading first).
        if (h1 is null && string.IsNullOrWhiteSpace(pageTitle))
        {
            return headings.FirstOrDefault(BodyFollows);
        }

        // Under a chrome h1, the next heading that reads as a headline; with none, a listing's first dated entry, else the h1 after all.
        return h1 is null ? null : headings.FirstOrDefault(h => h1.CompareDocumentPosition(h).HasFlag(DocumentPositions.Following)) ?? ListingEntry(container, h1) ?? h1;
    }

    /// <summary>
    /// A listing without headings under its own heading ("1998 Press Releases"): each entry a date, a link to the release
    /// and its blurb ("&lt;b&gt;December 23, 1998&lt;/b&gt;&lt;br&gt;&lt;a&gt;Title&lt;/a&gt;&lt;br&gt;Blurb"). The first entry's link is the headline.
    /// </summary>
    private static IElement? ListingEntry(IElement container, IElement h1)
    {
        foreach (var link in container.QuerySelectorAll("a").Take(40))
        {
            if (!h1.CompareDocumentPosition(link).HasFlag(DocumentPositions.Following) || !HeadlineFinder.IsHeadlineLike(Text(link))
                || link.ParentElement is not { } block)
            {
                continue;
            }

            var before = TextCleaner.SingleLine(string.Concat(block.ChildNodes.TakeWhile(n => n != link).Select(n => n.TextContent)), 200);
            if (before.Length is > 0 and <= 45 && DateFinder.FindFirst(before) is not null)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>
    /// A page with no heading at all (a filing's exhibit, a word processor's export) sets its headline as a bold paragraph:
    /// the first paragraph, above the running text, that is bold throughout and reads as a headline. The page's short lines
    /// above it (its name, a database's, a bulletin's issue "Daily News 04 / 04 / 2019", a place and date) and a press
    /// contact's line are passed over.
    /// </summary>
    public static IElement? BoldParagraph(IElement container)
    {
        if (container.QuerySelector("h1, h2, h3") is not null)
        {
            return null;
        }

        var pastText = false;
        foreach (var paragraph in container.QuerySelectorAll("p").Take(12))
        {
            var text = Text(paragraph);
            if (paragraph.QuerySelector("b, strong") is { } bold && Text(bold) == text && text.Length <= 300 && HeadlineFinder.IsHeadlineLike(text)
                && (!pastText || OpensWithADateline(paragraph.NextElementSibling)))
            {
                return paragraph;
            }

            // A press contact's line above the headline ("Contact: ..., (617) 555-0100 or your local press office") is long but no
            // running text: the headline may still follow it. Past running text (a filing's cover: "Indicate by check mark ..."),
            // only a bold line the release's dateline follows is its headline.
            pastText |= TextCleaner.CountWords(text) >= 12 && !HeadlineFinder.IsContactLine(text);
        }

        return null;
    }

    // "Rio de Janeiro, September 02 2009 – ...": a date within the paragraph's first words.
    private static bool OpensWithADateline(IElement? paragraph)
    {
        var text = paragraph is null ? string.Empty : TextCleaner.SingleLine(paragraph.TextContent, 400);
        var head = text.Length > 80 ? text[..80] : text;
        return DateFinder.FindFirst(head) is not null;
    }

    /// <summary>
    /// Everything above the headline that is not inside it: page chrome and other listings. A meta line or
    /// dated notice among it is still read.
    /// </summary>
    public static void RemoveAbove(IElement container, IElement headline, ReleaseDraft draft)
    {
        for (var node = headline; node is not null && node != container; node = node.ParentElement)
        {
            while (node.PreviousElementSibling is { } previous)
            {
                var text = TextCleaner.SingleLine(previous.TextContent, 1000);
                if (text.Length <= 300 && !MetaLine.TryRead(text, draft) && draft.ChromeLines.Count < 20)
                {
                    draft.ChromeLines.Add(text);
                }

                CellDates(previous, draft);
                previous.Remove();
            }
        }
    }

    /// <summary>
    /// An old page's layout table above the headline sets the date in a cell of its own ("News Releases" | "November 10, 2000"): it
    /// dates the release when nothing else does, since such a table may list other entries too.
    /// </summary>
    private static void CellDates(IElement block, ReleaseDraft draft)
    {
        foreach (var cell in block.QuerySelectorAll("td, th").Take(20))
        {
            if (TextCleaner.SingleLine(cell.TextContent, 200) is { Length: > 0 and <= 45 } text && MetaLine.DateOnlyLine(text) is { } date)
            {
                draft.AddDate(date, DateSource.Footer);
                return;
            }
        }
    }

    /// <summary>
    /// A republisher's footer ("Published on 3 March 2021", "Republished with permission on ...") is furniture and
    /// removed, but its date is kept as a footer date, used when the release itself names none.
    /// </summary>
    public static void ReadFooterDates(IParentNode document, ReleaseDraft draft)
    {
        foreach (var footer in document.QuerySelectorAll("footer, [role=contentinfo]").Take(5))
        {
            var text = TextCleaner.SingleLine(footer.TextContent, 2000);
            if (PublishedWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                draft.AddDate(DateFinder.FindLast(text), DateSource.Footer);
            }
        }
    }

    private static readonly string[] PublishedWords =
        ["published", "posted", "veröffentlicht", "publié", "gepubliceerd", "publicerad", "publicado", "pubblicato", "erschienen"];

    /// <summary>True when the page's heading is the name of its section rather than of a release.</summary>
    private static bool IsChrome(IElement heading)
    {
        var text = Text(heading);
        return text.Length == 0 || Boilerplate.IsLeadingNoise(text) || HeadlineFinder.IsChrome(text);
    }

    private static bool HasDateBelow(IElement heading)
    {
        var next = heading.NextElementSibling;
        for (var i = 0; i < 3 && next is not null; i++, next = next.NextElementSibling)
        {
            // A date under another heading (a list of entries, each with its own) is that entry's, not this heading's.
            if (next.QuerySelector("h1, h2, h3") is not null)
            {
                break;
            }

            var text = TextCleaner.SingleLine(next.TextContent, 400);
            var head = text.Length > 120 ? text[..120] : text;
            if (DateFinder.FindFirst(head) is not null && (text.Length <= 80 || TextCleaner.CountWords(head) >= 8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A listing's date line right above its heading ("Apr 11 2019" and a time, "2015.10.27 |"), or above the block the heading
    /// opens (a blog's day header, then the post's wrapper with its heading first).
    /// </summary>
    private static bool HasDateAbove(IElement heading)
    {
        var opening = heading;
        for (var level = 0; level < 2 && opening.PreviousElementSibling is null && opening.ParentElement is { } parent; level++)
        {
            opening = parent;
        }

        var previous = opening.PreviousElementSibling;
        for (var i = 0; i < 2 && previous is not null; i++, previous = previous.PreviousElementSibling)
        {
            var text = TextCleaner.SingleLine(previous.TextContent, 400);
            if (text.Length <= 45 && TextCleaner.CountWords(text) <= 6 && DateFinder.FindFirst(text) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when running text follows the heading within three elements (past a deck or a caption), before any other heading.</summary>
    private static bool BodyFollows(IElement heading)
    {
        var next = heading.NextElementSibling;
        for (var i = 0; i < 3 && next is not null; i++, next = next.NextElementSibling)
        {
            if (next.QuerySelector("h1, h2") is not null || next.LocalName is "h1" or "h2")
            {
                return false;
            }

            var text = TextCleaner.SingleLine(next.TextContent, 1000);
            if (next.LocalName == "p" && HeadlineFinder.IsBodyParagraph(text) && !text.EndsWith("...", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(string titleKey, IElement heading) =>
        TextCleaner.Key(heading.TextContent) is { Length: >= 12 } key && titleKey.Contains(key, StringComparison.Ordinal);

    private static string Text(IElement element) => TextCleaner.SingleLine(element.TextContent);
}
