using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A candidate for the issuer brought to the organisation itself, whatever found it: a body of the organisation ("The Board
/// of Directors of X S.p.A.", "der Vorstand der X AG"), a preposition ("Im Museum für X"), an office or department in front
/// or behind ("PR-Büro der Universität X", "X Co., Ltd. General Affairs", "X Gesellschaft Abteilung Presse"), a unit named
/// for the parent the text names alone ("X Museum Research Institute") and a fragment of a longer name ("Drug Administration"
/// for "Food and Drug Administration").
/// </summary>
internal static partial class OrganisationNames
{
    private static readonly TimeSpan ShapeTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The organisation the candidate names; null for no candidate. The title may give a name's base form.</summary>
    public static string? AsOrganisation(string? candidate, IReadOnlyList<string> paragraphs, string? title = null)
    {
        var name = TextCleaner.SingleLine(candidate, 200);
        if (name.Length == 0)
        {
            return null;
        }

        try
        {
            // "Minister Lieten" is no organisation; "Council Chief Executive Officer Leigh Auton" names at most the council.
            var withoutPerson = WithoutPerson(name);
            if (withoutPerson.Length < 2)
            {
                return null;
            }

            // "Montevideo" where the text writes "la Intendencia de Montevideo": a place stands for the body that governs it.
            if (GovernmentBodyFor(withoutPerson, paragraphs) is { } body)
            {
                return body;
            }

            var shaped = WithoutOffice(WithoutPreposition(WithoutBody(WithoutPossessed(WithoutUnitOf(WithoutSecondBody(withoutPerson)), paragraphs))));
            if (shaped.Length < 2)
            {
                return BaseForm(withoutPerson, paragraphs, title);
            }

            // "Universität" left of "PR-Büro der Universität": a lone kind word grows to the name the text gives it; a kind word
            // left of a person's title that grows to none is no name.
            if (!LooksLikeOrganisation(shaped) && BareKind().IsMatch(shaped))
            {
                var grown = GrownArticle().Replace(LongestForm(shaped, paragraphs), string.Empty);
                if (!LooksLikeOrganisation(grown) && withoutPerson != name)
                {
                    return null;
                }

                shaped = LooksLikeOrganisation(grown) ? grown : name;
            }

            var grownName = WithShortFormBefore(WithContinuation(shaped, paragraphs), paragraphs);
            return BaseForm(WithParent(WithConjoinedHead(grownName, paragraphs), paragraphs), paragraphs, title);
        }
        catch (RegexMatchTimeoutException)
        {
            return name;
        }
    }

    /// <summary>"The Board of Directors of X S.p.A.", "Executive Board of the X", "Der Vorstand der X AG": the body stands for X.</summary>
    private static string WithoutBody(string name)
    {
        var body = BodyOf().Match(name);
        // The body's owner is an organisation whatever its word for its kind ("the Executive Board of the Example Central Bank").
        return body.Success && (LooksLikeOrganisation(body.Groups["org"].Value) || OwnerName().IsMatch(body.Groups["org"].Value))
            ? body.Groups["org"].Value
            : name;
    }

    /// <summary>
    /// "Ford Motor Company's Kansas City Assembly Plant", "AUC’s Department of Journalism": a plant, department or programme the
    /// organisation owns stands for the owner, when the owner reads as an organisation or is an acronym ("Canada's National
    /// Research Council" is not Canada's).
    /// </summary>
    private static string WithoutPossessed(string name, IReadOnlyList<string> paragraphs)
    {
        if (OwnLaboratory(name, paragraphs) is { } laboratory)
        {
            return laboratory;
        }

        var owned = Possessed().Match(name);
        var owner = owned.Groups["owner"].Value;
        return owned.Success && (LooksLikeOrganisation(owner) || (owner.Length is >= 2 and <= 6 && owner.All(char.IsUpper) && !CommonShortForms.Contains(owner)))
            ? owner
            : name;
    }

    /// <summary>
    /// "the Department of Energy's Oak Ridge National Laboratory": a laboratory, centre or institute the owner runs under a
    /// name of its own is the organisation where the text names it alone (or by its initials, "ORNL") as often as the owner.
    /// </summary>
    private static string? OwnLaboratory(string name, IReadOnlyList<string> paragraphs)
    {
        var owned = OwnerAndOwned().Match(name);
        if (!owned.Success || !LooksLikeOrganisation(owned.Groups["owner"].Value) || !OwnNameEnd().IsMatch(owned.Groups["owned"].Value))
        {
            return null;
        }

        var owner = owned.Groups["owner"].Value;
        var own = owned.Groups["owned"].Value;
        var initials = string.Concat(own.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));
        var ownAlone = new Regex(@"(?<![’']s\s)(?<![\p{L}\p{N}])(?:" + Regex.Escape(own) + (initials.Length >= 3 ? "|" + Regex.Escape(initials) : string.Empty) + @")(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant, ShapeTimeout);
        var ownerAlone = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(owner) + @"(?![\p{L}\p{N}]|[’']s\s)", RegexOptions.CultureInvariant, ShapeTimeout);
        var ownCount = paragraphs.Sum(p => ownAlone.Count(p));
        return ownCount >= 1 && ownCount >= paragraphs.Sum(p => ownerAlone.Count(p)) ? own : null;
    }

    /// <summary>
    /// "North Polytechnic Institute and Harbour High School (today announced)": two bodies joined by "and" are no one name, and
    /// the one named first is the issuer. A first name with a topic ("Department of Health and Human Services") goes on with it.
    /// </summary>
    private static string WithoutSecondBody(string name)
    {
        var pair = Conjoined().Match(name);
        var first = pair.Groups["first"].Value;
        var second = pair.Groups["second"].Value;
        return pair.Success && TextCleaner.CountWords(first) >= 2 && TextCleaner.CountWords(second) >= 2 && !TopicJoiner().IsMatch(first)
            && LooksLikeOrganisation(first) && LooksLikeOrganisation(second)
            ? first
            : name;
    }

    /// <summary>"Environmental Sciences Division of the X", "the Materials Group of the X": a unit named before its organisation stands for it.</summary>
    private static string WithoutUnitOf(string name)
    {
        var unit = UnitOf().Match(name);
        return unit.Success ? unit.Groups["org"].Value : name;
    }

    private static readonly HashSet<string> CommonShortForms = new(StringComparer.Ordinal) { "US", "USA", "UK", "EU", "UN", "UAE", "EC" };

    /// <summary>"Im Museum für X", "At the X Foundation", "Dans l'Institut X": a preposition that opened the sentence is no part of the name.</summary>
    private static string WithoutPreposition(string name)
    {
        var at = LeadingPreposition().Match(name);
        return at.Success && LooksLikeOrganisation(at.Groups["org"].Value) ? at.Groups["org"].Value : name;
    }

    /// <summary>An office or department in front ("PR-Büro der X", "Press Office of the X") or behind ("X General Affairs", "X Abteilung Presse").</summary>
    private static string WithoutOffice(string name)
    {
        var front = OfficeOf().Match(name);
        if (front.Success)
        {
            name = front.Groups["org"].Value;
        }

        var behind = OfficeBehind().Match(name);
        return behind.Success && (LooksLikeOrganisation(behind.Groups["org"].Value) || CompanyEnd().IsMatch(behind.Groups["org"].Value))
            ? behind.Groups["org"].Value.TrimEnd(' ', ',', '-', '–')
            : name;
    }

    /// <summary>
    /// "Drug Administration" in "the U.S. Food and Drug Administration": a name that the text only ever gives after a capitalised
    /// word and "and" ("und", "et", "y", "e", "en", "och", "&amp;") is a fragment of that longer name.
    /// </summary>
    private static string WithConjoinedHead(string name, IReadOnlyList<string> paragraphs)
    {
        var pattern = new Regex(@"(?<head>(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}\-]*\s+(?:and|&|und|et|y|e|en|och|og|i)\s+)?" + Regex.Escape(name) + @"(?![\p{L}\p{N}])",
            RegexOptions.CultureInvariant, ShapeTimeout);
        var mentions = paragraphs.SelectMany(p => pattern.Matches(p)).ToList();
        var heads = mentions.Select(m => m.Groups["head"].Value).Distinct(StringComparer.Ordinal).ToList();
        return mentions.Count > 0 && heads is [{ Length: > 0 } head] ? head + name : name;
    }

    /// <summary>
    /// "X Museum Research Institute" where the text names "X Museum" alone as often or more: a unit of the organisation the
    /// text names stands for it.
    /// </summary>
    private static string WithParent(string name, IReadOnlyList<string> paragraphs)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var cut = words.Length - 1; cut >= 2; cut--)
        {
            var parent = string.Join(' ', words[..cut]);
            var unit = string.Join(' ', words[cut..]);
            if (!LooksLikeOrganisation(parent) || !UnitTail().IsMatch(unit) || CompanyEnd().IsMatch(parent))
            {
                continue;
            }

            var alone = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(parent) + @"(?![\p{L}\p{N}]|\s+\p{Lu}|\s+(?:of|for|für|de|di)\s)", RegexOptions.CultureInvariant, ShapeTimeout);
            var whole = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(name) + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, ShapeTimeout);
            var parentCount = paragraphs.Sum(p => alone.Count(p));
            if (parentCount >= 1 && parentCount >= paragraphs.Sum(p => whole.Count(p)))
            {
                return parent;
            }
        }

        return name;
    }

    // A governing or executive body of an organisation, in the languages releases come in, before "of (the)" and the organisation.
    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}\-]+\s+(?=(?:the|der|die|le|la|il|el|het|de|l['’])\s*\p{Lu}))?(?:the\s+|der\s+|die\s+|le\s+|la\s+|il\s+|el\s+|het\s+|de\s+|l['’])?(?:(?:(?:annual|extraordinary)\s+)?general\s+meeting(?:\s+of\s+(?:shareholders|members|stockholders))?|(?:jaarlijkse\s+|buitengewone\s+)?algemene\s+vergadering(?:\s+van\s+aandeelhouders)?|(?:ordentliche\s+|au(?:ß|ss)erordentliche\s+)?(?:hauptversammlung|generalversammlung)|assembl[ée]e\s+g[ée]n[ée]rale(?:\s+(?:ordinaire|extraordinaire|mixte))?(?:\s+des\s+actionnaires)?|assemblea\s+(?:ordinaria\s+|straordinaria\s+)?(?:degli\s+azionisti|dei\s+soci)|junta\s+general\s+(?:ordinaria\s+|extraordinaria\s+)?de\s+accionistas|assembleia\s+geral(?:\s+de\s+acionistas)?|(?:supervisory|executive|management|governing|administrative)\s+board|board\s+of\s+(?:directors|governors|trustees|management)|board|governing\s+council|executive\s+committee|vorstand|aufsichtsrat|verwaltungsrat|präsidium|rektorat|gesch[äa]ftsleitung|gesch[äa]ftsf[üu]hrung|conseil\s+d['’]administration|directoire|consiglio\s+di\s+amministrazione|consejo\s+de\s+administraci[óo]n|conselho\s+de\s+administra[çc][ãa]o|raad\s+van\s+bestuur|raad\s+van\s+commissarissen|styrelsen|bestyrelsen|hallitus)\s+(?:of\s+the|of|der|des|de\s+la|de\s+l['’]|du|de|del|della|dell['’]|di|do|da|van\s+de|van\s+het|van|för|for)\s*(?<org>\p{Lu}.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex BodyOf();

    [GeneratedRegex(@"^(?:im|am|beim|vom|zum|im\s+hause\s+des|in\s+der|an\s+der|bei\s+der|in\s+the|at\s+the|from\s+the|in|at|dans\s+l['’]|à\s+l['’]|au|nel|nella|all['’]|en\s+el|en\s+la|no|na|in\s+het|bij\s+het|bij\s+de|op\s+de)\s+(?<org>\p{Lu}.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex LeadingPreposition();

    // A press or communications office before the organisation it belongs to.
    [GeneratedRegex(@"^(?:(?:pr|presse|kommunikations|medien)-?b[üu]ro|pressestelle|pressebüro|stabsstelle\s+(?:presse|kommunikation)\w*|press\s+office|media\s+office|news\s+office|communications\s+office|office\s+of\s+(?:communications?|public\s+affairs|media\s+relations)|service\s+de\s+presse|bureau\s+de\s+presse|ufficio\s+stampa|oficina\s+de\s+prensa|gabinete\s+de\s+prensa|persbureau|persdienst|pressavdelning\w*)\s+(?:(?:of\s+the|of|der|des|de\s+la|de\s+l['’]|du|de|del|della|dell['’]|di|van\s+de|van\s+het|van|för)\s*)?(?<org>\p{Lu}.+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex OfficeOf();

    // An office or department after the organisation: "General Affairs (Department)", "Abteilung Presse (und Kommunikation)".
    [GeneratedRegex(@"^(?<org>.+?)[\s,\-–]+(?:(?:abteilung|referat|stabsstelle|bereich)\s+\p{Lu}[\p{L}\s&]*|(?:general\s+affairs|public\s+relations|corporate\s+communications?|investor\s+relations|media\s+relations|human\s+resources|corporate\s+planning)(?:\s+(?:department|division|office|section|group|dept\.?))?|(?:presse|kommunikation|unternehmenskommunikation|hochschulkommunikation)(?:\s+und\s+kommunikation)?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex OfficeBehind();

    [GeneratedRegex(@"(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|GmbH|AG|SA|S\.A|S\.p\.A|N\.V|B\.V|AB|ASA|SE|Oyj|KG|SAS|Srl|S\.r\.l|K\.K)\.?$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CompanyEnd();

    // The unit of an organisation a name may end with.
    [GeneratedRegex(@"^(?:(?:research|science|scientific|medical|graduate|business|law|media|learning)\s+)?(?:\p{L}{0,12}(?:institute?|zentrum)|centre|center|division|department|school|faculty|fakultät|laboratory|lab|labor|library|bibliothek|unit|abteilung)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex UnitTail();

    // An article the name grew by at a sentence's start ("Die Universität X"): no part of the name.
    [GeneratedRegex(@"^(?:the|die|der|das|den|la|le|les|el|il|lo|het|de)\s+(?=\p{Lu})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex GrownArticle();

    // An owner's name and what it owns: "X's Kansas City Assembly Plant", "X’s Department of Y".
    [GeneratedRegex(@"^(?<owner>\p{Lu}[\p{L}\p{N}&.\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?\p{Lu}[\p{L}\p{N}&.\-]*){0,5})['’]s\s+\p{Lu}\S*(?:\s+\S+){0,8}$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Possessed();

    // An owner that reads as an organisation and what it runs under a name of its own: "the Department of Energy's Oak Ridge National Laboratory".
    [GeneratedRegex(@"^(?:the\s+)?(?<owner>\p{Lu}.{1,80}?)['’]s\s+(?<owned>\p{Lu}[\p{L}\-]*(?:\s+(?:of\s+|for\s+)?\p{Lu}[\p{L}\-]*){1,5})$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex OwnerAndOwned();

    // A body with a name of its own ends with its kind: a laboratory, a centre, an institute, an observatory.
    [GeneratedRegex(@"(?:Laborator(?:y|ies)|Lab|Cent(?:re|er)|Institute|Observatory|Hospital|Museum)$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex OwnNameEnd();

    // Two names joined by "and" in the languages releases come in.
    [GeneratedRegex(@"^(?<first>\p{Lu}.*?)\s+(?:and|und|et|y|e|en|och|og|&)\s+(?<second>\p{Lu}.*)$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Conjoined();

    // A unit of capitalised words before "of (the)" and its organisation: "Environmental Sciences Division of the X".
    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}\-]*\s+){1,4}(?:Division|Section|Branch|Group|Directorate|Unit)\s+of\s+(?:the\s+)?(?<org>\p{Lu}.+)$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex UnitOf();

    // Two to six capitalised words: a name.
    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{N}&'’.\-]*(?:\s+\p{Lu}[\p{L}\p{N}&'’.\-]*){1,5}$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex OwnerName();
}
