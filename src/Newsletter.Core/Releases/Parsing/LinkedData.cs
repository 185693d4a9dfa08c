using System.Text.Json;
using AngleSharp.Dom;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A saved web page's schema.org data (<c>&lt;script type="application/ld+json"&gt;</c>), which most news and press pages
/// carry: the article's <c>datePublished</c> is the page's own date, and its <c>author</c> (an organisation) or
/// <c>publisher</c> names the site like <c>meta author</c> and <c>og:site_name</c> do. Read before scripts are removed;
/// a block that is not valid JSON, or too large, is ignored.
/// </summary>
internal static class LinkedData
{
    private const int MaxBlockLength = 100_000;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static void Read(IParentNode document, ReleaseDraft draft)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']").Take(5))
        {
            var json = script.TextContent;
            if (json.Length > MaxBlockLength)
            {
                continue;
            }

            try
            {
                using var parsed = JsonDocument.Parse(json, Options);
                foreach (var article in Articles(parsed.RootElement, depth: 0))
                {
                    if (String(article, "datePublished") is { } published && DateFinder.TryParseValue(published, out var date, out _))
                    {
                        draft.AddDate(date, DateSource.Metadata);
                    }

                    if (draft.SiteOrganisation is null && (OrganisationName(article, "author") ?? OrganisationName(article, "publisher")) is { } name)
                    {
                        draft.SiteOrganisation = name;
                        draft.SiteIsOnlyASiteName = OrganisationName(article, "author") is null;
                    }

                    return;
                }
            }
            catch (JsonException)
            {
                // Broken page data is no reason to refuse the release: the page's other signals still count.
            }
        }
    }

    /// <summary>The objects with a datePublished, in a block that may be one object, a list or an @graph.</summary>
    private static IEnumerable<JsonElement> Articles(JsonElement element, int depth)
    {
        if (depth > 3)
        {
            yield break;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().Take(20))
            {
                foreach (var article in Articles(item, depth + 1))
                {
                    yield return article;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("datePublished", out _))
            {
                yield return element;
            }
            else if (element.TryGetProperty("@graph", out var graph))
            {
                foreach (var article in Articles(graph, depth + 1))
                {
                    yield return article;
                }
            }
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The name of an Organization (not a Person) given as the property's value or first list item.</summary>
    private static string? OrganisationName(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        var first = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().FirstOrDefault() : value;
        return first.ValueKind == JsonValueKind.Object && String(first, "@type") is "Organization" or "NewsMediaOrganization" or "CollegeOrUniversity"
                or "EducationalOrganization" or "ResearchOrganization" or "GovernmentOrganization" or "Corporation" or "NGO"
            && String(first, "name") is { Length: > 1 } name
            ? TextCleaner.SingleLine(name, 200)
            : null;
    }
}
