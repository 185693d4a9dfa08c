using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The organisation that issued a release whose document does not name it in a field ("Update from X",
/// front matter, JSON): read from the text the way a journalist would, in this order:
/// a republisher's "X issued the following news release"; a dateline whose sentence names who "today
/// announced"; an "About X" paragraph; the press-contact block; an organisation whose name spells the
/// canonical URL's, the sender's or a contact address's domain. Only the body counts, so a partner named
/// only in the title is never taken; a republishing site is never in the body, so it is never taken either.
/// </summary>
internal static partial class IssuerFinder
{
    public static string? Find(IReadOnlyList<string> paragraphs, IEnumerable<string> domains, string? title = null,
        IReadOnlyList<string>? wires = null, IReadOnlyList<string>? contactLines = null, IReadOnlyList<string>? credits = null,
        string? copyright = null)
    {
        wires ??= [];
        credits ??= [];
        // A stock ticker ("(Nasdaq: TNXP)") names the company before it, and is no name itself: not an acronym, not a domain's.
        var listed = Clean(StockTicker.CompanyNamed(paragraphs.Take(8)) ?? string.Empty);
        paragraphs = paragraphs.Select(StockTicker.Strip).ToList();
        var head = paragraphs.Take(4).ToList();
        var found = IssuedTheFollowing(head)
            ?? IssuedBy(head)
            ?? WhoseRelease(paragraphs, title)
            ?? UnlessAnAuthorityOnTheListed(AnnouncedToday(head, paragraphs, title), listed)
            ?? SaidToday(paragraphs.Take(8).ToList(), paragraphs, title)
            ?? DatelineSubject(head)
            ?? listed
            ?? AboutParagraph(paragraphs)
            ?? SourceLine(paragraphs)
            ?? ReleaseFrom(paragraphs)
            ?? ContactBlock(paragraphs, contactLines ?? [])
            ?? CopyrightTheDomainSpells(copyright, domains)
            ?? ByDomain(paragraphs, domains)
            ?? StandingName(paragraphs, wires, title, byLayout: true)
            ?? UnrivalledCopyright(copyright, paragraphs, wires, title)
            ?? TitleSubject(paragraphs, wires, title)
            ?? TitleAcronym(paragraphs, wires, title, domains)
            ?? DefinedShortName(paragraphs, title)
            ?? StandingName(paragraphs, wires, title, byLayout: false)
            ?? MostNamed(paragraphs, minimumMentions: 2, wires, title)
            ?? MostNamedAcronym(paragraphs, wires, title, domains)
            ?? DomainAcronym(paragraphs, domains)
            ?? CreditByDomain(credits, domains);
        return Distributors.IsDistributor(found, wires) ? null : Nominative(found, paragraphs, title);
    }

    /// <summary>
    /// An issuer the text names only inside compounds ("Max-Planck-Wissenschaftlerinnen") on a site whose short domain is its
    /// acronym (mpg.de): the compound's leading parts spell the label's start, so the label in capitals is the name.
    /// </summary>
    private static string? DomainAcronym(IReadOnlyList<string> paragraphs, IEnumerable<string> domains)
    {
        var initials = paragraphs.SelectMany(p => Compound().Matches(p))
            .Select(m => string.Concat(m.Value.Split('-')[..^1].Select(part => char.ToLowerInvariant(part[0]))))
            .Where(i => i.Length >= 2)
            .ToHashSet(StringComparer.Ordinal);
        return domains.SelectMany(OrganisationNames.DomainLabels)
            .FirstOrDefault(label => label.Length is >= 3 and <= 5 && label.All(char.IsAsciiLetterLower)
                && initials.Any(i => i.Length < label.Length && label.StartsWith(i, StringComparison.Ordinal)))
            ?.ToUpperInvariant();
    }

    /// <summary>
    /// A name the text gives with its short form in brackets and then goes on to call by that short form ("Informationsdienst
    /// Wissenschaft (idw)" and "der idw", "idw-Nutzerbeirat"): the issuer's way of naming itself, even without a word for an
    /// organisation. The short form is given, since the long one may be inflected ("der Österreichischen Akademie ...").
    /// </summary>
    private static string? DefinedShortName(IReadOnlyList<string> paragraphs, string? title)
    {
        var text = string.Join("\n", paragraphs);
        return ShortFormDefinition().Matches(text)
            .Where(m => !IsCommonNoun(m.Value[..(m.Groups["short"].Index - m.Index)].TrimEnd(' ', '('), paragraphs, title))
            .Select(m => m.Groups["short"].Value)
            .Distinct(StringComparer.Ordinal)
            .Take(5)
            .Where(shortForm => !CommonAcronyms.Contains(shortForm.ToUpperInvariant()) && !IsNamedAsASchemeOrAKind(shortForm, paragraphs))
            .Select(shortForm => (ShortForm: shortForm, Uses: Regex.Count(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(shortForm)}(?![\p{{L}}\p{{N}}])")))
            .Where(d => d.Uses >= 3)
            .OrderByDescending(d => d.Uses)
            .Select(d => d.ShortForm)
            .FirstOrDefault();
    }

    private static bool NamedInTitle(string name, string? title) =>
        title is not null && OrganisationNames.IsNamedIn(name, [title]);

    /// <summary>"REHOVOT, ISRAEL—March 18, 2021—How ...": the text after the dateline's place and date.</summary>
    private static string WithoutDatelinePlace(string paragraph)
    {
        var place = DatelinePlaceInCapitals().Match(paragraph);
        return place.Success ? paragraph[place.Length..] : paragraph;
    }

    private static readonly HashSet<string> CommonAcronyms = new(StringComparer.Ordinal)
    {
        "DNA", "RNA", "CEO", "CFO", "CTO", "USA", "UK", "US", "EU", "UN", "AI", "IT", "TV", "PR", "PDF", "FAQ", "COVID", "HIV", "AIDS",
        "GPS", "CO", "MRI", "PHD", "BBC", "CNN", "EDT", "EST", "CET", "CEST", "GMT", "UTC", "PM", "AM", "OK", "ID", "II", "III", "IV",
    };

    /// <summary>The domains a release gives for itself: its canonical URL and the contact addresses in its text.</summary>
    public static IEnumerable<string> DomainsOf(string? canonicalUrl, string? senderAddress, IEnumerable<string> paragraphs)
    {
        if (Uri.TryCreate(canonicalUrl, UriKind.Absolute, out var url))
        {
            yield return url.Host;
        }

        if (senderAddress?.Split('@') is [_, { Length: > 0 } senderDomain])
        {
            yield return senderDomain;
        }

        foreach (var paragraph in paragraphs)
        {
            foreach (Match address in MailAddress().Matches(paragraph))
            {
                yield return address.Groups["domain"].Value;
            }
        }

        // Last, a web address written out in the text ("Links: https://www.eso.org/public/news/eso1507/").
        foreach (var paragraph in paragraphs)
        {
            foreach (Match address in WebAddress().Matches(paragraph))
            {
                yield return address.Groups["host"].Value;
            }
        }
    }

    private static string? IssuedTheFollowing(List<string> head)
    {
        foreach (var paragraph in head)
        {
            var issued = IssuedLine().Match(paragraph);
            if (!issued.Success || issued.Index > 200)
            {
                continue;
            }

            // What stands between the dateline's dash (or the start) and "issued the following".
            var before = paragraph[..issued.Index];
            var dash = new[] { before.LastIndexOf("--", StringComparison.Ordinal) + 2, before.LastIndexOf('—') + 1, before.LastIndexOf('–') + 1, before.LastIndexOf(" - ", StringComparison.Ordinal) + 3 }.Max();
            var org = before[Math.Max(dash, 0)..].Trim();
            if (org.Length > 0 && char.IsUpper(org[0]))
            {
                return Clean(org);
            }
        }

        return null;
    }

    private static string? AnnouncedToday(List<string> head, IReadOnlyList<string> paragraphs, string? title)
    {
        foreach (var paragraph in head)
        {
            var match = AnnouncedSentence().Match(paragraph.Length > 400 ? paragraph[..400] : paragraph);
            if (match.Success && Clean(match.Groups["org"].Value) is { } org
                && (OrganisationNames.LooksLikeOrganisation(org) || paragraph.Split(org).Length > 2 || IsNamedAgain(org, paragraphs, title)))
            {
                return org;
            }
        }

        return null;
    }

    private static string? AboutParagraph(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Skip(1))
        {
            var match = AboutLine().Match(paragraph);

            // "About the Company", "Über die Stiftung": a word for the kind of body is no name; the issuer is named elsewhere.
            // "About this update from X": a word in lower case after "About" makes a sentence, not a heading's name.
            if (match.Success && !IsBareKind(match.Groups["org"].Value.Trim()) && char.IsUpper(match.Groups["org"].Value[0]))
            {
                return Clean(WithoutRepeat(match.Groups["org"].Value));
            }
        }

        return null;
    }

    /// <summary>
    /// An "About X" heading run together with the paragraph under it ("About Example University Example University is ...",
    /// "À propos de l'Inserm L'Inserm est ..."): the name is said twice, and it is the first of the two.
    /// </summary>
    private static string WithoutRepeat(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var split = 1; split < words.Length; split++)
        {
            var first = TextCleaner.Key(Elided().Replace(string.Join(' ', words[..split]), string.Empty));
            var rest = TextCleaner.Key(Elided().Replace(string.Join(' ', words[split..]), string.Empty));
            if (first.Length >= 3 && rest.StartsWith(first, StringComparison.Ordinal))
            {
                return Elided().Replace(string.Join(' ', words[..split]), string.Empty);
            }
        }

        return name;
    }

    private static string? ByDomain(IReadOnlyList<string> paragraphs, IEnumerable<string> domains)
    {
        // Each host's labels, the owner's first: a host's first label that spells a name is its owner ("discovery.nasa.gov" is
        // NASA's), and across hosts a name that reads as an organisation wins over a bare word.
        var labels = domains.Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(d => OrganisationNames.DomainLabels(d).Select((label, i) => (Label: label, Host: d, Owner: i == 0)))
            .ToList();
        if (labels.Count == 0)
        {
            return null;
        }

        // "NASA's Marshall Space Flight Center" is a part of NASA: a possessive phrase gives only its possessor. A headline
        // in capitals repeated in the body ("NASA TO ANNOUNCE NEW ...") is no name.
        string? fallback = null;
        var written = paragraphs.SelectMany(OrganisationNames.CapitalisedPhrases).SelectMany(OrganisationNames.Tails)
            .Where(p => !p.Contains("'s ", StringComparison.Ordinal) && !p.Contains("’s ", StringComparison.Ordinal) && !IsShouted(p))
            .ToList();
        var phrases = written.Distinct().Where(p => !OrganisationNames.IsDescribedAsAThing(p, paragraphs)).ToList();
        // "england.nhs.uk": a host whose owner's label and the one under it spell a name the text writes ("NHS England") is that
        // branch's, not the parent's.
        var branch = labels.GroupBy(l => l.Host).Where(g => g.Count() >= 2)
            .Select(g => g.First().Label + g.Skip(1).First().Label)
            .SelectMany(joined => phrases.Where(p => TextCleaner.Key(p) == TextCleaner.Key(joined)))
            .FirstOrDefault();
        if (branch is not null)
        {
            return Clean(branch);
        }

        string? foundOnHost = null;
        foreach (var (label, host, _) in labels)
        {
            if (string.Equals(foundOnHost, host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Of the names that spell the domain, one that reads as an organisation, then one the text writes more than once (a
            // headline repeated in the body is written once), then the longest: "The Pittsburgh Foundation" rather than
            // "Pittsburgh Foundation" or "Pittsburgh".
            var spelled = WithoutArticle(label, phrases);
            var matching = phrases.Where(p => OrganisationNames.MatchesDomainLabel(p, spelled) || OrganisationNames.MatchesDomainLabel(InAscii(p), spelled))
                .Select(p => WithoutUnspelledTail(p, spelled)).Distinct().ToList();
            var best = matching
                .OrderByDescending(p => OrganisationNames.LooksLikeOrganisation(p))
                .ThenByDescending(p => written.Count(w => w == p) >= 2)
                .ThenByDescending(p => p.Length)
                .FirstOrDefault();

            // "RIKEN Advanced Science Institute" and "RIKEN Brain Science Institute" are parts of RIKEN: where the label's own
            // word goes on into two or more different names, the organisation is that word.
            var parent = matching.FirstOrDefault(p => TextCleaner.Key(p) == TextCleaner.Key(label));
            var isParent = parent is not null && matching.Count(p => p.StartsWith(parent + " ", StringComparison.Ordinal)) >= 2;

            // "EXA Science Operations Office" beside "EXA" is a unit of EXA.
            if (best is not null && matching.Where(p => IsUnitOf(best, [p])).MinBy(p => p.Length) is { } owner)
            {
                best = owner;
                isParent = true;
            }
            if (isParent)
            {
                best = parent;
            }
            else if (best is not null)
            {
                // "Sinica" on sinica.edu.tw is a word of "Academia Sinica": the name is the longest form the text uses.
                best = WithoutPersonsOffice(best, OrganisationNames.LongestForm(best, paragraphs));
            }

            // A name that reads as an organisation wins over a bare word another domain spells ("DIE WELT" on a newspaper's
            // welt.de, where the release's own address spells "Stiftung Deutsche Klassenlotterie Berlin").
            if (best is not null && (OrganisationNames.LooksLikeOrganisation(best) || isParent))
            {
                return Clean(best);
            }

            if (best is not null)
            {
                fallback ??= best;
                foundOnHost = host;
            }
        }

        return fallback is null ? null : Clean(fallback);
    }

    /// <summary>
    /// "Gates Foundation Commits $10 Million": the words after those that spell the domain (gatesfoundation.org) belong to the
    /// sentence, unless they name the kind of organisation ("Rice University" on rice.edu keeps its "University").
    /// </summary>
    private static string WithoutUnspelledTail(string phrase, string label)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && !OrganisationNames.HasOrganisationWord(words[^1])
               && OrganisationNames.MatchesDomainLabel(string.Join(' ', words[..^1]), label))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    private static bool IsShouted(string phrase) => TextCleaner.CountWords(phrase) >= 3 && !phrase.Any(char.IsLower);

    /// <summary>
    /// The organisation the body names most often, leaving out the funders' line and the wires that carried it; of equals, the
    /// one the title names too, else the first.
    /// </summary>
    public static string? MostNamed(IReadOnlyList<string> paragraphs, int minimumMentions, IReadOnlyList<string>? wires = null, string? title = null)
    {
        // A label in capitals ("AT THE COMPANY:") is no name, nor the kind word a person's role leaves ("Dean of the Council").
        var names = OrganisationNames.FindAllWithReferences(paragraphs.Where(p => !FundingLine().IsMatch(p)))
            .Where(n => !IsShouted(n) && !Distributors.IsDistributor(n, wires ?? []))
            .Select(n => Clean(n))
            .OfType<string>()
            .Where(n => !OrganisationNames.IsKindWord(n))
            .ToList();
        return names.GroupBy(TextCleaner.Key).Where(g => g.Count() >= minimumMentions)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => NamedInTitle(g.First(), title)).Select(g => g.First()).FirstOrDefault();
    }

    private static string? Clean(string name)
    {
        var clean = (OrganisationNames.WithoutPressOffice(name) ?? string.Empty).Trim(' ', ',', ';', ':', '.', '-', '–', '—');

        // "President and CEO of Siemens AG": the person's role is not part of the organisation.
        clean = PersonsRole().Replace(clean, string.Empty);
        if (clean.StartsWith("the ", StringComparison.Ordinal))
        {
            clean = clean[4..];
        }

        // "La Comunidad de Madrid", "Il Comune di Milano", "De Gemeente Utrecht": an article at the sentence's start before the word
        // for the organisation ("La Trobe University", "De Montfort University" keep theirs: their next word is a name).
        // A German article goes before any name it opens ("Die Technische Universität München"), others before the word for
        // the organisation ("A Universidade de Lisboa").
        var article = LeadingArticle().Match(clean);
        if (article.Success && (OrganisationNames.HasOrganisationWord(article.Groups["next"].Value)
            || (article.Value.StartsWith('D') && !article.Value.StartsWith("De", StringComparison.Ordinal)
                && OrganisationNames.LooksLikeOrganisation(clean[article.Groups["next"].Index..]))))
        {
            clean = clean[article.Groups["next"].Index..];
        }

        return clean.Length < 2 || !clean.Any(char.IsLetter) ? null : clean;
    }
}
