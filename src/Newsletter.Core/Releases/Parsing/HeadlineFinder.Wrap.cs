using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A headline that wraps over two lines, the second starting in lower case: one headline.</summary>
internal static partial class HeadlineFinder
{

    /// <summary>
    /// True when the line right under the headline, no blank line between, continues it: it starts with a word in lower case
    /// ("... with RCN Telecom Services" over "to interconnect networks"; "... un nouveau centre" over "de recherche marine"),
    /// the headline does not end a sentence or a clause before it, and it is no running text, date line, contact, byline
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
        return first.Length > 0 && next.Length > 0 && first.Length + next.Length < MaxTitleLength
            && !first.EndsWith('.') && !first.EndsWith('!') && !first.EndsWith('?') && !first.EndsWith(':') && !first.EndsWith(';')
            && StartsInLowerCase(next) && !next.EndsWith('.') && !IsBodyParagraph(next) && !ContactLine().IsMatch(next)
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
