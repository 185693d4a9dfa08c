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
            && (StartsInLowerCase(next) || quoted || GoesOnWithAPreposition(first, next) || GoesOnInCapitals(first, next)) && !next.EndsWith('.') && !IsBodyParagraph(next) && !ContactLine().IsMatch(next)
            && !IsDateLineAt(lines, headline + 1) && (!IsChrome(next) || (ControlLine().IsMatch(next) && TextCleaner.CountWords(next) >= 4))
            && !Byline().IsMatch(next) && DateFinder.FindFirst(next) is null;
    }

    /// <summary>
    /// A headline's second line that opens with a preposition in any case, where the first has no place or end of its own ("VINFAST TO
    /// BUILD Integrated Electric Vehicle Facility" over "IN TAMIL NADU, INDIA"; "Example Opens New Plant" over "In Northern Spain"): a
    /// short line of a few words that names where or for whom, no sentence of its own.
    /// </summary>
    private static bool GoesOnWithAPreposition(string first, string next)
    {
        var opening = next.Split(' ', 2)[0];
        return TextCleaner.CountWords(next) is >= 2 and <= 6 && TextCleaner.CountWords(first) >= 3 && !first.EndsWith(',')
            && WrapPrepositions.Contains(opening.ToLowerInvariant()) && !next.EndsWith('!') && !next.EndsWith('?') && !next.EndsWith(':');
    }

    /// <summary>
    /// The line a few lines under a headline cut short in the middle of a word, as a forum's or feed's subject field cuts it
    /// ("... della Protezione civi" above "... della Protezione civile"), that sets it in full: -1 when none does.
    /// </summary>
    public static int FullFormOfCutHeadline(IReadOnlyList<string> lines, int headline)
    {
        var cut = headline >= 0 && headline < lines.Count ? lines[headline].Trim() : string.Empty;
        if (TextCleaner.CountWords(cut) < 3 || !char.IsLetter(cut[^1]))
        {
            return -1;
        }

        for (var i = headline + 1; i < lines.Count && i <= headline + 12; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > cut.Length && line.Length <= MaxTitleLength && line.StartsWith(cut, StringComparison.Ordinal) && char.IsLetter(line[cut.Length])
                && !IsBodyParagraph(line))
            {
                return i;
            }
        }

        return -1;
    }

    // A headline in capitals wrapped over two lines in capitals, the first no issuer's name or letterhead.
    private static bool GoesOnInCapitals(string first, string next) =>
        InCapitals(first) && InCapitals(next) && TextCleaner.CountWords(first) >= 4 && TextCleaner.CountWords(next) is >= 2 and <= 20
        && !first.EndsWith(',') && !IsIssuersName(first) && !IsIssuersName(next);

    // The prepositions a headline's place or beneficiary opens with, in the languages of the corpus.
    private static readonly HashSet<string> WrapPrepositions = new(StringComparer.Ordinal)
    {
        "in", "at", "for", "to", "on", "across", "near", "im", "für", "bei", "en", "à", "au", "aux", "pour", "dans", "para", "nel",
        "nella", "per", "för", "på", "til", "voor", "op", "bij", "dla",
    };

    /// <summary>A line that starts in lower case under a headline-like line it goes on from: the second half of a wrapped headline.</summary>
    private static bool IsSecondHalf(IReadOnlyList<string> lines, int index, int start) =>
        StartsInLowerCase(lines[index].Trim()) && PreviousLine(lines, index, start) is { } above && above == index - 1
        && IsHeadlineLike(lines[above].Trim()) && Continues(lines, above);

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
