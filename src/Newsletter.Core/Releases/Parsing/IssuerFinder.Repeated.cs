using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The last resort when no signal of the page names its issuer: the proper name its sentences keep coming back to.</summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The single proper name the body's sentences repeat most, three times or more, inside a sentence rather than opening one
    /// ("new rules from Ofcom", "According to Ofcom research", "measures Ofcom is bringing in"): a page that names its issuer in
    /// no field, line or block still talks about it. Used only when nothing else named an issuer, since a subject or a place may
    /// be repeated too; of equals, the one the title names, else the first.
    /// </summary>
    public static string? RepeatedName(IReadOnlyList<string> paragraphs, string? title)
    {
        try
        {
            var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
            foreach (var paragraph in paragraphs.Take(60).Where(p => TextCleaner.CountWords(p) >= 6))
            {
                var text = paragraph.Length > 3000 ? paragraph[..3000] : paragraph;
                foreach (Match word in InnerProperName().Matches(text))
                {
                    var name = word.Groups["name"].Value;
                    if (CommonAcronyms.Contains(name.ToUpperInvariant()) || MonthOrDay().IsMatch(name))
                    {
                        continue;
                    }

                    counts[name] = counts.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.First) : (1, counts.Count);
                }
            }

            return counts.Where(c => c.Value.Count >= 3)
                .OrderByDescending(c => c.Value.Count)
                .ThenByDescending(c => title is not null && OrganisationNames.IsNamedIn(c.Key, [title]))
                .ThenBy(c => c.Value.First)
                .Select(c => c.Key)
                .FirstOrDefault();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    // A capitalised word after a word in lower case or a comma, so never the one a sentence, a quote or a list item opens with:
    // "rules from Ofcom designed", "research by Exemplar, the", "bis Beispielwerk mitteilte".
    [GeneratedRegex(@"(?<=[\p{Ll}\p{N},;]\s)(?<name>\p{Lu}[\p{L}\p{N}&\-]{1,30})(?![\p{L}\p{N}&\-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex InnerProperName();

    // Months and days, in capitals inside sentences in English: no names.
    [GeneratedRegex(@"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex MonthOrDay();
}
