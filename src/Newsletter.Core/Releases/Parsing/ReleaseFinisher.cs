using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Newsletter.Core.Embargoes;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The steps every format shares once its reader is done: the allow-list sanitizer, plain text, summary,
/// word count, date and organisation choice, topic filtering, language and the content hash.
/// </summary>
internal static partial class ReleaseFinisher
{
    private const int SummaryLength = 300;

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The budget of the upload being sanitized on this thread: the shared sanitizer's events check it per node.</summary>
    [ThreadStatic]
    private static CancellationToken sanitizing;

    public static ParsedRelease Finish(ReleaseDraft draft, UploadContext context)
    {
        draft.Budget.ThrowIfCancellationRequested();
        var warnings = new List<string>(draft.Warnings);
        var title = TitleLine.WithoutLabelAndSuffix(TextCleaner.SingleLine(TitleLine.BeforeLineBreak(draft.Title, warnings)));
        if (HeadlineDate.TrySplit(title, trailing: draft.Format == ReleaseFormat.Text, out var headline, out var headlineDate))
        {
            title = headline;
            draft.AddDate(headlineDate, DateSource.Headline);
        }

        if (title.Length == 0 || !title.Any(char.IsLetterOrDigit))
        {
            throw new RejectionException(RejectionCodes.NoTitle, "No title was found: the first line (or the front matter's 'title', the page's <h1>, the e-mail's subject) must name the release.");
        }

        // An image's description is no text of the release, but its credit ("© Institut Pasteur") may name the page's owner.
        var credits = IssuerFinder.CreditHolders(draft.ImageDescriptions);
        var (html, paragraphs) = draft.Paragraphs is { } plain ? FromParagraphs(plain) : FromDom(draft.Body, draft.CanonicalUrl, draft.Budget);
        var text = string.Join("\n\n", paragraphs);
        if (!paragraphs.Any(p => p.Any(char.IsLetterOrDigit)))
        {
            throw new RejectionException(RejectionCodes.NoBody, "The release has a title but no text below it.");
        }

        foreach (var paragraph in paragraphs)
        {
            // An embargo notice anywhere in the text counts, not only above the title: a release is never early.
            if (EmbargoText.TryMatchLine(paragraph, out var embargo))
            {
                draft.AddEmbargoLine(embargo);
            }
        }

        // "X via STT Info" is sent by a service for X; "X Media Centre" is X's press office: the site or sender is X.
        var site = OrganisationNames.WithoutPressOffice(Distributors.WithoutCarrier(draft.SiteOrganisation));
        var issuerText = paragraphs;
        IReadOnlyList<string> wires = [];
        if (context.MemberName is not { Length: > 0 })
        {
            // A member's upload is published under the member's name; the text is searched only for anonymous ones.
            // A menu row ("Evertiq · News · Events · Jobs") is the site's chrome: naming the site there is not the text naming it.
            // A byline ("By GRR") names a writer or the republisher, not the issuer.
            var prose = paragraphs.Where(p => !Boilerplate.IsMenuRow(p) && !Boilerplate.IsByline(p)).ToList();
            site = OrganisationNames.WithoutPublication(site, prose);

            // A news wire or press portal that sent or shows the release ("(BUSINESS WIRE)--", "Wien (OTS) -") never issued it:
            // neither its name nor its domain counts, and its tag in the dateline is no mention of a name.
            wires = Distributors.TagsIn(prose);
            if (Distributors.IsDistributor(site, wires, knownServices: true))
            {
                site = null;
            }

            var domains = IssuerFinder.DomainsOf(draft.CanonicalUrl, draft.SenderAddress, prose)
                .Where(d => !OrganisationNames.DomainLabels(d).Take(1).Any(l => Distributors.IsDistributor(l, wires, knownServices: true)));
            // A site that shows a wire's release only hosts it, and a portal's labelled publisher line names the issuer outright.
            var hosted = Distributors.CarriedByWire(prose, wires);
            prose = prose.Select(Distributors.Strip).ToList();
            draft.Organisation ??= IssuerFinder.PublisherLine(prose)
                ?? (site is not null && !hosted && OrganisationNames.IsNamedIn(site, prose) ? site : null)
                ?? IssuerFinder.Letterhead(draft.LetterheadLines, prose, mentionedOnly: true)
                ?? IssuerFinder.Find(prose, domains, title, wires, draft.ContactLines, credits, hosted ? null : IssuerFinder.CopyrightHolder(paragraphs) ?? IssuerFinder.CopyrightHolder(draft.CopyrightLines))
                ?? (draft.SiteIsOnlyASiteName ? IssuerFinder.MostNamed(prose, minimumMentions: 1, wires) : null)
                ?? IssuerFinder.Letterhead(draft.LetterheadLines, prose, mentionedOnly: false);
            issuerText = paragraphs.Select(Distributors.Strip).ToList();
        }

        // Last, the page's author, site name or the mail's sender; then the one organisation the body names. A page's
        // site name that the text does not name is a republisher's, so there the body's organisation came first.
        // Then where a reader looks when nothing named it (the title's short form spelled out, a defined "Company", a word for
        // an organisation in more languages); last of all, the proper name the sentences keep coming back to.
        draft.Organisation ??= site ?? (context.MemberName is { Length: > 0 } ? null
            : IssuerFinder.MostNamed(issuerText, minimumMentions: 1, wires) ?? IssuerFinder.Unnamed(issuerText, title, draft)
                ?? IssuerFinder.RepeatedName(issuerText, title));
        if (context.MemberName is not { Length: > 0 })
        {
            // Whatever found it, the candidate is brought to the organisation itself (no board, office, preposition or fragment).
            draft.Organisation = OrganisationNames.AsOrganisation(draft.Organisation, issuerText, title);
        }

        var organisation = ChooseOrganisation(draft, context, warnings);
        var date = ChooseDate(draft, paragraphs, warnings);

        var summary = TextCleaner.SingleLine(draft.Summary, 2000) is { Length: > 0 } given
            ? TextCleaner.CutAtWord(given, SummaryLength)
            : Summarize(paragraphs);

        return new ParsedRelease
        {
            Format = draft.Format,
            Title = title,
            Date = date,
            Organisation = organisation,
            Summary = summary,
            BodyHtml = html,
            BodyText = text,
            WordCount = TextCleaner.CountWords(text),
            Topics = FilterTopics(draft.Topics, context, warnings),
            CanonicalUrl = draft.CanonicalUrl,
            Language = LanguageGuess.Normalize(draft.Language) ?? LanguageGuess.Guess(text),
            ContentHash = Hash(title, text),
            Warnings = warnings,
            EmbargoField = draft.EmbargoField,
            EmbargoLines = draft.EmbargoLines,
            ImageCandidate = draft.ImageCandidate,
            SenderAddress = draft.SenderAddress,
        };
    }

