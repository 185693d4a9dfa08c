namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A cheap language guess from the commonest short words, for releases that do not say their
/// language. Good enough to tell the main European languages apart; never authoritative.
/// </summary>
internal static class LanguageGuess
{
    private const int MaxWords = 300;

    private static readonly (string Language, HashSet<string> Words)[] Profiles =
    [
        ("en", Set("the and of to in is that for with on are was by this as it from be have which")),
        ("de", Set("der die und das ist nicht mit den von zu im für auf sich dem des eine ein wird auch")),
        ("fr", Set("le la les et des est dans une pour que qui en du au sur pas par avec sont ce")),
        ("nl", Set("de het een van en in is op te dat voor met zijn niet aan door ook wordt bij naar")),
        ("sv", Set("och att det är som en på för med av till den har inte om ett vi kan från")),
        ("da", Set("og at det er som en på for med af til den har ikke om et vi kan fra")),
        ("es", Set("el la de que y en los las del se por un una para con es al lo como más")),
        ("it", Set("il di che la e un per in non una sono del della con le si al gli da è")),
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[] Lookups =
        Profiles.Select(p => p.Words.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();

    public static string? Normalize(string? language)
    {
        var value = language?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return value is { Length: >= 2 and <= 3 } && value.All(char.IsAsciiLetterLower) ? value : null;
    }

    public static string? Guess(string text)
    {
        var scores = new int[Profiles.Length];
        var words = 0;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length && words < MaxWords)
        {
            while (i < span.Length && !char.IsLetter(span[i]))
            {
                i++;
            }

            var start = i;
            while (i < span.Length && char.IsLetter(span[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            words++;
            var word = span[start..i];
            if (word.Length > 5)
            {
                continue; // Only short function words are in the profiles.
            }

            for (var p = 0; p < Lookups.Length; p++)
            {
                if (Lookups[p].Contains(word))
                {
                    scores[p]++;
                }
            }
        }

        var best = Array.IndexOf(scores, scores.Max());
        return scores[best] >= 3 ? Profiles[best].Language : null;
    }

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.OrdinalIgnoreCase);
}
