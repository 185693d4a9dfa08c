using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// An issuer the body names only by its acronym, and what ties such an acronym to an organisation: a word in capitals
/// named twice may as well be a committee's ("membres du CE"), a figure's ("le ROC progresse"), a programme's ("as a CRC")
/// or a funder's ("grant ERC Advanced").
/// </summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// An organisation the body names only by its acronym, often inside compounds ("fra SDU i 2021", "to SDU-forskere",
    /// "die JMU-Pressestelle"): the acronym named at least twice and more often than any other, and tied to an organisation.
    /// </summary>
    private static string? MostNamedAcronym(IReadOnlyList<string> paragraphs, IReadOnlyList<string> wires, string? title, IEnumerable<string> domains)
    {
        // A word in a run of capitals ("AT THE COMPANY:", "PRESS RELEASE :") is shouting, not an acronym, and a place in a
        // dateline ("REHOVOT, ISRAEL—March 18, 2021—") is no name. An acronym always followed by the same name is part of it
        // ("KU Leuven", "TU Delft"): the name is both.
        var text = paragraphs.Where(p => !FundingLine().IsMatch(p))
            .Select(p => ShoutedRun().Replace(WithoutDatelinePlace(p), " "))
            .ToList();
        var mentions = text
            .SelectMany(p => AcronymWord().Matches(p).Select(m => (Acronym: m.Groups["acronym"].Value, Next: m.Groups["next"].Value)))
            .Where(a => !CommonAcronyms.Contains(a.Acronym) && !Distributors.IsDistributor(a.Acronym, wires))
            .ToList();
        var counts = mentions
            .GroupBy(a => a.Acronym, StringComparer.Ordinal)
            .Select(g => (Acronym: g.Select(a => a.Next).Distinct().Count() == 1 && g.First().Next.Length > 0 ? g.Key + " " + g.First().Next : g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => NamedInTitle(g.Acronym, title))
            .Take(2)
            .ToList();
        return counts is [{ Count: >= 2 } first, ..] && (counts.Count == 1 || counts[1].Count < first.Count || (NamedInTitle(first.Acronym, title) && !NamedInTitle(counts[1].Acronym, title)))
            && (first.Acronym.Contains(' ', StringComparison.Ordinal) || IsTiedToAnOrganisation(first.Acronym, text, domains))
            ? first.Acronym
            : null;
    }

    /// <summary>
    /// "AUC Introduces New Minors", "DFG fördert elf neue Sonderforschungsbereiche": a title that opens with an acronym the body
    /// names again and ties to an organisation (its department, its people, the name it abbreviates) names the issuer, above a
    /// degree's or a programme's short form the body uses more often.
    /// </summary>
    private static string? TitleAcronym(IReadOnlyList<string> paragraphs, IReadOnlyList<string> wires, string? title, IEnumerable<string> domains)
    {
        var opening = TitleOpening().Match(title ?? string.Empty);
        var acronym = opening.Groups["acronym"].Value;
        if (!opening.Success || CommonAcronyms.Contains(acronym) || Distributors.IsDistributor(acronym, wires))
        {
            return null;
        }

        // A funder opening its own title ("DFG fördert ...") is the issuer; a grant's or a programme's name ("ERC Advanced Grant
        // for ...") is not.
        var next = title![opening.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).TakeWhile(w => char.IsUpper(w[0]));
        var text = paragraphs.Where(p => !FundingLine().IsMatch(p)).Select(p => ShoutedRun().Replace(WithoutDatelinePlace(p), " ")).ToList();
        // "NÖ Pressehaus, ..." where the body writes "des NÖ Pressehauses": the acronym is a part of a longer name.
        var uses = text.Sum(p => AcronymMention().Matches(p).Count(m => m.Groups["acronym"].Value == acronym));
        var partOfAName = next.FirstOrDefault() is { } word && text.Any(p => AcronymWord().Matches(p)
            .Any(m => m.Groups["acronym"].Value == acronym && m.Groups["next"].Value.StartsWith(word.TrimEnd(',', ':', ';'), StringComparison.Ordinal)));
        return uses >= 2 && !partOfAName && !SchemeWord().IsMatch(string.Join(' ', next)) && IsTiedToAnOrganisation(acronym, text, domains, titleSubject: true) ? acronym : null;
    }

    /// <summary>
    /// "Low Emission Vehicle (LEV)" where the text also writes "low emission vehicles": a long form the text writes in lower case
    /// is a common noun (a technology, a product's kind, a degree), and its short form no organisation's.
    /// </summary>
    private static bool IsCommonNoun(string longForm, IReadOnlyList<string> paragraphs, string? title)
    {
        var words = longForm.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return false;
        }

        var lower = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(words[0].ToLowerInvariant()) + @"\p{Ll}{0,3}\s+" + Regex.Escape(words[1].ToLowerInvariant()) + @"\p{Ll}{0,3}(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        try
        {
            return paragraphs.Prepend(title ?? string.Empty).Any(lower.IsMatch);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether something in the text ties an acronym to an organisation: it spells the domain or the sender's; or it is never
    /// a kind of thing ("as a CRC", "un CE") nor a funder's or a programme's ("the ERC grant", "CRC programme") and either
    /// names the people, press office or group of an organisation ("SDU-forskere", "Forschende der JMU", "KAIST Prof.", "the AAN
    /// Media and Public Relations staff", "ÅF-koncernen") or a unit of one
    /// ("la Facultad de Estudios Superiores de la UNAM") or
    /// abbreviates a name that reads as an organisation ("Example Research Council (ERX)", "Julius-Maximilians-Universität").
    /// </summary>
    private static bool IsTiedToAnOrganisation(string acronym, IReadOnlyList<string> paragraphs, IEnumerable<string> domains, bool titleSubject = false)
    {
        var label = acronym.ToLowerInvariant();
        if (domains.SelectMany(OrganisationNames.DomainLabels).Any(l => TextCleaner.Key(l) == TextCleaner.Key(label)))
        {
            return true;
        }

        var people = false;
        foreach (var paragraph in paragraphs)
        {
            foreach (Match mention in AcronymMention().Matches(paragraph))
            {
                if (mention.Groups["acronym"].Value != acronym)
                {
                    continue;
                }

                var before = paragraph[Math.Max(0, mention.Index - 60)..mention.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(2).ToArray();
                var end = mention.Index + mention.Length;
                var after = paragraph[end..Math.Min(paragraph.Length, end + 60)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2);
                // The title's own subject may be a funder ("DFG fördert ..."): only "a DFG" makes it one of a kind.
                if (titleSubject ? IsIndefinite(before) : IsSchemeOrKindMention(paragraph, mention))
                {
                    return false;
                }

                // "AUC’s Department of Journalism": a unit the acronym owns is the organisation's.
                var owned = after.ToArray() is ["’s" or "'s", var unit, ..] && OwnedUnitWord().IsMatch(unit);
                people |= owned || MemberWord().IsMatch(mention.Groups["compound"].Value) || MemberWord().IsMatch(string.Join(' ', before))
                    || MemberWord().IsMatch(string.Join(' ', after))
                    || (before is [.., "of" or "de" or "der" or "des" or "del" or "della" or "di" or "da" or "do" or "van" or "du" or "la" or "the"]
                        && OwnedUnitWord().IsMatch(paragraph[Math.Max(0, mention.Index - 100)..mention.Index]));
            }
        }

        // "die Deutsche Forschungsgemeinschaft (DFG)": the text defines it as an organisation's short form.
        return people || paragraphs.SelectMany(OrganisationNames.CapitalisedPhrases).SelectMany(OrganisationNames.Tails)
            .Any(p => OrganisationNames.LooksLikeOrganisation(p) && TextCleaner.Key(p) != label && OrganisationNames.MatchesDomainLabel(p, label))
            || OrganisationNames.NamesDefinedAs(acronym, paragraphs).Any(OrganisationNames.LooksLikeOrganisation);
    }

    /// <summary>True when a mention of the short form is a funder's or a programme's ("grant ERC Advanced") or one of a kind ("as a CRC").</summary>
    private static bool IsNamedAsASchemeOrAKind(string shortForm, IReadOnlyList<string> paragraphs) =>
        paragraphs.Any(paragraph => AcronymMention().Matches(paragraph).Any(mention => mention.Groups["acronym"].Value == shortForm
            && IsSchemeOrKindMention(paragraph, mention)));

    private static bool IsSchemeOrKindMention(string paragraph, Match mention)
    {
        var before = paragraph[Math.Max(0, mention.Index - 60)..mention.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(2).ToArray();
        var end = mention.Index + mention.Length;
        var after = paragraph[end..Math.Min(paragraph.Length, end + 60)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2);
        return IsIndefinite(before) || SchemeWord().IsMatch(string.Join(' ', before.Concat(after)));
    }

    /// <summary>"un CE", "ein AN", "as a CRC": an acronym after an indefinite article is one of a kind. A lone "a" counts only
    /// after an English word (Portuguese "a" is "the": "com a USP").</summary>
    private static bool IsIndefinite(string[] before) => before switch
    {
        [.., "an" or "un" or "une" or "ein" or "eine" or "einen" or "einem" or "einer" or "uno" or "una" or "um" or "uma" or "een" or "ett"] => true,
        [.., "as" or "is" or "was" or "be" or "been" or "become" or "becomes" or "became" or "of" or "with" or "for" or "into" or "such" or "like" or "by", "a"] => true,
        _ => false,
    };

    // A title's first word in capitals, before the rest of the headline: "AUC Introduces ...", "DFG fördert ...".
    [GeneratedRegex(@"^(?<acronym>\p{Lu}{2,6})(?:['’]s)?(?=\s+\p{L})", RegexOptions.CultureInvariant, 250)]
    private static partial Regex TitleOpening();

    // An acronym and the word it opens a compound with ("SDU-forskere", "JMU-Pressestelle").
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])(?<acronym>\p{Lu}{2,6})(?:-(?<compound>\p{L}+))?(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex AcronymMention();

    // The people, press office or group of an organisation, in the languages releases come in.
    [GeneratedRegex(@"(?<![\p{L}])(?i:forsk\w*|forsch\w*|researchers?|scientists?|scholars?|students?|studierende\w*|wissenschaftler\w*|prof\.?|professors?|staff|mitarbeit\w*|ansatte|anställda|press\w*|media|medie\w*|communications?|kommunikation\w*|koncern\w*|konzern\w*|group|gruppe\w*|groupe|gruppo|grupo|bolag\w*|yhtiö\w*|chercheu\w*|étudiant\w*|investigador\w*|ricercator\w*|onderzoeker\w*|pesquisador\w*|tutkij\w*|naukow\w*|badacz\w*)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex MemberWord();

    // A unit of an organisation, whose name ends with the organisation's: "the Faculty of Law of X", "la Facultad de ... de la X".
    [GeneratedRegex(@"(?<![\p{L}])(?i:facult\w*|fakult\w*|department\w*|departament\w*|département\w*|school|escuela|école|scuola|division|división|laborator\w*|college|colegio)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex OwnedUnitWord();

    // A grant, an award or a programme: the acronym beside it is a funder's or a scheme's ("ERC Advanced grant", "bourse ERC").
    [GeneratedRegex(@"(?<![\p{L}])(?i:grants?|funding|funded|awards?|fellowships?|bourses?|subventions?|förder\w*|stipend\w*|becas?|finanziament\w*|financement|financiación|apura\w*|rahoitu\w*|anslag|programmes?|programs?|programm\w*|programas?|ohjelm\w*)(?![\p{L}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex SchemeWord();
}
