using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// HTML releases (a press-release page, an e-mail's HTML part, rendered Markdown): the title, date,
/// organisation and links from the page's metadata, and the article body without page furniture.
/// </summary>
internal static class HtmlReader
{
    /// <summary>Elements that are never content; removed with everything inside them.</summary>
    private const string Furniture =
        "script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, math, canvas, " +
        "nav, header, footer, aside, form, button, input, select, textarea, label, dialog, menu, " +
        "figure, figcaption, picture, img, video, audio, source, track, map, link, meta, base, " +
        "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

    /// <summary>What may be a text block, and what a block may not hold to count as one of the innermost.</summary>
    private static readonly HashSet<string> BlockNames = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "td", "dd", "dt", "pre"];

    private static readonly HashSet<string> InnerBlockNames = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "td", "table", "ul", "ol", "pre"];

    public static ReleaseDraft Read(string html, CancellationToken budget, ReleaseFormat format = ReleaseFormat.Html)
    {
        var draft = new ReleaseDraft { Format = format, Budget = budget };
        ReadInto(draft, html);
        return draft;
    }

    public static void ReadInto(ReleaseDraft draft, string html, string? knownTitle = null)
    {
        var document = HtmlTree.Parse(html, draft.Budget);

        // Script and style text must never reach a title or the body, not even as text; the page's schema.org data is read first.
        LinkedData.Read(document, draft);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToArray())
        {
            draft.Budget.ThrowIfCancellationRequested();
            element.Remove();
        }

        ReadMetadata(document, draft);

        // An image goes with the furniture, but its description's credit ("© Institut Pasteur") may name the page's owner.
        draft.ImageDescriptions.AddRange(document.QuerySelectorAll("img[alt]").Take(50).Select(i => i.GetAttribute("alt") ?? string.Empty));
        // A page header's lines (the site's or the newsroom's name) are chrome, kept aside like the lines above the headline.
        draft.ChromeLines.AddRange(document.QuerySelectorAll("header").Take(3).Select(h => TextCleaner.SingleLine(h.TextContent, 301)).Where(t => t.Length is > 0 and <= 300));
        draft.CopyrightLines.AddRange(document.QuerySelectorAll("footer, #footer, .footer, [role=contentinfo]").Take(5)
            .SelectMany(f => f.QuerySelectorAll("p, small, span, li, div").Take(50).Prepend(f))
            .Select(e => TextCleaner.SingleLine(e.TextContent, 300))
            .Where(t => t.Contains('©', StringComparison.Ordinal) || t.Contains("opyright", StringComparison.OrdinalIgnoreCase))
            .Take(10));

        var container = (IElement?)document.QuerySelector("article")
            ?? document.QuerySelector("main")
            ?? document.QuerySelector("[role=main]")
            ?? document.Body
            ?? document.DocumentElement;

        // The page's own heading wins over <title>, which usually carries a site suffix.
        var h1 = container.QuerySelector("h1") ?? document.QuerySelector("h1");
        var pageTitle = MetaContent(document, "meta[property='og:title']", "meta[name='twitter:title']") ?? document.Title;
        var heading = HtmlHeadline.Choose(container, h1, pageTitle) ?? (knownTitle is null ? HtmlHeadline.BoldParagraph(container) : null);
        var headingText = heading is null ? null : TextCleaner.SingleLine(heading.TextContent);
        // What stands above the headline is chrome, unless the document gave its title itself (front matter, a Word
        // document's Title style) and this heading is not it: then it is a section of the text, and the text above it stays.
        var headingIsTheTitle = knownTitle is null || (headingText is { Length: >= 8 }
            && TextCleaner.Key(knownTitle).EndsWith(TextCleaner.Key(headingText), StringComparison.Ordinal));
        // The date line right beside the headline dates the release before anything the chrome around it carries.
        if ((heading ?? h1) is { } headline && headingIsTheTitle)
        {
            HeadlineDate.ReadBeside(headline, draft);
            // A heading that ends with a date ("... - 21/06/2014") keeps it as written; the date may be an event's ("open on Friday,
            // 3 December"), so it dates the release only when nothing else does.
            if (HeadlineDate.TrySplitTrailing(TextCleaner.SingleLine(headline.TextContent), out _, out var headlineDate))
            {
                draft.AddDate(headlineDate, DateSource.Footer);
            }
        }

        if (heading is not null && heading != h1 && container.Contains(heading) && headingIsTheTitle)
        {
            HtmlHeadline.RemoveAbove(container, heading, draft);
        }

        // A forwarded release's subject often carries a tag ("[Press release] ..."): the page's own heading is the headline.
        if (knownTitle is not null && headingText is { Length: >= 8 } && knownTitle.Length > headingText.Length
            && TextCleaner.Key(knownTitle).EndsWith(TextCleaner.Key(headingText), StringComparison.Ordinal))
        {
            draft.Title = draft.Title == knownTitle ? headingText : draft.Title;
            knownTitle = headingText;
        }

        draft.Title ??= knownTitle;
        if (draft.Title is null)
        {
            draft.Title = !string.IsNullOrEmpty(headingText)
                ? headingText
                : MetaContent(document, "meta[property='og:title']", "meta[name='twitter:title']") ?? TitleWithoutSiteSuffix(document.Title);
        }

        foreach (var header in container.QuerySelectorAll("header"))
        {
            foreach (var block in Blocks(header, draft.Budget))
            {
                MetaLine.TryRead(TextCleaner.SingleLine(block.TextContent, 1000), draft);
            }
        }

        foreach (var time in container.QuerySelectorAll("time[datetime]").Take(1))
        {
            if (DateFinder.TryParseValue(time.GetAttribute("datetime"), out var date, out _))
            {
                draft.AddDate(date, DateSource.Metadata);
            }
        }

        HtmlHeadline.ReadFooterDates(document, draft);

        foreach (var element in container.QuerySelectorAll(Furniture).ToArray())
        {
            // Each removal looks the element up among its siblings: the budget bounds a page of a million images.
            draft.Budget.ThrowIfCancellationRequested();
            element.Remove();
        }

        // A headline set as a bold paragraph is not body either.
        if (heading is not null && heading.LocalName == "p" && container.Contains(heading))
        {
            heading.Remove();
        }

        // Headings that repeat the title are not body; other h1s become h2s (the mail owns the h1).
        var titleKey = TextCleaner.Key(draft.Title ?? string.Empty);
        foreach (var h in container.QuerySelectorAll("h1, h2, h3").ToArray())
        {
            if (titleKey.Length > 0 && TextCleaner.Key(h.TextContent) == titleKey)
            {
                h.Remove();
            }
        }

        RemoveLeadingNoiseAndMeta(container, draft);
        RemoveBoilerplateBlocks(container, draft.Budget);
        draft.Body = container;
    }

    private static void ReadMetadata(IHtmlDocument document, ReleaseDraft draft)
    {
        var published = MetaContent(document,
            "meta[property='article:published_time']", "meta[name='article:published_time']", "meta[itemprop='datePublished']",
            "meta[name='date']", "meta[name='DC.date.issued']", "meta[name='dc.date']", "meta[name='DC.date']",
            "meta[name='citation_publication_date']", "meta[name='publish-date']", "meta[name='pubdate']");
        if (published is not null && DateFinder.TryParseValue(published, out var date, out _))
        {
            draft.AddDate(date, DateSource.Metadata);
        }

        if (draft.SiteOrganisation is null)
        {
            // The page's author is its issuer; a site name alone may be a republisher's.
            // Without one, the site's name a <title> ends with ("Vier Jungforscherinnen ... | ÖAW").
            var author = MetaContent(document, "meta[name='author']", "meta[property='article:author']");
            draft.SiteOrganisation = author ?? MetaContent(document, "meta[property='og:site_name']") ?? SiteSuffix(document.Title);
            draft.SiteIsOnlyASiteName = author is null && draft.SiteOrganisation is not null;
        }
        var canonical = document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href") ?? MetaContent(document, "meta[property='og:url']");
        if (Uri.TryCreate(canonical, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            draft.CanonicalUrl ??= url.AbsoluteUri;
        }

        var language = document.DocumentElement.GetAttribute("lang") ?? MetaContent(document, "meta[http-equiv='content-language']");
        if (!string.IsNullOrWhiteSpace(language))
        {
            draft.Language ??= language.Split('-', '_')[0].Trim().ToLowerInvariant();
        }

        var keywords = MetaContent(document, "meta[name='keywords']");
        if (keywords is not null)
        {
            draft.Topics.AddRange(keywords.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var tag in document.QuerySelectorAll("meta[property='article:tag']"))
        {
            if (tag.GetAttribute("content") is { Length: > 0 } value)
            {
                draft.Topics.Add(value);
            }
        }

        draft.Summary ??= MetaContent(document, "meta[name='description']", "meta[property='og:description']");
    }

    /// <summary>Removes, from the top of the body, captions, navigation, the meta line and notices, reading the meta line.</summary>
    private static void RemoveLeadingNoiseAndMeta(IElement container, ReleaseDraft draft)
    {
        var blocks = Blocks(container, draft.Budget).Take(12).ToArray();
        var texts = blocks.Select(b => TextCleaner.SingleLine(b.TextContent, 1000)).ToArray();
        for (var i = 0; i < blocks.Length; i++)
        {
            var text = texts[i];
            if (text.Length == 0)
            {
                continue;
            }

            // A date set in three elements ("05" / "01" / "2023", "Jan" / "05" / "2023").
            if (i + 2 < blocks.Length && DateFinder.FromParts(texts[i], texts[i + 1], texts[i + 2], MonthFirstIsPossible(draft)) is { } split)
            {
                draft.AddDate(split, DateSource.MetaLine);
                blocks[i].Remove();
                blocks[i + 1].Remove();
                blocks[i + 2].Remove();
                i += 2;
                continue;
            }

            // A category's or section's name above the text ("Blog", "Medienmitteilungen") is chrome there too.
            if (MetaLine.TryRead(text, draft) || Boilerplate.IsLeadingNoise(text) || (TextCleaner.CountWords(text) <= 4 && HeadlineFinder.IsChrome(text)))
            {
                blocks[i].Remove();
                continue;
            }

            break;
        }
    }

    /// <summary>English pages may write the month first (05/01/2023 is 1 May in the US); elsewhere the day comes first.</summary>
    private static bool MonthFirstIsPossible(ReleaseDraft draft) => draft.Language is null or "en";

    private static void RemoveBoilerplateBlocks(IElement container, CancellationToken budget)
    {
        var checkedBlocks = 0;
        foreach (var block in Blocks(container, budget))
        {
            if ((++checkedBlocks & 255) == 0)
            {
                budget.ThrowIfCancellationRequested();
            }

            var text = TextCleaner.SingleLine(block.TextContent, 1000);
            if (Boilerplate.IsBoilerplate(text))
            {
                block.Remove();
            }
        }
    }

    /// <summary>
    /// The innermost text blocks in document order: paragraphs, list items, headings, and divs that hold only text.
    /// One walk down and one back up (a block holds an inner block if a child is one or holds one), so linear.
    /// </summary>
    private static List<IElement> Blocks(IElement container, CancellationToken budget)
    {
        var (elements, parents) = HtmlTree.Descendants(container, budget);
        var holdsBlock = new bool[elements.Count];
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            if (parents[i] >= 0 && (holdsBlock[i] || InnerBlockNames.Contains(elements[i].LocalName)))
            {
                holdsBlock[parents[i]] = true;
            }
        }

        var blocks = new List<IElement>();
        for (var i = 0; i < elements.Count; i++)
        {
            if (!holdsBlock[i] && BlockNames.Contains(elements[i].LocalName))
            {
                blocks.Add(elements[i]);
            }
        }

        return blocks;
    }

    private static string? MetaContent(IHtmlDocument document, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var value = document.QuerySelector(selector)?.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// The site's name after the last " | " of a page's title, when it is short ("Latest press releases | Wellcome"), or after
    /// the last dash when it reads as an organisation ("1998 Press Releases - The University of Chicago Medical Center").
    /// </summary>
    private static string? SiteSuffix(string? title)
    {
        var parts = (title ?? string.Empty).Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[^1].Length >= 2 && TextCleaner.CountWords(parts[^1]) <= 4 && parts[^1].Any(char.IsLetter)
            && !HeadlineFinder.IsChrome(parts[^1]))
        {
            return parts[^1];
        }

        var dashed = (title ?? string.Empty).Split([" - ", " – ", " — "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && dashed.Length >= 2 && TextCleaner.CountWords(dashed[^1]) <= 8 && OrganisationNames.LooksLikeOrganisation(dashed[^1]))
        {
            return dashed[^1];
        }

        // Or before the first, above a section's name: "European Commission - PRESS RELEASES - Press release - Daily News".
        return parts.Length == 1 && dashed.Length >= 3 && TextCleaner.CountWords(dashed[0]) <= 8 && OrganisationNames.LooksLikeOrganisation(dashed[0])
            && HeadlineFinder.IsSectionName(dashed[1])
            ? dashed[0]
            : null;
    }

    /// <summary>"Servier and UCL collaborate ... | Science|Business" gives the longest part: the page's own title.</summary>
    internal static string? TitleWithoutSiteSuffix(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var parts = title.Split([" | ", " - ", " – ", " — ", " :: ", " · ", " » "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : parts.MaxBy(p => p.Length);
    }
}