    private static (string Html, List<string> Paragraphs) FromParagraphs(List<string> paragraphs)
    {
        var clean = paragraphs.Select(p => TextCleaner.SingleLine(p, int.MaxValue)).Where(p => p.Length > 0).ToList();
        var html = new StringBuilder();
        foreach (var paragraph in clean)
        {
            // Encoding every character is the sanitizer here: plain text can carry no markup.
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>\n");
        }

        return (html.ToString().TrimEnd(), clean);
    }

    private static (string Html, List<string> Paragraphs) FromDom(IElement? body, string? baseUrl, CancellationToken budget)
    {
        if (body is null)
        {
            return (string.Empty, []);
        }

        var document = (IHtmlDocument)body.Owner!;
        var container = body as IHtmlElement ?? document.Body!;
        foreach (var heading in container.QuerySelectorAll("h1").ToArray())
        {
            // The children move over (a serialize-and-parse round trip would re-read nested headings once per level).
            var replacement = document.CreateElement("h2");
            while (heading.FirstChild is { } child)
            {
                replacement.AppendChild(child);
            }

            heading.Replace(replacement);
        }

        sanitizing = budget;
        try
        {
            Sanitizer.SanitizeDom(document, container, baseUrl ?? string.Empty);
        }
        finally
        {
            sanitizing = default;
        }

        foreach (var link in container.QuerySelectorAll("a").ToArray())
        {
            // A link that is still relative would point into this site, not the member's: keep its text only.
            var href = link.GetAttribute("href");
            if (!Uri.TryCreate(href, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https" or "mailto")
                || href!.StartsWith('/'))
            {
                link.RemoveAttribute("href");
                link.RemoveAttribute("rel");
            }
        }

        RemoveEmptyBlocks(container);
        var html = HtmlTree.InnerHtml(container, budget).Trim();
        return (html, HtmlText.Paragraphs(container));
    }

    private static void RemoveEmptyBlocks(IElement container)
    {
        foreach (var block in container.QuerySelectorAll("p, li, h2, h3, h4, h5, h6, blockquote").ToArray())
        {
            if (string.IsNullOrWhiteSpace(block.TextContent) && block.QuerySelector("br") is null)
            {
                block.Remove();
            }
        }
    }

    private static string? ChooseOrganisation(ReleaseDraft draft, UploadContext context, List<string> warnings)
    {
        var named = TextCleaner.SingleLine(draft.Organisation, 200);
        if (context.MemberName is not { Length: > 0 } member)
        {
            return named.Length > 0 ? named : null;
        }

        var memberName = TextCleaner.SingleLine(member, 200);
        if (named.Length > 0 && TextCleaner.Key(named) != TextCleaner.Key(memberName))
        {
            warnings.Add($"The document names the organisation '{named}', but it was uploaded by '{memberName}'; the member's name is used.");
        }

        return memberName;
    }

    private static string Summarize(List<string> paragraphs)
    {
        var first = paragraphs.FirstOrDefault(p => TextCleaner.CountWords(p) >= 12 && !p.StartsWith('[')) ?? paragraphs[0];
        return TextCleaner.CutAtWord(first, SummaryLength);
    }

    private static List<string> FilterTopics(List<string> topics, UploadContext context, List<string> warnings)
    {
        var result = new List<string>();
        foreach (var raw in topics)
        {
            var topic = TextCleaner.SingleLine(raw, 60).ToLowerInvariant();
            if (topic.Length == 0 || result.Contains(topic))
            {
                continue;
            }

            if (context.AllowedTopics is { } allowed && !allowed.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                warnings.Add($"The topic '{topic}' is not one this member may use; it was left out.");
                continue;
            }

            result.Add(topic);
            if (result.Count == 20)
            {
                break;
            }
        }

        return result;
    }

    private static string Hash(string title, string text)
    {
        var normalized = TextCleaner.Key(title) + "\n" + TextCleaner.Key(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "b", "em", "i", "u",
                     "blockquote", "sup", "sub", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "caption", "dl", "dt", "dd" })
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedAttributes.Add("title");
        sanitizer.AllowedAttributes.Add("colspan");
        sanitizer.AllowedAttributes.Add("rowspan");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, _) => sanitizing.ThrowIfCancellationRequested();
        sanitizer.PostProcessNode += (_, e) =>
        {
            sanitizing.ThrowIfCancellationRequested();
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
