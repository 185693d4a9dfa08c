using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The last resort when no signal of the page names its issuer: the proper name its sentences keep coming back to.</summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The single proper name the body's sentences repeat most, three times or more, inside a sentence rather than opening one
    /// ("new rules from Ofcom", "According to Ofcom research", "measures Ofcom is bringing in"): a page that names its issuer in
    /// no field, line or block still talks about it. Used only when nothing else named an issuer, since a subject or a place may
    /// be repeated too; of equals, the one the title names, else the first. A word that is no name of its own is passed over: one
    /// the text writes, half the time or more, after another capitalised word or before a number ("Freund Tamás", "Smile Cookie",
    /// "FY 2019") or after "in" ("in Kampala"), a code with a number ("Covid-19") and a word for the kind of body ("Bolagets").
    /// </summary>
    public static string? RepeatedName(IReadOnlyList<string> paragraphs, string? title)
    {
        try
        {
            var counts = new Dictionary<string, (int Count, int First, int NotAlone)>(StringComparer.Ordinal);
            var texts = paragraphs.Take(60).Where(p => TextCleaner.CountWords(p) >= 6).Select(p => p.Length > 3000 ? p[..3000] : p).ToList();
            // The words the text also writes in lower case are common words ("the", "die"), wherever they open a sentence.
            var common = texts.SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(w => char.IsLower(w[0])).Select(w => w.TrimEnd(',', '.', ';', ':')).ToHashSet(StringComparer.Ordinal);
            foreach (var text in texts)
            {
                foreach (Match word in InnerProperName().Matches(text))
                {
                    var name = word.Groups["name"].Value;
                    if (CommonAcronyms.Contains(name.ToUpperInvariant()) || MonthOrDay().IsMatch(name) || NumberedCode().IsMatch(name)
                        || OrganisationNames.IsKindWord(name))
                    {
                        continue;
                    }

                    // "in Kampala" is a place; "in Ofcom's report" is not.
                    var place = PlacePreposition().IsMatch(text.AsSpan(Math.Max(0, word.Index - 12), Math.Min(12, word.Index)))
                        && !text.AsSpan(word.Index + word.Length).StartsWith("'s", StringComparison.Ordinal)
                        && !text.AsSpan(word.Index + word.Length).StartsWith("’s", StringComparison.Ordinal);
                    var notAlone = IsBesideAName(text, word.Index, word.Length, common) || place ? 1 : 0;
                    counts[name] = counts.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.First, seen.NotAlone + notAlone) : (1, counts.Count, notAlone);
                }
            }

            return counts.Where(c => c.Value.Count >= 3 && c.Value.NotAlone * 2 < c.Value.Count)
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

    /// <summary>
    /// True when the word goes on from another capitalised word or with a number ("Freund Tamás", "Smile Cookie", "FY 2019"): a
    /// piece of a longer name. A common word that opens the sentence ("The Ofcom report") is no part of one, and a word going
    /// on with another ("Ofcom Chief Executive", "Chevrolet Impala") may be the name of the one that owns it.
    /// </summary>
    private static bool IsBesideAName(string text, int index, int length, HashSet<string> common)
    {
        var end = index + length;
        if (end + 1 < text.Length && text[end] == ' ' && char.IsDigit(text[end + 1]))
        {
            return true;
        }

        // The word before: capitalised, and not a common word opening its sentence.
        var start = index - 1;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        if (start >= index - 1 || !char.IsUpper(text[start]) || !char.IsLetter(text[index - 2]))
        {
            return false;
        }

        var before = text[..start].TrimEnd();
        return (before.Length > 0 && !SentenceEnd().IsMatch(before))
            || !common.Contains(text[start..(index - 1)].ToLowerInvariant());
    }

    // The end of a sentence, a heading or a quote's start before a word: what follows opens a sentence.
    [GeneratedRegex(@"[.!?:;""“„«(\-–—]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SentenceEnd();

    // "in Kampala", "im Norden", "dans Bruxelles", "w Krakowie": a word after a preposition of place names a place.
    [GeneratedRegex(@"(?<![\p{L}])(?:in|im|dans|nel|nella|across|throughout|w|we|v|vo)\s$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PlacePreposition();

    // A code with a number after a hyphen: a disease's, a product's or a mission's ("Covid-19", "Sentinel-2"), no name.
    [GeneratedRegex(@"^\p{L}+-\p{N}+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NumberedCode();

    // A capitalised word after a word in lower case or a comma, so never the one a sentence, a quote or a list item opens with:
    // "rules from Ofcom designed", "research by Exemplar, the", "bis Beispielwerk mitteilte".
    [GeneratedRegex(@"(?<=[\p{Ll}\p{N},;]\s)(?<name>\p{Lu}[\p{L}\p{N}&\-]{1,30})(?![\p{L}\p{N}&\-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex InnerProperName();

    // Months and days, in capitals inside sentences in English: no names.
    [GeneratedRegex(@"^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex MonthOrDay();
}
