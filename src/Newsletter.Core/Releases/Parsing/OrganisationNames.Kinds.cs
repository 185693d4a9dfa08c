using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A word for the kind of body a text uses for its issuer, capitalised as a defined term ("the Company", "Bolagets styrelse",
/// "Selskabet", "Yhtiön"): it refers to an organisation and names none.
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>True for a word for a kind of organisation standing alone ("Council", "Bolagets", "Konzern"), no name itself.</summary>
    public static bool IsKindWord(string word)
    {
        var bare = word.Trim();
        return BareKind().IsMatch(bare) || KindNoun().IsMatch(bare);
    }

    // The company, the group, the board in the forms the Nordic, Dutch and German languages give them as defined terms.
    [GeneratedRegex(@"^(?:bolag(?:et|ets)?|koncern(?:en|ens)?|företag(?:et|ets)?|selskab(?:et|ets)?|selskap(?:et|ets)?|konsern(?:et|ets)?|yhtiö(?:n|ssä|stä)?|konserni(?:n)?|vennootschap|unternehmen[s]?|konzern[s]?|verband(?:es|s)?|verein[s]?|emittent(?:in|en)?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex KindNoun();
}
