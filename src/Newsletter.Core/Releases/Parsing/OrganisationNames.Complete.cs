using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A candidate must be a complete name: not a company's suffix alone ("Inc" of "SunEdison, Inc."), not a word for a kind of
/// organisation alone ("la Regione", "la Società"), not one word of a longer name the text uses ("Sinica" of "Academia Sinica").
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>
    /// Every organisation-like name in the paragraphs (<see cref="FindAll"/>), and for each word for a kind of organisation used
    /// alone ("la Regione", "the Academy") the one full name the text gives with that word ("Regione
    /// Emilia-Romagna"): a reference to it. Where the text gives no such name, or several, the kind word counts for none.
    /// </summary>
    public static IEnumerable<string> FindAllWithReferences(IEnumerable<string> paragraphs)
    {
        var texts = paragraphs.ToList();
        var names = WithoutRunOnWords(texts.SelectMany(FindAll).ToList());
        foreach (var name in names)
        {
            yield return name;
        }

        // Only a kind word after a definite article refers ("la Regione", "dalla Società", "the Academy"); a title of a person's
        // ("Ministerpräsident") or a compound is no reference.
        var kinds = texts.SelectMany(t => Phrase().Matches(t).Where(m => KindReference().IsMatch(Trim(m.Value))
                && (DefiniteArticle().IsMatch(Trim(m.Value)) || DefiniteArticleBefore().IsMatch(t[Math.Max(0, m.Index - 8)..m.Index]))))
            .Select(m => TextCleaner.Key(Trim(m.Value).Split(' ')[^1]))
            .ToList();
        foreach (var kind in kinds)
        {
            var full = names.Where(n => Words(n) is { Length: > 1 } words && words.Contains(kind))
                .GroupBy(TextCleaner.Key).Select(g => g.First()).Take(2).ToList();
            if (full.Count == 1)
            {
                yield return full[0];
            }
        }
    }

    /// <summary>
    /// "Strategische Unternehmensentscheidung X AG", "X AG Robert-Rössle-Str": a name run together with a label or an address
    /// before or after it, where the text also gives the name alone, is that name; words with a word for an organisation
    /// ("X University Hospital") make a name of their own.
    /// </summary>
    private static List<string> WithoutRunOnWords(List<string> names)
    {
        var alone = names.Distinct(StringComparer.Ordinal).Take(300).ToList();
        return names.Select(name => alone
                .Where(inner => inner.Length < name.Length && inner.Contains(' ', StringComparison.Ordinal) && LooksLikeOrganisation(inner)
                    && RunOn(name, inner) is { Length: > 0 } extra && !OrganisationWord().IsMatch(extra) && RunOnWords().IsMatch(extra))
                .MaxBy(inner => inner.Length) ?? name)
            .ToList();
    }

    // Capitalised words only: "de Costa Rica" after "Universidad" goes on with the name.
    [GeneratedRegex(@"^\p{Lu}[^\s]*(?:\s+\p{Lu}[^\s]*){0,3}$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex RunOnWords();

    private static string RunOn(string name, string inner) =>
        name.StartsWith(inner + " ", StringComparison.Ordinal) ? name[(inner.Length + 1)..]
        : name.EndsWith(" " + inner, StringComparison.Ordinal) ? name[..^(inner.Length + 1)]
        : string.Empty;

    /// <summary>
    /// The longest form the text gives of a name that is one word or a part of a longer name: "Academia Sinica" for "Sinica",
    /// "Amnesty International" for "Amnesty". The name grows by the word before or after it that the text's phrases give it
    /// most often, while that longer form is named at least twice and more often than the name alone. A longer form that
    /// goes on to a word for a kind of organisation after the name is a part of it ("NASA Goddard Space Flight Center"),
    /// not its full name, and gives no word.
    /// </summary>
    public static string LongestForm(string name, IReadOnlyList<string> paragraphs)
    {
        var phrases = paragraphs.SelectMany(p => Phrase().Matches(p).Select(m => Trim(m.Value).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var current = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var step = 0; step < 4 && current.Length > 0 && !LooksLikeOrganisation(string.Join(' ', current)); step++)
        {
            var keys = current.Select(TextCleaner.Key).ToArray();
            var alone = phrases.Count(p => p.Select(TextCleaner.Key).SequenceEqual(keys));
            var grown = phrases
                .SelectMany(p => Grown(p, keys))
                .GroupBy(g => string.Join(' ', g.Select(TextCleaner.Key)), StringComparer.Ordinal)
                .Select(g => (Words: g.First(), Count: g.Count()))
                .OrderByDescending(g => g.Count)
                .FirstOrDefault();
            if (grown.Words is null || grown.Count < 2 || grown.Count <= alone)
            {
                break;
            }

            current = grown.Words;
        }

        return string.Join(' ', current);
    }

    /// <summary>The name with the word before it, and with the word after it unless the phrase then names a kind of organisation.</summary>
    private static IEnumerable<string[]> Grown(string[] phrase, string[] keys)
    {
        for (var at = 0; at + keys.Length <= phrase.Length; at++)
        {
            if (!phrase.Skip(at).Take(keys.Length).Select(TextCleaner.Key).SequenceEqual(keys))
            {
                continue;
            }

            if (at > 0 && TextCleaner.Key(phrase[at - 1]) is not ("the" or "" ))
            {
                yield return phrase[(at - 1)..(at + keys.Length)];
            }

            var end = at + keys.Length;
            if (end < phrase.Length && !HasOrganisationWord(string.Join(' ', phrase[end..])))
            {
                yield return phrase[at..(end + 1)];
            }
        }
    }

    /// <summary>"SunEdison, Inc.", "Beispiel Werke, GmbH": a company's suffix after a comma names the company before it.</summary>
    private static string? WithCompanyBeforeSuffix(string text, Match match)
    {
        var suffix = Trim(match.Value);
        if (!CompanySuffix().IsMatch(suffix))
        {
            return null;
        }

        var before = text[Math.Max(0, match.Index - 120)..match.Index];
        var company = CompanyBeforeComma().Match(before);
        return company.Success ? company.Groups["org"].Value + ", " + suffix : null;
    }

    [GeneratedRegex(@"^(?:(?:the|die|der|das|la|le|les|el|il|lo|het)\s+)?(?:universit(?:y|ät|é|à)|universidad|universidade|universiteit|universitet|institut[eo]?|istituto|foundation|fondation|fondazione|fundaci[óo]n|funda[çc][ãa]o|stiftung|academy|akademie|académie|accademia|academia|society|gesellschaft|soci[ée]t[ée]|società|sociedad|centre|center|zentrum|centro|college|company|corporation|council|conseil|consiglio|consejo|commission|kommission|commissione|comisi[óo]n|agency|agentur|agence|agenzia|agencia|ministry|ministerium|minist[èe]re|ministero|ministerio|hospital|clinic|klinik|klinikum|museum|museo|musée|association|organi[sz]ation|regione|r[ée]gion|provincia|province|provinz|comune|commune|gemeinde|gemeente|kommune|county|ville|city|stadt|città|group|gruppe|groupe|gruppo|grupo|laborator(?:y|io)|laboratoire|observator(?:y|io)|observatoire|osservatorio)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KindReference();

    [GeneratedRegex(@"^(?:the|die|der|das|la|le|les|el|il|lo|het)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefiniteArticle();

    // "la ", "della ", "dalla ", "the ", "die ", "l'" right before the kind word.
    [GeneratedRegex(@"(?<![\p{L}])(?:the|die|der|des|dem|den|das|la|le|les|el|il|lo|het|de[lr]|della|dalla|alla|nella|sulla|dello|dal|al|du|au|[lL]['’])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DefiniteArticleBefore();

    [GeneratedRegex(@"^(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|GmbH|AG|SA|S\.A|S\.p\.A|N\.V|B\.V|AB|ASA|SE|Oyj|KG|SAS|Srl|S\.r\.l)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex CompanySuffix();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<org>\p{Lu}[\p{L}\p{N}&'’\-]*(?:\s+\p{Lu}[\p{L}\p{N}&'’\-]*){0,5}),\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CompanyBeforeComma();

    // Conjunctions and relative pronouns that start a clause: "informa che", "confirme que", "dont", "cui".
    [GeneratedRegex(@"(?<![\p{L}])(?:che|que|qui|cui|dont|quale|quali|cuyo|cuya|onde|quando|cuando|lorsque|appena|come|comme|como|dove|donde|où|se|si|non|ne|pas|nicht|ha|hanno|ont|est|sont|è|sono|es|son|está|están)(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceWord();
}
