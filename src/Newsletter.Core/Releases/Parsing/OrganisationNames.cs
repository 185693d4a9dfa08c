using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Names that read as an organisation ("University of Gothenburg", "Göteborgs universitet", "The Pittsburgh
/// Foundation", "Max-Planck-Institut für evolutionäre Anthropologie") and the matching of a web or mail
/// domain to such a name ("pittsburghfoundation.org", "gwu.edu", "liu.se").
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>
    /// True when the name holds a word that names a kind of organisation, in the languages releases come in; a lone such
    /// word ("Universitäten", "Institute", "the Foundation") is a common noun, not a name.
    /// </summary>
    public static bool LooksLikeOrganisation(string name) =>
        name.Length is > 2 and <= 150 && OrganisationWord().IsMatch(name) && !BareKind().IsMatch(name.Trim());

    /// <summary>True when the text holds a word for a kind of organisation, a lone one included ("University").</summary>
    public static bool HasOrganisationWord(string text) => OrganisationWord().IsMatch(text);

    /// <summary>The part of a paragraph a name's pattern searches: its first 20,000 characters, so one huge paragraph costs no more.</summary>
    private static string SearchedPart(string paragraph) => paragraph.Length > 20_000 ? paragraph[..20_000] : paragraph;

    [GeneratedRegex(@"^(?:(?:the|die|der|das|den|la|le|les|el|il|lo|los|las|de|het|a|o)\s+)?(?:universit\w*|institut\w*|instituut|istitut\w*|foundation\w*|fondation|fondazione|fundaci\w*|stiftung\w*|gemeinschaft\w*|gemeenschap\w*|hochschul\w*|akademie\w*|academ\w*|gesellschaft\w*|societ\w*|soci[eé]t[eé]|società|sociedad\w*|zentr\w*|cent(?:er|re)s?|centro|college\w*|school\w*|company|companies|corporation\w*|council\w*|conseil|consiglio|consejo|commission\w*|kommission|agency|agencies|agenzia|agence|agencia|ministry|ministries|minist[eè]r\w*|department\w*|office\w*|laborator\w*|observator\w*|observatoire|osservatorio|hospital\w*|clinic\w*|klinik\w*|museum\w*|museen|museo|musée|network\w*|services?|administration|trust\w*|fund\w*|program\w*|initiative\w*|association\w*|organi[sz]ation\w*|regione|région|región|provincia|province|comune|commune|gemeinde|gemeente|ville|city|stadt|città|ciudad|cidade|county|inc|ltd|llc|corp|gmbh|ag|sa|plc|s\.p\.a|s\.a|n\.v|b\.v)\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareKind();

    /// <summary>
    /// True for a person's name as a mail's sender shows it ("Dwayne Brown" &lt;dwayne.c.brown@...&gt;, "Mary K. Smith"):
    /// two or three capitalised words, no acronym and no word for an organisation, and an address spelling the given
    /// name's initial and the family name (so "Novo Nordisk" &lt;press@novonordisk.com&gt; stays an organisation).
    /// </summary>
    public static bool IsPersonalSender(string name, string? address)
    {
        var clean = name.Trim();
        var words = clean.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var local = TextCleaner.Key(address?.Split('@')[0] ?? string.Empty);
        var family = TextCleaner.Key(words[^1]);

        // The address spells the family name after the given name or its initial: dwayne.c.brown, msmith, j.vanderberg.
        var at = family.Length >= 2 ? local.IndexOf(family, StringComparison.Ordinal) : -1;
        return PersonsName().IsMatch(clean) && !LooksLikeOrganisation(clean)
            && at > 0 && local[0] == TextCleaner.Key(words[0]).FirstOrDefault();
    }

    /// <summary>Two or three capitalised words that read as a person's name ("Rita Ziegler", "Mary K. Smith"), not as an organisation.</summary>
    public static bool IsPersonsName(string name) => PersonsName().IsMatch(name.Trim()) && !LooksLikeOrganisation(name);

    /// <summary>Every organisation-like name in the text, in order of appearance.</summary>
    public static IEnumerable<string> FindAll(string text)
    {
        // "het Kansenfonds van de provincie Fryslân", "die Stadt Wien", "la région Bretagne": a government's kind in lower case
        // before its proper name is the government's name.
        foreach (Match government in LowercaseGovernment().Matches(text))
        {
            yield return char.ToUpperInvariant(government.Value[0]) + government.Value[1..];
        }

        foreach (Match match in Phrase().Matches(text))
        {
            // "Hebrew University’s team": the possessive is no part of the name.
            // "Minister Lieten", "Council Chief Executive Officer Leigh Auton": a person's title and name are no part of a name.
            var name = WithoutPerson(PossessiveEnd().Replace(WithCompanyBeforeSuffix(text, match) ?? WithoutLeadingNoun(Trim(WithLowercaseTail(text, match))), string.Empty));
            if (LooksLikeOrganisation(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>Runs of capitalised words (with the small words that join them), the candidates a domain is matched against.</summary>
    public static IEnumerable<string> CapitalisedPhrases(string text)
    {
        foreach (Match match in Phrase().Matches(text))
        {
            var name = Trim(match.Value);
            if (name.Length >= 2)
            {
                yield return name;
            }

            // "ESO's Very Large Telescope": the possessive names ESO.
            var possessive = Possessive().Match(name);
            if (possessive.Success)
            {
                yield return possessive.Groups["name"].Value;
            }

            // "Linköping University (LiU)": the acronym in brackets names the same organisation.
            var after = match.Index + match.Length;
            var acronym = Acronym().Match(text, Math.Min(after, text.Length));
            if (acronym.Success && acronym.Index == after)
            {
                yield return acronym.Groups["acronym"].Value;
            }
        }
    }

    /// <summary>The names the text gives right before the short form in brackets: "Deutsche Forschungsgemeinschaft" for "(DFG)".</summary>
    public static IEnumerable<string> NamesDefinedAs(string shortForm, IEnumerable<string> paragraphs)
    {
        var bracket = "(" + shortForm + ")";
        foreach (var text in paragraphs.Where(p => p.Contains(bracket, StringComparison.Ordinal)))
        {
            foreach (Match match in Phrase().Matches(text))
            {
                var after = text.AsSpan(match.Index + match.Length).TrimStart(' ');
                if (after.StartsWith(bracket, StringComparison.Ordinal))
                {
                    yield return Trim(match.Value);
                }
            }
        }
    }

    /// <summary>
    /// True when a domain label can be spelled from the name's words in order, each word giving a prefix of
    /// itself ("pittsburghfoundation" from The Pittsburgh Foundation, "gwu" from George Washington University).
    /// </summary>
    public static bool MatchesDomainLabel(string name, string label)
    {
        var words = Words(name);
        label = TextCleaner.Key(label);
        if (label.Length < 2 || words.Length == 0)
        {
            return false;
        }

        // The spelling starts with the name's first word: "President and CEO of The X Foundation" is not X Foundation.
        var failed = new HashSet<(int, int)>();
        for (var take = Math.Min(words[0].Length, label.Length); take >= 1; take--)
        {
            // One word alone spells a label only whole: "uni" is not "Universität".
            if (take == label.Length && take < words[0].Length)
            {
                continue;
            }

            if (string.CompareOrdinal(words[0], 0, label, 0, take) == 0 && Spell(words, 1, label, take, failed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name and its tails that start at a capitalised word: "President of The X Foundation", "The X Foundation", "X Foundation".</summary>
    public static IEnumerable<string> Tails(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (char.IsUpper(parts[i][0]))
            {
                yield return string.Join(' ', parts[i..]);
            }
        }
    }

    private static string[] Words(string name) =>
        name.Split([' ', '-', '\u2011'], StringSplitOptions.RemoveEmptyEntries).Select(TextCleaner.Key)
            .Where(w => w.Length > 0).SkipWhile(w => w == "the").ToArray();

    /// <summary>The labels of a host that may name its owner: "columbian.gwu.edu" gives "gwu" and "columbian".</summary>
    public static IEnumerable<string> DomainLabels(string host)
    {
        // The owner's label first: "discovery.nasa.gov" is NASA's before it is its Discovery Program's.
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        return labels.Length < 2
            ? []
            : labels[..^1].Reverse().Where(l => l is not ("www" or "www2" or "news" or "press" or "presse" or "media" or "public" or "co" or "ac" or "edu" or "com" or "org"));
    }

    /// <summary>Whether label[position..] can be spelled from prefixes of words[word..] in order; failures are remembered.</summary>
    private static bool Spell(string[] words, int word, string label, int position, HashSet<(int, int)>? failed = null)
    {
        if (position == label.Length)
        {
            return true;
        }

        failed ??= [];
        if (!failed.Add((word, position)))
        {
            return false;
        }

        for (var w = word; w < words.Length; w++)
        {
            var candidate = words[w];
            for (var take = Math.Min(candidate.Length, label.Length - position); take >= 1; take--)
            {
                if (string.CompareOrdinal(candidate, 0, label, position, take) == 0 && Spell(words, w + 1, label, position + take, failed))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The organisation behind a press room's or press office's name: "Salle de presse de l'Inserm" is Inserm,
    /// "ESO Press Office" is ESO, "WHO Media Centre" is WHO, "Labor Department Office of Public Affairs" is the Labor Department. An
    /// e-mail address is no name.
    /// </summary>
    public static string? WithoutPressOffice(string? name)
    {
        var clean = TextCleaner.SingleLine(name, 200);
        if (clean.Length == 0 || clean.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        // A unit that sends and signs for its organisation, behind or before its name ("WHO Media Centre", "A*STAR Corporate
        // Communications", "Ufficio Stampa Università di X"), is the organisation.
        // A spokesperson's role before a dash or a bar ("Portavoz del Gobierno - Junta de X") speaks for the organisation after it.
        var parent = UnitPrefix().Replace(UnitSuffix().Replace(RoleBeforeSeparator().Replace(clean, string.Empty), string.Empty), string.Empty)
            .Trim(' ', ',', '-', '–', '|', ':');
        clean = parent.Length >= 2 && parent.Any(char.IsLetter) ? parent : clean;
        clean = PressRoomPrefix().Replace(clean, string.Empty);
        clean = PressOfficeSuffix().Replace(clean, string.Empty).Trim(' ', ',', '-', '–', '|', ':');
        return clean.Length >= 2 ? clean : null;
    }

    /// <summary>
    /// A site named for the issuer's own magazine or news service ("ETH Life", "Cornell Chronicle", "KU Leuven Nieuws"):
    /// the issuer is the organisation the text names that starts with the same words ("ETH Zürich"), else those words.
    /// Any other site name is returned as it is.
    /// </summary>
    public static string? WithoutPublication(string? site, IReadOnlyList<string> paragraphs)
    {
        var publication = site is null ? Match.Empty : PublicationName().Match(site);
        if (!publication.Success)
        {
            return site;
        }

        var owner = publication.Groups["owner"].Value.Trim();
        return paragraphs.SelectMany(CapitalisedPhrases).SelectMany(Tails)
            .Where(p => p.StartsWith(owner + " ", StringComparison.Ordinal) && !p.Contains(publication.Groups["word"].Value, StringComparison.Ordinal))
            .Select(p => string.Join(' ', p.Split(' ').Take(owner.Split(' ').Length + 1)))
            .GroupBy(p => p, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault() ?? owner;
    }

    /// <summary>
    /// "Forscher der Universität Würzburg", "Team des Instituts für X": a German noun joined to the organisation by
    /// der/des is not part of its name. A name whose first word names the organisation ("Universität der Künste") stays.
    /// </summary>
    private static string WithoutLeadingNoun(string name)
    {
        if (PeopleAt().Match(name) is { Success: true } people && LooksLikeOrganisation(people.Groups["org"].Value))
        {
            return people.Groups["org"].Value;
        }

        var joined = LeadingNoun().Match(name);
        return joined.Success && !OrganisationWord().IsMatch(joined.Groups["head"].Value) && LooksLikeOrganisation(joined.Groups["org"].Value)
            ? joined.Groups["org"].Value
            : name;
    }

    /// <summary>True when the text names the organisation as a whole word or phrase (case and accents aside).</summary>
    public static bool IsNamedIn(string name, IEnumerable<string> paragraphs)
    {
        var key = " " + string.Join(' ', Words(name)) + " ";
        return key.Length > 3 && paragraphs.Any(p => (" " + string.Join(' ', Words(p)) + " ").Contains(key, StringComparison.Ordinal));
    }

    /// <summary>
    /// Names in Romance languages go on in lower case after the word for the organisation: "Consiglio
    /// nazionale delle ricerche", "Istituto di ricerca per la protezione idrogeologica (CNR-IRPI)". Such a
    /// tail belongs to the name when it ends where the phrase does (a comma, a bracket, the sentence's end).
    /// </summary>
    private static string WithLowercaseTail(string text, Match match)
    {
        var lastWord = Elision().Replace(match.Value.TrimEnd().Split(' ')[^1], string.Empty);
        if (!RomanceHead().IsMatch(lastWord))
        {
            return match.Value;
        }

        // "La Società informa che ...": a tail with a conjunction or relative pronoun is a sentence, not the name's.
        var tail = LowercaseTail().Match(text, match.Index + match.Length);
        return tail.Success && !SentenceWord().IsMatch(tail.Value) ? match.Value + tail.Value : match.Value;
    }

    /// <summary>"L'Agenzia spaziale italiana" is the Agenzia spaziale italiana: the elided article is not the name.</summary>
    private static string Trim(string name) => Elision().Replace(name.Trim().TrimEnd('.', ',', ';', ':').Trim(), string.Empty);

    [GeneratedRegex(
        @"\b(universit\w*|universida[dp]\w*|univ\.|institut\w*|instituut|foundation|fondation|fundaci\w*|fondazione|stiftung|stichting|stiftelse|\w*gemeinschaft|\w*gemeenschap|observator\w*|society|gesellschaft|laborator\w*|council|consiglio|consejo|conseil|agency|agentur|academy|akademie|college|coll[eè]ge|hospital|hôpital|klinikum|clinic\w*|academia\b|ville\s+de\b|city\s+of\b|politechni\w*|polytechn\w*|uniwersytet\w*|s\.p\.a\b|s\.r\.l\b|s\.a\b|centre|center|zentrum|centro|museum|department|ministry|ministerium|organi[sz]ation|organisatie|association|verband|corporation|company|inc\b|ltd\b|gmbh|\bag\b|\bsa\b|plc\b|b\.v\b|n\.v\b|hochschule|högskola\w*|secretariat|sekretariat\w*|school|schule|office(?!r)|service|network|alliance|trust|fund|initiative|programme|program|administration|commission|kommission|authority|agenzia|agencia|agence|istitut\w*|corp\b|llc\b|comunidad|comunidade|communaut[ée]|generalitat|ayuntamiento|diputaci[óo]n|gemeinde|comune|regione|provincia|gemeente|provincie|kommun|county|consorzio|consorcio|minist[eè]r\w*|societ[àaé]\w*|sociedad|laboratoire|observatoire|osservatorio|museo|musée|scuola|escuela|école|funda[çc][ãa]o)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationWord();

    // A capitalised word (letters, digits, & . ' - inside), then more capitalised words or joining words; a suspended compound
    // goes on past its conjunction ("Strahlen- und Medizintechnik", "Installatie- en Onderhoudsbedrijf").
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:[Tt]he\s+)?\p{Lu}(?:[\p{L}\p{N}&'’\-]|\.(?=\p{L}))*(?:\s+(?:(?:of|for|&|de|del|della|delle|dello|degli|dei|di|da|do|das|dos|du|des|der|für|van|voor|la|las|los|le|l'|the)\s+)*\p{Lu}(?:[\p{L}\p{N}&'’\-]|\.(?=\p{L}))*|\s+(?:für|der|des|zur|zum)\s+(?:\p{Ll}+(?:e|en|er|es)\s+){1,2}\p{Lu}(?:[\p{L}\p{N}&'’\-]|\.(?=\p{L}))*|\s+(?:universitet\w*|högskola\w*|institut(?:et|tet)?(?![\p{L}])|universiteit|sykehus\w*|sjukhus\w*|sygehus\w*)|(?<=\p{L}-)\s+(?:und|oder|and|or|og|och|eller|en|of|et|ou|e|y|i)\s+\p{Lu}(?:[\p{L}\p{N}&'’\-]|\.(?=\p{L}))*)*",
        RegexOptions.CultureInvariant)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"(?<![\p{L}\-])(?:provincie|provinsje|gemeente|province|provinz|provincia|région|regione|región|kommune|kommun|commune|comune|landkreis|county)\s+\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+)?",
        RegexOptions.CultureInvariant)]
    private static partial Regex LowercaseGovernment();

    [GeneratedRegex(@"^\p{Lu}\p{Ll}+(?:[\-']\p{Lu}?\p{Ll}+)?(?:\s+\p{Lu}\.)?(?:\s+(?:van|von|de|der|den|da|di|du|le|la)){0,2}(?:\s+\p{Lu}\p{Ll}+(?:[\-']\p{Lu}?\p{Ll}+)?){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonsName();

    [GeneratedRegex(@"^(?<head>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)\s+(?:der|des)\s+(?<org>\p{Lu}.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNoun();

    // People at an organisation at a sentence's start: "Researchers of the University of X", "Onderzoekers van de Universiteit
    // Utrecht", "Chercheurs de l'Inserm", "Investigadores de la Universidad de X", "Ricercatori dell'Università di X".
    [GeneratedRegex(@"^(?:Researchers|Scientists|Scholars|Engineers|Experts|Students|Doctors|Physicians|Astronomers|Onderzoekers|Wetenschappers|Chercheurs|Chercheuses|Scientifiques|Investigadores|Investigadoras|Científicos|Ricercatori|Ricercatrici|Scienziati|Forskare|Forskere|Pesquisadores|Forschende|Wissenschaftler(?:innen)?)\s+(?:of\s+the|of|at\s+the|at|from\s+the|from|van\s+de|van\s+het|van|de\s+la|de\s+l['’]|du|des|de|del|della|dell['’]|di|vid|ved|da|do)\s*(?<org>\p{Lu}.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PeopleAt();

    [GeneratedRegex(@"^(?<owner>\p{Lu}[\p{L}\p{N}&\-]*(?:\s+\p{Lu}[\p{L}\p{N}&\-]*){0,2})\s+(?<word>Life|Magazine|Magazin|Today|Journal|Online|Aktuell|Chronicle|Insider|Campus|Report|Bulletin|Gazette|Review|Stories|Nieuws|Nyheter|Nyt|Notizie|Noticias|Actualités)$", RegexOptions.CultureInvariant)]
    private static partial Regex PublicationName();

    [GeneratedRegex(@"^[Ll]['’](?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex Elision();

    // The words for an organisation after which Italian, Spanish, Portuguese and French names go on in lower case.
    [GeneratedRegex(@"^(?:consiglio|consejo|conseil|istituto|instituto|università|universidad|universidade|université|centro|agenzia|agence|agencia|fondazione|fundaci[óo]n|funda[çc][ãa]o|fondation|minist[èe]re|ministerio|ministero|laboratoire|laboratorio|observatoire|osservatorio|observatorio|museo|musée|école|escuela|scuola|società|sociedad|société|consorzio|consorcio)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RomanceHead();

    // Up to six lower-case words and joining words that end before a comma, a bracket, a full stop or the end.
    [GeneratedRegex(@"\G(?:\s+(?:(?:de|del|della|delle|dello|dei|degli|di|du|des|de la|de l'|la|le|et|e|y|per|pour|para|sur|do|da|dos|das)\s+)*\p{Ll}[\p{Ll}\-]{2,}){1,6}(?=\s*(?:[,;:()]|\.(?:\s|$)|$))",
        RegexOptions.CultureInvariant)]
    private static partial Regex LowercaseTail();

    [GeneratedRegex(@"^(?:salle de presse|espace presse|espace médias|newsroom|news room|press ?room|media ?centre|media ?center|pressestelle|presseportal|pressrum|perskamer|sala de prensa|sala stampa)\s*(?:(?:de la|de l'|de|du|des|der|des|of the|of|van|för)\s*)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PressRoomPrefix();

    [GeneratedRegex(@"\s*[-|:,]?\s*(?:(?:office of )?(?:public affairs|media relations|communications?)(?: office| department)?|press (?:office|service|team|desk)|news ?room|press|news|daily alerts|alerts|(?<=[\p{L}\p{N}.]\s+)(?<!\b(?:de|la|le|du|des|der|die|das|of|the|del|della|di)\s+)(?:(?:abteilung|referat|departamento|dipartimento|servicio|servizio|ufficio|oficina|dział|odbor)\s+)?(?:presse|prensa|imprensa|stampa|pressa|prasa))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PressOfficeSuffix();

    [GeneratedRegex(@"[\s,\-–|]+(?i:media\s*cent(?:re|er)|press\s*cent(?:re|er)|news\s*room|corporate\s+(?:communications?|affairs|relations)|(?:corporate\s+)?communications?\s+(?:office|department|team|unit|division)|press\s+(?:office|service|team|desk)|media\s+(?:office|relations|team|desk)|pressestelle|presseabteilung|pressebüro|ufficio\s+stampa|servizio\s+stampa|service\s+(?:de\s+)?presse|gabinete\s+de\s+prensa|oficina\s+de\s+prensa|assessoria\s+de\s+(?:imprensa|comunica[çc][ãa]o)|persdienst|persbureau|presstjänst|pressetjeneste|presseafdeling|viestintä|tiedotus|relazioni\s+con\s+i\s+media|(?:press|news|media)\s+releases|pressemitteilungen|pressmeddelanden|persberichten|communiqu[ée]s\s+de\s+presse|comunicati\s+stampa|notas\s+de\s+prensa|comunicados\s+de\s+prensa)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex UnitSuffix();

    [GeneratedRegex(@"^(?i:(?:press|media|communications?)\s+office|medi[aá]lny\s+servis|tla[čc]ov[ýy]\s+(?:servis|odbor)|tiskov[ée]\s+(?:odd[ěe]len[íi]|odbor)|biuro\s+prasowe|ufficio\s+stampa|servizio\s+stampa|service\s+de\s+presse|pressestelle|gabinete\s+de\s+prensa|oficina\s+de\s+prensa|assessoria\s+de\s+(?:imprensa|comunica[çc][ãa]o))\s+(?i:(?:of\s+(?:the\s+)?|de\s+(?:la\s+|l['’])?|du\s+|des\s+|der\s+|dell['’]\s*|della\s+|del\s+|di\s+|do\s+|da\s+|dos\s+))?(?=\p{Lu})",
        RegexOptions.CultureInvariant)]
    private static partial Regex UnitPrefix();

    [GeneratedRegex(@"^(?i:portavo(?:z|ce)|porte-parole|spokes(?:person|man|woman)|sprecher(?:in)?|rzecznik|mluvčí|hovorca|woordvoerder|talesperson)(?:\s+[\p{L}'’]+){0,4}\s+[-–|]\s+(?=\p{Lu})",
        RegexOptions.CultureInvariant, 250)]
    private static partial Regex RoleBeforeSeparator();

    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}\p{N}&\-]*(?:\s+\p{Lu}[\p{L}\p{N}&\-]*){0,5})['’]s?(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"['’]s$", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveEnd();

    [GeneratedRegex(@"\s*\((?<acronym>\p{Lu}[\p{L}]{1,9})\)", RegexOptions.CultureInvariant)]
    private static partial Regex Acronym();
}
