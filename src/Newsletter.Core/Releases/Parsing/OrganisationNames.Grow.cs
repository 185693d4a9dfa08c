using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A name cut short where the text goes on with it: "The Inter-American Institute for Cooperation" that the text always writes
/// "... for Cooperation on Agriculture", "Ministerium für Innovation" always followed by ", Wissenschaft, Forschung und
/// Technologie NRW", "Observatorio Europeo de las Drogas" before "y las Toxicomanías". A name with a topic ("of", "for", "für",
/// "de") that the text never writes without the same continuation of that topic is the longer name.
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>
    /// The name grown by the continuation every mention of it has in the text (after "on", "and", "und", "y" or a list of
    /// commas): once is enough for a list, for "on" or for an article after the joining word ("y las Toxicomanías"), twice
    /// otherwise. A continuation that names a body of its own ("and Example
    /// University") or a person ("and Minister Jane Doe") is no part of the name.
    /// </summary>
    private static string WithContinuation(string name, IReadOnlyList<string> paragraphs)
    {
        if (name.Length > 120 || !TopicJoiner().IsMatch(name))
        {
            return name;
        }

        var pattern = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(name) + "(?<rest>" + ContinuationPattern + @")?(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant, ShapeTimeout);
        var mentions = paragraphs.SelectMany(p => pattern.Matches(SearchedPart(p))).ToList();
        var rests = mentions.Select(m => m.Groups["rest"].Value).Distinct(StringComparer.Ordinal).ToList();
        if (rests is not [{ Length: > 0 } rest] || HasOrganisationWord(rest) || PersonInContinuation().IsMatch(rest)
            || (mentions.Count < 2 && !SureContinuation().IsMatch(rest)))
        {
            return name;
        }

        return name + rest;
    }

    /// <summary>
    /// A place named as the issuer ("Montevideo", "ONTARIO", "Ukraine") is the body or the office that governs it, where the text
    /// names one for it ("la Intendencia de Montevideo", "The Ontario government", "the President of Ukraine", "la Mairie de X"):
    /// the one it names most.
    /// A name that reads as an organisation, or a place the text names no body for ("the Kampala Declaration"), is no place's.
    /// </summary>
    private static string? GovernmentBodyFor(string name, IReadOnlyList<string> paragraphs)
    {
        if (name.Length > 60 || LooksLikeOrganisation(name) || TextCleaner.CountWords(name) > 3 || !name.All(c => char.IsLetter(c) || c is ' ' or '-' or '’' or '\''))
        {
            return null;
        }

        // "SAMRC" is an organisation's short form, no place; "ONTARIO" is a place in capitals where the text also writes "Ontario".
        if (!name.Any(char.IsLower) && !paragraphs.Any(p => p.Contains(char.ToUpperInvariant(name[0]) + name[1..].ToLowerInvariant(), StringComparison.Ordinal)))
        {
            return null;
        }

        var place = "(?i:" + Regex.Escape(name) + ")";
        var body = new Regex(@"(?<![\p{L}\p{N}])(?:(?:" + GovernmentHead + @")\s+(?:of\s+the\s+|of\s+|de\s+la\s+|de\s+|del\s+|di\s+|du\s+|von\s+|d['’]\s*)?" + place
            + "|" + place + @"\s+(?:[Gg]overnment|City\s+Council|County\s+Council|Municipality|[Rr]egierung))(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant, ShapeTimeout);
        return paragraphs.SelectMany(p => body.Matches(SearchedPart(p)))
            .Select(m => TextCleaner.SingleLine(m.Value, 200))
            .GroupBy(TextCleaner.Key)
            .OrderByDescending(g => g.Count())
            .Select(g => g.First())
            .FirstOrDefault();
    }

    // The words for the body or the office that governs a town, a region or a country, before its name.
    private const string GovernmentHead =
        @"(?:Office\s+of\s+the\s+)?(?:President|Prime\s+Minister|Premier|Governor)|Government|Gouvernement|Gobierno|Governo|Regierung|Landesregierung|Regering|Intendencia|Municipalidad|Municipality|Prefeitura|Alcald[íi]a|Ayuntamiento|Mairie|Generalitat|Diputaci[óo]n|Stadtverwaltung|Comune|Concello|Xunta|C[âa]mara\s+Municipal|Mestna\s+ob[čc]ina|City\s+of";

    /// <summary>
    /// "EDP - Energias de Portugal", "CTT – Correios de Portugal": a company's short form before a dash is part of the name it
    /// registered, where the short form spells the name's initials or the text writes it again on its own.
    /// </summary>
    private static string WithShortFormBefore(string name, IReadOnlyList<string> paragraphs)
    {
        if (name.Length > 120)
        {
            return name;
        }

        var before = new Regex(@"(?<![\p{L}\p{N}])(?<short>\p{Lu}{2,6})\s+[-–]\s+" + Regex.Escape(name) + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, ShapeTimeout);
        var found = paragraphs.Select(p => before.Match(SearchedPart(p))).FirstOrDefault(m => m.Success);
        if (found is null)
        {
            return name;
        }

        var shortForm = found.Groups["short"].Value;
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])));
        var alone = new Regex(@"(?<![\p{L}\p{N}])" + shortForm + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, ShapeTimeout);
        return initials == shortForm || paragraphs.Sum(p => alone.Count(p)) >= 2
            ? TextCleaner.SingleLine(found.Value, 200)
            : name;
    }

    // A list of capitalised words after commas, then a joining word and up to four capitalised words (with the small words of a name).
    private const string ContinuationPattern =
        @"(?:\s*,\s*\p{Lu}[\p{L}\-]+){0,6}\s+(?:on|and|und|et|y|e|i|og|och|en|&)\s+(?:(?:the|la|las|los|le|les|el|der|die|das|de)\s+)?\p{Lu}[\p{L}\-]+(?:\s+(?:(?:of|for|de|des|del|la|las|los|für|der|and|und|et|y|e)\s+)?\p{Lu}[\p{L}\-]+){0,3}";

    // A topic the name is about: "Institute for Cooperation", "Ministerium für Innovation", "Observatorio Europeo de las Drogas".
    [GeneratedRegex(@"\s(?:of|for|on|für|zur|zum|de|di|du|des|del|della|van|voor)\s", RegexOptions.CultureInvariant, 250)]
    private static partial Regex TopicJoiner();

    // A continuation that a single mention is enough for: a list of commas, "on", an article after the joining word.
    [GeneratedRegex(@"^(?:\s*,|\s+on\s|\s+\S+\s+(?:the|la|las|los|le|les|el|der|die|das)\s)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex SureContinuation();

    // A person's title in the continuation: "and Minister Jane Doe", "und Ministerin Huber".
    [GeneratedRegex(@"(?<![\p{L}])(?:Minister\w*|Ministre|Ministro|Ministra|Mr|Mrs|Ms|Dr|Prof|President\w*|Präsident\w*|Mayor|Bürgermeister\w*|Maire|Sindac[oa]|Alcalde\w*|Director\w*|Direktor\w*|Secretary|Senator|Governor|Premier)(?![\p{L}])",
        RegexOptions.CultureInvariant, 250)]
    private static partial Regex PersonInContinuation();
}
