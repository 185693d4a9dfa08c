using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The issuer signals of a release's own sentences and a wire's lines: the dateline's subject with its apposition, a
/// wire's "SOURCE X", a republisher's "press release issued by X", a closing "Media Release ... from X".
/// </summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The organisation a dateline's sentence opens with, described in an apposition: "LOS ANGELES — City of Hope®, among the
    /// largest ... organizations ..., has put in place", "--(BUSINESS WIRE)--Human Appeal, one of the UK's fastest growing NGOs,
    /// has opened", "Caritas Internationalis, the umbrella organization for 162 charities, has launched".
    /// </summary>
    private static string? DatelineSubject(List<string> head)
    {
        foreach (var paragraph in head)
        {
            var match = DatelineSubjectSentence().Match(paragraph.Length > 400 ? paragraph[..400] : paragraph);
            // The apposition says what kind of body it is ("one of the UK's fastest growing NGOs", "a nonprofit organization"); a
            // person's ("a professor at X") is not one.
            if (match.Success && OrganisationKind().IsMatch(match.Groups["apposition"].Value) && !PersonsApposition().IsMatch(match.Groups["apposition"].Value)
                && Clean(match.Groups["org"].Value) is { } org
                && !(org.Contains(' ', StringComparison.Ordinal) && !org.Any(char.IsLower)))
            {
                return org;
            }
        }

        return null;
    }

    /// <summary>True for a press-contact label standing alone on its line: "Rückfragen &amp; Kontakt:", "Media contacts:".</summary>
    public static bool IsContactLabel(string line)
    {
        var text = line.Trim();
        var label = ContactLabel().Match(text);
        return label.Success && label.Length >= text.Length - 1 && text.Length > 0;
    }

    /// <summary>
    /// An organisation the opening paragraphs quote as saying it today: "..., the Commerce Department's National Oceanic and
    /// Atmospheric Administration said today."
    /// </summary>
    private static string? SaidToday(List<string> head, IReadOnlyList<string> paragraphs, string? title)
    {
        foreach (var paragraph in head.Where(p => TextCleaner.CountWords(p) >= 12).Take(2))
        {
            foreach (Match said in SaidTodaySentence().Matches(paragraph.Length > 600 ? paragraph[..600] : paragraph))
            {
                // "the Commerce Department's National Oceanic ...": the possessor is the parent, the name is what follows.
                var name = said.Groups["org"].Value;
                var possessive = Math.Max(name.LastIndexOf("'s ", StringComparison.Ordinal), name.LastIndexOf("’s ", StringComparison.Ordinal));
                if (Clean(possessive >= 0 ? name[(possessive + 3)..] : name) is { } org
                    && (OrganisationNames.LooksLikeOrganisation(org) || IsNamedAgain(org, paragraphs, title)))
                {
                    return org;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A dateline sentence's subject that the text or the title names again, whole or by its leading word ("Fujitsu Limited
    /// announced today" and "Fujitsu decided", "FAO said today" and "FAO Director-General"): the issuer speaking of itself,
    /// with or without a word for an organisation. A person is named again by the family name, so a name shaped as a
    /// person's counts only by its leading word; an honorific, a person's office, a bare word for a kind of body ("Die
    /// Stiftung hat heute ...") or a common acronym is never one, and two
    /// names joined ("Acme and Beta") count only whole.
    /// </summary>
    private static bool IsNamedAgain(string name, IReadOnlyList<string> paragraphs, string? title)
    {
        // "Die Stiftung hat heute ...": a bare word for the kind of body is no name, however often repeated.
        if (Honorific().IsMatch(name) || PersonsOffice().IsMatch(name) || CommonAcronyms.Contains(name) || OrganisationNames.HasOrganisationWord(name))
        {
            return false;
        }

        try
        {
            var words = NameToken().Matches(name).Select(m => m.Value).ToList();

            // "Kulturstaatsministerin Monika Grütters hat heute ...": an office before a person's name is the person.
            if (words.Count >= 3 && OrganisationNames.IsPersonsName(string.Join(' ', words[^2..])))
            {
                return false;
            }

            var text = " " + string.Join(' ', paragraphs.Prepend(title ?? string.Empty).Take(200)
                .SelectMany(p => NameToken().Matches(p.Length > 5000 ? p[..5000] : p).Select(m => m.Value))) + " ";
            var whole = Occurrences(text, string.Join(' ', words));
            var joined = words.Any(w => w is "and" or "und" or "et" or "y" or "e" or "en" or "og" or "och");
            var byLeadingWord = words.Count > 1 && words[0].Length >= 3 && !joined ? Occurrences(text, words[0]) - whole : 0;
            return byLeadingWord >= 1 || (whole >= 2 && !OrganisationNames.IsPersonsName(name));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static int Occurrences(string text, string words)
    {
        var key = " " + words + " ";
        var count = 0;
        for (var at = text.IndexOf(key, StringComparison.Ordinal); at >= 0 && words.Length > 0; at = text.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// A domain that spells the name with its article ("theacropolismuseum.gr", "lafabriqueexemple.fr"): when no name spells
    /// the whole label, the label without the article is the name's spelling.
    /// </summary>
    private static string WithoutArticle(string label, IReadOnlyList<string> phrases)
    {
        var article = LabelArticles.FirstOrDefault(a => label.Length >= a.Length + 4 && label.StartsWith(a, StringComparison.Ordinal));
        return article is null || phrases.Any(p => OrganisationNames.MatchesDomainLabel(p, label)) ? label : label[article.Length..];
    }

    private static readonly string[] LabelArticles = ["the", "les", "la", "le", "el", "il", "lo", "der", "die", "das", "het", "de"];

    /// <summary>
    /// A name's letters as a domain writes them in ASCII: "Helse Sør-Øst" is spelled by helse-sorost.no, "Ærø" by aero.dk. The
    /// letters a decomposition leaves alone (ø, æ, œ, ß, ł, đ, ð, þ, ı) are written as their ASCII spelling.
    /// </summary>
    private static string InAscii(string name)
    {
        if (name.All(char.IsAscii))
        {
            return name;
        }

        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            builder.Append(c switch
            {
                'ø' => "o", 'Ø' => "O", 'æ' => "ae", 'Æ' => "Ae", 'œ' => "oe", 'Œ' => "Oe", 'ß' => "ss", 'ł' => "l", 'Ł' => "L",
                'đ' => "d", 'Đ' => "D", 'ð' => "d", 'Ð' => "D", 'þ' => "th", 'Þ' => "Th", 'ı' => "i",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// "UNDP Administrator Helen Clark": the longest form of a name the domain spells stops before a person's office, which
    /// begins a person's title, not the organisation's name.
    /// </summary>
    private static string WithoutPersonsOffice(string name, string longest)
    {
        try
        {
            return !PersonsOfficeWord().IsMatch(name) && PersonsOfficeWord().IsMatch(longest) ? name : longest;
        }
        catch (RegexMatchTimeoutException)
        {
            return longest;
        }
    }

    /// <summary>A news wire's closing line naming who sent the release: "SOURCE Islamic Relief USA".</summary>
    private static string? SourceLine(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Reverse().Take(4))
        {
            var source = SourceLabel().Match(paragraph);
            if (source.Success)
            {
                return Clean(source.Groups["org"].Value);
            }
        }

        return null;
    }

    /// <summary>
    /// A republisher's line naming the issuer: "The press release issued by the Department for Environment, Food and Rural
    /// Affairs on 9 June 2025.", "News release published by X today".
    /// </summary>
    private static string? IssuedBy(List<string> head)
    {
        foreach (var paragraph in head)
        {
            var issued = IssuedByLine().Match(paragraph.Length > 300 ? paragraph[..300] : paragraph);
            if (issued.Success)
            {
                return Clean(issued.Groups["org"].Value);
            }
        }

        return null;
    }

    /// <summary>
    /// A closing line naming the release's sender: "Media Release 12 July 2011 from Red Cross." A short name the text also gives
    /// in a longer form, named more often, is that longer form ("New Zealand Red Cross").
    /// </summary>
    private static string? ReleaseFrom(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Reverse().Take(4))
        {
            var from = ReleaseFromLine().Match(paragraph);
            if (from.Success && Clean(from.Groups["org"].Value) is { } org)
            {
                return LongerForm(org, paragraphs);
            }
        }

        return null;
    }

    private static string LongerForm(string name, IReadOnlyList<string> paragraphs)
    {
        var longer = paragraphs.SelectMany(OrganisationNames.CapitalisedPhrases)
            .Where(p => p.Length > name.Length && p.EndsWith(" " + name, StringComparison.Ordinal) && !p.Contains(" of ", StringComparison.Ordinal))
            .GroupBy(p => p, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();
        return longer ?? name;
    }

    /// <summary>
    /// A name found in the genitive ("des NÖ Pressehauses", "des Fraunhofer-Instituts") is given as the title or the text writes
    /// it otherwise ("NÖ Pressehaus"), when it does.
    /// </summary>
    private static string? Nominative(string? name, IReadOnlyList<string> paragraphs, string? title)
    {
        if (name is null || !(name.EndsWith('s') && name.Length > 4))
        {
            return name;
        }

        var texts = paragraphs.Prepend(title ?? string.Empty).ToList();
        foreach (var cut in new[] { 2, 1 })
        {
            var stem = name[..^cut];
            if ((cut == 1 || name.EndsWith("es", StringComparison.Ordinal)) && OrganisationNames.IsNamedIn(stem, texts))
            {
                return stem;
            }
        }

        return name;
    }

    /// <summary>
    /// A labelled publisher line on a portal that hosts many bodies' releases: "Utgiver: Kommunal- og regionaldepartementet",
    /// "Herausgeber: Bundesministerium für X", "Issued by: Department for X". It names the issuer outright, before the portal.
    /// </summary>
    public static string? PublisherLine(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Take(40).Where(p => p.Length <= 200))
        {
            var label = PublisherLabel().Match(paragraph);
            if (label.Success && Clean(label.Groups["org"].Value) is { } org && !Distributors.IsDistributor(org, [], knownServices: true))
            {
                return org;
            }
        }

        return null;
    }

    /// <summary>
    /// The holders an image's description credits ("Tissue infected by Listeria. © Institut Pasteur.", "© Jane Doe, Example
    /// Foundation"), each part of the credit on its own: names the page's domain may spell, never text of the release.
    /// </summary>
    public static IReadOnlyList<string> CreditHolders(IEnumerable<string> descriptions) =>
        descriptions.Take(50)
            .SelectMany(d => CreditHolder().Matches(d.Length > 500 ? d[..500] : d))
            .SelectMany(m => m.Groups["holder"].Value.Split([',', ';', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(h => h.Length >= 2)
            .Distinct(StringComparer.Ordinal)
            .Take(20)
            .ToList();

    /// <summary>
    /// An image credit that spells the page's domain: the credit's whole name when it reads as an organisation ("Institut
    /// Pasteur" on pasteur.fr, where the domain spells only "Pasteur").
    /// </summary>
    private static string? CreditByDomain(IReadOnlyList<string> credits, IEnumerable<string> domains) =>
        credits.Count == 0 || ByDomain(credits, domains) is not { } name
            ? null
            : credits.FirstOrDefault(c => c.Contains(name, StringComparison.Ordinal) && TextCleaner.CountWords(c) <= 6 && OrganisationNames.LooksLikeOrganisation(c)) ?? name;

    /// <summary>
    /// A line naming the kind of release and whose it is: "Artikel från Statsrådsberedningen", "Medienmitteilungen der Stadt
    /// X", "Mededeling van het Kabinet van X: ...", "Press release from the X". The title counts too; a person's office
    /// ("Statement from the President") is no organisation.
    /// </summary>
    private static string? WhoseRelease(IReadOnlyList<string> paragraphs, string? title)
    {
        foreach (var line in paragraphs.Take(20).Prepend(title ?? string.Empty).Where(l => l.Length is > 0 and <= 200))
        {
            var whose = WhoseReleaseLine().Match(line) is { Success: true } line1 ? line1 : KindAfterNameLine().Match(line == title ? line : string.Empty);
            if (whose.Success && Clean(NameOnly(whose.Groups["org"].Value)) is { } org && !PersonsOffice().IsMatch(org) && TextCleaner.CountWords(org) <= 8)
            {
                return org;
            }
        }

        return null;
    }

    /// <summary>
    /// A title that opens with the name the body repeats most ("Talpa Network neemt het ANP over", "Acme Network buys Example
    /// Wire"): the title's subject, which wins over a short form the text defines for the company bought, a partner or a subject.
    /// </summary>
    private static string? TitleSubject(IReadOnlyList<string> paragraphs, IReadOnlyList<string> wires, string? title)
    {
        var opening = title?.StartsWith("The ", StringComparison.Ordinal) == true ? title[4..] : title;
        return opening is not null && MostNamed(paragraphs, minimumMentions: 2, wires, title) is { } named
            && opening.StartsWith(named, StringComparison.OrdinalIgnoreCase)
            && (opening.Length == named.Length || !char.IsLetterOrDigit(opening[named.Length]))
            ? named
            : null;
    }

    /// <summary>
    /// The name at the start of a line that goes on as a sentence ("FLAD sobre atribuição de bolsas" is FLAD): its words up to the
    /// first in lower case that joins no name.
    /// </summary>
    private static string NameOnly(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.TakeWhile((w, i) => i == 0 || !char.IsLower(w[0]) || NameJoiners.Contains(w)).ToList();
        while (kept.Count > 1 && NameJoiners.Contains(kept[^1]))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join(' ', kept);
    }

    // The small words inside names, in the languages release lines are read in: "Kabinet van de Koning", "Provincia di Esempio".
    private static readonly HashSet<string> NameJoiners = new(StringComparer.Ordinal)
    {
        "of", "for", "and", "the", "van", "de", "der", "den", "des", "di", "del", "della", "delle", "dei", "degli", "du", "la", "le", "les",
        "het", "y", "e", "i", "et", "da", "do", "dos", "das", "für", "och", "og", "en", "för", "af", "voor",
    };

    /// <summary>
    /// The holder a page's copyright line names ("© 2006 - 2024 X · Legal notice", "Copyright © 1997 X Corporation. All rights
    /// reserved."), the footer's, last on the page. A person's credit ("© Jane Doe") is no owner: the holder has a word for an
    /// organisation, three words or more, or is written in capitals.
    /// </summary>
    public static string? CopyrightHolder(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Reverse().Take(12))
        {
            var holder = CopyrightLine().Match(paragraph.Length > 300 ? paragraph[..300] : paragraph);
            if (holder.Success && Clean(holder.Groups["holder"].Value) is { } name && TextCleaner.CountWords(name) <= 8
                && (OrganisationNames.LooksLikeOrganisation(name) || TextCleaner.CountWords(name) >= 3 || name.All(c => !char.IsLower(c)))
                && !Distributors.IsDistributor(name, [], knownServices: true))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The copyright holder when the page's domain spells it ("© Universiteit Gent" on ugent.be): two signals agree.</summary>
    private static string? CopyrightTheDomainSpells(string? holder, IEnumerable<string> domains) =>
        holder is not null && domains.SelectMany(OrganisationNames.DomainLabels).Any(l => OrganisationNames.MatchesDomainLabel(holder, l)) ? holder : null;

    /// <summary>
    /// The copyright holder wins over the names the text merely mentions (partners, hosts, subjects), unless it is a
    /// republisher's: a holder the body's sentences never name loses to an organisation both the title and the body name.
    /// </summary>
    private static string? UnrivalledCopyright(string? holder, IReadOnlyList<string> paragraphs, IReadOnlyList<string> wires, string? title)
    {
        if (holder is null)
        {
            return null;
        }

        var namedInBody = OrganisationNames.IsNamedIn(holder, paragraphs.Where(p => TextCleaner.CountWords(p) >= 8 && !CopyrightLine().IsMatch(p)));
        var rival = MostNamed(paragraphs, minimumMentions: 2, wires, title);
        var rivalled = rival is not null && NamedInTitle(rival, title) && TextCleaner.Key(rival) != TextCleaner.Key(holder);
        return namedInBody || !rivalled ? holder : null;
    }
}
