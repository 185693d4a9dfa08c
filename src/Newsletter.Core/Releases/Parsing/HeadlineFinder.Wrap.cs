using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A headline that wraps over two lines, the second going on with the first: one headline.</summary>
internal static partial class HeadlineFinder
{

    /// <summary>
    /// True when the line right under the headline, no blank line between, continues it: it starts with a word in lower case
    /// ("... with RCN Telecom Services" over "to interconnect networks"; "... un nouveau centre" over "de recherche marine"), or it
    /// is the quoted title the headline's colon announces; the headline does not end a sentence or a clause before it, and the line is
    /// no running text, date line, contact, byline
    /// ("by Jane Doe") or page chrome ("updated 3 hours ago").
    /// </summary>
    public static bool Continues(IReadOnlyList<string> lines, int headline)
    {
        if (headline < 0 || headline + 1 >= lines.Count)
        {
            return false;
        }

        var first = lines[headline].Trim();
        var next = lines[headline + 1].Trim();
        // A headline's quoted title under its first half's colon: "Fonds Beispiel presenteert Jaarbericht 2001:" over "'Als een ...'".
        var quoted = first.EndsWith(':') && next.Length > 1 && "'‘\"“„«".Contains(next[0]) && char.IsLetterOrDigit(first[0])
            && TextCleaner.CountWords(first) >= 3;
        return first.Length > 0 && next.Length > 0 && first.Length + next.Length < MaxTitleLength
            && !first.EndsWith('.') && !first.EndsWith('!') && !first.EndsWith('?') && (!first.EndsWith(':') || quoted) && !first.EndsWith(';')
            && (StartsInLowerCase(next) || quoted) && !next.EndsWith('.') && !IsBodyParagraph(next) && !ContactLine().IsMatch(next)
            && !IsDateLineAt(lines, headline + 1) && (!IsChrome(next) || (ControlLine().IsMatch(next) && TextCleaner.CountWords(next) >= 4))
            && !Byline().IsMatch(next) && DateFinder.FindFirst(next) is null;
    }

    /// <summary>The headline's first line when the line found is the second of a wrapped headline.</summary>
    private static int WrapStart(IReadOnlyList<string> lines, int found, int start) =>
        found - 1 >= start && lines[found - 1].Trim().Length > 0 && !IsBodyParagraph(lines[found - 1].Trim())
        && !IsChrome(lines[found - 1].Trim()) && !IsNameOrFurniture(lines[found - 1].Trim()) && Continues(lines, found - 1)
            ? found - 1
            : found;

    // A byline under the headline: "by Jane Doe", "von Anna Muster", "par Marie Curie".
    [GeneratedRegex(@"^(?:by|von|par|por|door|av|af|di|da|de)\s+\p{Lu}\p{L}*(?:\s+\p{Lu}[\p{L}.'\-]*){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Byline();
}
