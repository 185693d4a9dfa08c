using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// HTML releases (a press-release page, an e-mail's HTML part, rendered Markdown): the title, date,
/// organisation and links from the page's metadata, and the article body without page furniture.
/// </summary>
internal static class HtmlReader
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>Elements that are never content; removed with everything inside them.</summary>
    private const string Furniture =
        "script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, math, canvas, " +
        "nav, header, footer, aside, form, button, input, select, textarea, label, dialog, menu, " +
        "figure, figcaption, picture, img, video, audio, source, track, map, link, meta, base, " +
        "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [aria-hidden=true], [hidden]";

    public static ReleaseDraft Read(string html, ReleaseFormat format = ReleaseFormat.Html)
    {
        var draft = new ReleaseDraft { Format = format };
        ReadInto(draft, html);
        return draft;
    }

    public static void ReadInto(ReleaseDraft draft, string html, string? knownTitle = null)
    {
        var document = Parser.ParseDocument(html);

        // Script and style text must never reach a title or the body, not even as text.
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToArray())
        {
            element.Remove();
        }

        ReadMetadata(document, draft);

        var container = (IElement?)document.QuerySelector("article")
            ?? document.QuerySelector("main")
            ?? document.QuerySelector("[role=main]")
            ?? document.Body
            ?? document.DocumentElement;

        // The page's own heading wins over <title>, which usually carries a site suffix.
        var heading = container.QuerySelector("h1") ?? document.QuerySelector("h1");
        var headingText = heading is null ? null : TextCleaner.SingleLine(heading.TextContent);
        draft.Title ??= knownTitle;
        if (draft.Title is null)
        {
            draft.Title = !string.IsNullOrEmpty(headingText)
                ? headingText
                : MetaContent(document, "meta[property='og:title']", "meta[name='twitter:title']") ?? TitleWithoutSiteSuffix(document.Title);
        }

        foreach (var header in container.QuerySelectorAll("header"))
        {
            foreach (var block in Blocks(header))
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

        foreach (var element in container.QuerySelectorAll(Furniture).ToArray())
        {
            element.Remove();
        }

        // Headings that repeat the title are not body; other h1s become h2s (the mail owns the h1).
        var titleKey = TextCleaner.Key(draft.Title ?? string.Empty);
        foreach (var h in container.QuerySelectorAll("h1, h2").ToArray())
        {
            if (titleKey.Length > 0 && TextCleaner.Key(h.TextContent) == titleKey)
            {
                h.Remove();
            }
        }

        RemoveLeadingNoiseAndMeta(container, draft);
        RemoveBoilerplateBlocks(container);
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

        draft.Organisation ??= MetaContent(document, "meta[name='author']", "meta[property='article:author']", "meta[property='og:site_name']");
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
        foreach (var block in Blocks(container).Take(12).ToArray())
        {
            var text = TextCleaner.SingleLine(block.TextContent, 1000);
            if (text.Length == 0)
            {
                continue;
            }

            if (MetaLine.TryRead(text, draft) || Boilerplate.IsLeadingNoise(text))
            {
                block.Remove();
                continue;
            }

            break;
        }
    }

    private static void RemoveBoilerplateBlocks(IElement container)
    {
        foreach (var block in Blocks(container).ToArray())
        {
            var text = TextCleaner.SingleLine(block.TextContent, 1000);
            if (Boilerplate.IsBoilerplate(text))
            {
                block.Remove();
            }
        }
    }

    /// <summary>The innermost text blocks: paragraphs, list items, headings, and divs that hold only text.</summary>
    private static IEnumerable<IElement> Blocks(IElement container) =>
        container.QuerySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote, div, td, dd, dt, pre")
            .Where(e => e.QuerySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote, div, td, table, ul, ol, pre").Length == 0);

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
