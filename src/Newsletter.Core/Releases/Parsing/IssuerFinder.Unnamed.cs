using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Where a reader looks when no signal of the page named its issuer: the short form the title uses and the text spells out
/// (ΠΟΛ for "Πανελλήνια Ομοσπονδία Λογιστών"), the name the text defines as "the Company", the company a headline's tag
/// names ("X AB: ..."), and a name built on a word for an organisation in the many languages the other finders do not read
/// ("Muzeum Krakowa", "Suomen Akatemia"). Each asks for two signals that agree, so a person, a place or a common noun is
/// never taken: returning none stays better than a wrong name.
/// </summary>
internal static partial class IssuerFinder
{
    /// <summary>The issuer a release names in none of the usual places, or null when the text gives no such sign either.</summary>
    public static string? Unnamed(IReadOnlyList<string> paragraphs, string? title, ReleaseDraft? page = null)
    {
        try
        {
            var text = paragraphs.Take(40).Select(p => p.Length > 3000 ? p[..3000] : p).ToList();
            return (page is null ? null : PagesOwnName(text, page))
                ?? SpelledOutTitleAcronym(text, title)
                ?? DefinedAsTheCompany(text)
                ?? HeadlineTag(text, title)
                ?? TitleAcronymPhrase(text, title)
                ?? TitleAcronymByItsKind(text, title)
                ?? NamedWithWordOfItsKind(text, title);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The name the page gives itself outside the text: a section's heading above the headline that says whose releases these
    /// are ("Medienmitteilungen der Stadt X", "News from the Example Trust"), else a logo's description ("logo Helse Vest",
    /// "Example Trust logo") or a copyright holder ("© 2024 Exemplar") that the text names too, so a republisher's is not taken.
    /// </summary>
    private static string? PagesOwnName(IReadOnlyList<string> paragraphs, ReleaseDraft page)
    {
        if (WhoseRelease(page.ChromeLines.Take(20).ToList(), null) is { } whose)
        {
            return whose;
        }

        // A holder written like a person's name ("© Kari Nordmann") may be a photographer's: it needs a legal form or a kind word.
        var logos = page.ImageDescriptions.Take(50).Select(d => LogoDescription().Match(TextCleaner.SingleLine(d, 200)))
            .Where(m => m.Success).Select(m => m.Groups["org"].Value.Trim());
        var holders = page.CopyrightLines.Concat(paragraphs.TakeLast(5)).Take(20)
            .Select(l => CopyrightLine().Match(l.Length > 300 ? l[..300] : l)).Where(m => m.Success).Select(m => m.Groups["holder"].Value.Trim())
            .Where(h => !OrganisationNames.IsPersonsName(h) || HoldsAWordOfItsKind(h));
        return logos.Concat(holders).Select(n => Clean(n))
            .FirstOrDefault(n => n is not null && OrganisationNames.IsNamedIn(n, paragraphs) && !Distributors.IsDistributor(n, [], knownServices: true));
    }

    /// <summary>
    /// A short form in the title ("Επίσκεψη Γραμματέα ΑΔΜΘ σε ...", "Visit of the KVF board") whose letters are the initials of
    /// a run of capitalised words in the text ("της Αποκεντρωμένης Διοίκησης Μακεδονίας – Θράκης", "Kelvar Valley Fund"), in any
    /// script: the title calls the body by its short name, in whatever case the text inflects the long one.
    /// </summary>
    private static string? SpelledOutTitleAcronym(IReadOnlyList<string> paragraphs, string? title)
    {
        if (!HasLowerCase(title))
        {
            return null;
        }

        var words = paragraphs.Select(p => p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        return TitleShortForms(title).FirstOrDefault(a => words.Any(w => SpellsOut(w, a)));
    }

    /// <summary>
    /// True when the title has letters in lower case: in a title set in capitals throughout, a short form stands out from
    /// nothing, so the finders that read the title's short forms pass it by.
    /// </summary>
    private static bool HasLowerCase([NotNullWhen(true)] string? title) => title is not null && title.Any(char.IsLower);

    /// <summary>The title's short forms in capitals ("ΑΔΜΘ", "KVF", "MTA"), but for those that name no one ("CEO", "COVID").</summary>
    private static IEnumerable<string> TitleShortForms(string title) =>
        TitleShortForm().Matches(title).Select(m => m.Value).Where(a => !CommonAcronyms.Contains(a));

    /// <summary>True when a run of the words, from a capitalised one on, has the acronym's letters as its capitals' initials.</summary>
    private static bool SpellsOut(string[] words, string acronym)
    {
        for (var start = 0; start < words.Length; start++)
        {
            var at = 0;
            var joiners = 0;
            for (var i = start; i < words.Length && at < acronym.Length; i++)
            {
                var word = words[i].Trim('(', ')', '„', '“', '"', '«', '»', ',', ';', ':');
                if (word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && char.ToUpperInvariant(word[0]) == acronym[at])
                {
                    at++;
                    joiners = 0;
                }
                else if (i > start && joiners < 2 && (word is "-" or "–" or "—" or "&" || (word.Length <= 4 && word.All(char.IsLower))))
                {
                    joiners++;
                }
                else
                {
                    break;
                }
            }

            if (at == acronym.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name the text defines as the company or the issuer, the way a company's own notices do: 'Cision AB (publ)
    /// ("Bolaget")', 'Acme Holdings plc (the "Company")', 'Beispiel Immobilien AG (die „Gesellschaft“)'.
    /// </summary>
    private static string? DefinedAsTheCompany(IReadOnlyList<string> paragraphs) =>
        paragraphs.SelectMany(p => CompanyDefinition().Matches(p))
            .Where(m => OrganisationNames.IsKindWord(m.Groups["kind"].Value) || IssuerWord().IsMatch(m.Groups["kind"].Value))
            .Select(m => Clean(m.Groups["org"].Value))
            .FirstOrDefault(name => name is not null && (LegalForm().IsMatch(name) || !OrganisationNames.IsPersonsName(name)));

    /// <summary>
    /// A headline's tag naming a company ("CellaVision AB: Årsstämman ...", "Beispiel Oyj: Pörssitiedote ...") that the text
    /// goes on to name again, in its short form or its inflections ("CellaVisions styrelse"): the wires' "Company: title".
    /// </summary>
    private static string? HeadlineTag(IReadOnlyList<string> paragraphs, string? title)
    {
        var tag = HeadlineTagLine().Match(title ?? string.Empty);
        if (!tag.Success)
        {
            return null;
        }

        var name = tag.Groups["org"].Value.Trim();
        var core = LegalForm().Replace(name, string.Empty).Trim();
        if (core.Length < 2 || !(LegalForm().IsMatch(name) || OrganisationNames.LooksLikeOrganisation(name)) || (!LegalForm().IsMatch(name) && OrganisationNames.IsPersonsName(core)))
        {
            return null;
        }

        var mention = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(core) + @"(?:s|'s|’s|:s)?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        return paragraphs.Sum(p => mention.Count(p)) >= 2 ? name : null;
    }

    /// <summary>
    /// A name that opens with the short form the title uses and goes on the same way in the title and the text ("КПІ ім. Ігоря
    /// Сікорського", "NTNU Vitenskapsmuseet"): written out alike twice, it is the name itself, not a figure or a scheme.
    /// </summary>
    private static string? TitleAcronymPhrase(IReadOnlyList<string> paragraphs, string? title)
    {
        if (!HasLowerCase(title))
        {
            return null;
        }

        return NamePhrase().Matches(title).Select(m => m.Value.Trim())
            .Where(p => p.Contains(' ', StringComparison.Ordinal) && LeadingShortForm().Match(p) is { Success: true } a && !CommonAcronyms.Contains(a.Groups["acronym"].Value))
            .FirstOrDefault(p => paragraphs.Any(text => OrganisationNames.IsNamedIn(p, [text])));
    }

    /// <summary>
    /// A short form in the title ("Freund Tamás elnöki köszöntőjével kezdődött az MTA 194. közgyűlése", "Il CNR presenta ...")
    /// that the text goes on to call by the word for its kind, capitalised as a defined term, twice or more ("az Akadémia",
    /// "az Akadémiának"; "il Consiglio", "del Consiglio"): the word its head letter (first or last) stands for.
    /// </summary>
    private static string? TitleAcronymByItsKind(IReadOnlyList<string> paragraphs, string? title)
    {
        if (!HasLowerCase(title))
        {
            return null;
        }

        var kinds = paragraphs.SelectMany(p => LoneCapitalisedWord().Matches(p)).Select(m => m.Groups["word"].Value)
            .Where(w => KindWordOfMoreLanguages().IsMatch(w) || OrganisationNames.IsKindWord(w))
            .ToList();
        return TitleShortForms(title)
            .FirstOrDefault(a => kinds.Count(k => char.ToUpperInvariant(k[0]) == a[^1] || char.ToUpperInvariant(k[0]) == a[0]) >= 2);
    }

    /// <summary>
    /// The name the title and the text name most, twice or more, that holds a word for an organisation in a language the other
    /// finders do not read ("Muzeum Krakowa", "Suomen Akatemian", "Landspítala", "Πανεπιστήμιο Κρήτης", "Київський університет")
    /// or ends with a company's legal form ("Helse Vest RHF", also written "Helse Vest"), given in the title's form, else the
    /// text's with the fewest endings ("Suomen Akatemia" where it also writes "Suomen Akatemian"). A lone word for the kind
    /// ("Akadémia", "Spítalanum") names no one, and a one-word compound ("Landspítala") counts only where the title names it.
    /// </summary>
    private static string? NamedWithWordOfItsKind(IReadOnlyList<string> paragraphs, string? title)
    {
        var titled = title is null ? [] : NamePhrase().Matches(title).Select(m => WithoutArticle(m.Value.Trim())).ToList();
        var clusters = new List<(List<(string Form, bool Opens)> Forms, bool Titled)>();
        var phrases = paragraphs.SelectMany(p => NamePhrase().Matches(p).Select(m => (Form: WithoutArticle(m.Value.Trim()), Opens: OpensASentence(p, m.Index))));
        foreach (var phrase in phrases.Take(400))
        {
            var at = clusters.FindIndex(c => SameName(c.Forms[0].Form, phrase.Form));
            if (at < 0)
            {
                clusters.Add(([phrase], titled.Any(t => SameName(t, phrase.Form))));
            }
            else
            {
                clusters[at].Forms.Add(phrase);
            }
        }

        var best = clusters
            .Where(c => c.Forms.Any(f => HoldsAWordOfItsKind(f.Form)) && c.Forms.Count + (c.Titled ? 1 : 0) >= 2
                && (c.Titled || c.Forms[0].Form.Contains(' ', StringComparison.Ordinal))
                && (c.Titled || c.Forms.Any(f => !f.Opens) || !c.Forms.Any(f => GoesOnInLowerCase(f.Form))))
            .OrderByDescending(c => c.Forms.Count + (c.Titled ? 1 : 0))
            .FirstOrDefault();
        if (best.Forms is null)
        {
            return null;
        }

        // The base form is the one the others only add endings to ("Suomen Akatemia" of "Suomen Akatemian"), else a sentence's
        // subject, else the first the text writes ("Lietuvos bankas paskelbė", before "Lietuvos banko valdyba").
        var forms = best.Forms.Where(f => HoldsAWordOfItsKind(f.Form)).ToList();
        return Clean(titled.FirstOrDefault(t => SameName(t, best.Forms[0].Form))
            ?? forms.OrderByDescending(f => forms.Any(o => IsEndingAddedTo(o.Form, f.Form))).ThenByDescending(f => f.Opens).First().Form);
    }

    /// <summary>
    /// "Lietuvos bankas", "Київський університет": a word for the kind in lower case after a capitalised word. Where the text
    /// writes such a run only at its sentences' starts, the capital is the sentence's ("Research institutions agree").
    /// </summary>
    private static bool GoesOnInLowerCase(string phrase) =>
        phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(w => w.Length > 4 && char.IsLower(w[0]));

    /// <summary>True when the form only adds letters to the base's words ("Akatemian" to "Akatemia", "Banknak" to "Bank").</summary>
    private static bool IsEndingAddedTo(string form, string baseForm)
    {
        var words = form.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextCleaner.Key).ToList();
        var bases = baseForm.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextCleaner.Key).ToList();
        return words.Count == bases.Count && form.Length > baseForm.Length && words.Zip(bases).All(p => p.First.StartsWith(p.Second, StringComparison.Ordinal));
    }

    /// <summary>True when the phrase at the index opens its paragraph or sentence, after an article at most.</summary>
    private static bool OpensASentence(string paragraph, int index)
    {
        var before = paragraph[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or ':' or '"' or '”' or '“' or '„' or '«';
    }

    private static string WithoutArticle(string phrase) => LeadingArticleWord().Replace(phrase, string.Empty);

    // An article a name's run opens with at a sentence's start: "Az Akadémia", "Το Πανεπιστήμιο", "Die Stadt".
    [GeneratedRegex(@"^(?:The|Der|Die|Das|La|Le|Les|El|Il|Lo|Het|De|Az|A|O|Η|Ο|Το|Οι|Τα)\s+(?=\p{Lu})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LeadingArticleWord();

    /// <summary>
    /// True when a word of the phrase is a word for an organisation, or a compound ending in one ("Landspítala"), or the phrase
    /// ends with a legal form: a lone word for the kind is no name.
    /// </summary>
    private static bool HoldsAWordOfItsKind(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return LegalForm().IsMatch(phrase)
            || (words.Length > 1 && words.Any(w => KindWordOfMoreLanguages().IsMatch(w)))
            || words.Any(w => CompoundKindWord().Match(w) is { Success: true } compound && compound.Groups["head"].Length >= 3);
    }

    /// <summary>
    /// True when two phrases are one name in two cases ("Suomen Akatemia", "Suomen Akatemian"; "Landspítali", "Landspítala"), or
    /// with and without its legal form ("Helse Vest RHF", "Helse Vest"): word by word, they differ only in the last letters.
    /// </summary>
    private static bool SameName(string first, string second)
    {
        var a = LegalForm().Replace(first, string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextCleaner.Key).ToList();
        var b = LegalForm().Replace(second, string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextCleaner.Key).ToList();
        return a.Count == b.Count && a.Zip(b).All(pair =>
        {
            var common = 0;
            while (common < pair.First.Length && common < pair.Second.Length && pair.First[common] == pair.Second[common])
            {
                common++;
            }

            var shorter = Math.Min(pair.First.Length, pair.Second.Length);
            return pair.First == pair.Second || (common >= 3 && common >= shorter - 2 && Math.Abs(pair.First.Length - pair.Second.Length) <= 3);
        });
    }

    // A phrase's first word, a short form in capitals: "КПІ ім. ...", "NTNU Vitenskapsmuseet".
    [GeneratedRegex(@"^(?<acronym>\p{Lu}{2,6})\s", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LeadingShortForm();

    // A logo's description: "logo Helse Vest", "Logo: Example Trust", "Logo der Stadt X", "Example Trust logo", "λογότυπο X".
    [GeneratedRegex(@"^(?:(?i:logo|logotype|logotipo|logotyp|logotip|logó|логотип|λογότυπο)\s*(?::\s*|[-–]\s+|(?i:of\s+the|of|de\s+la|de|du|der|des|von|van|di|del|do|da)\s+)?(?<org>\p{Lu}[^|·•]{1,80}?)|(?<org>\p{Lu}[^|·•]{1,80}?)\s*[-–]?\s*(?i:logo|logotype|logotipo|logotyp|logó|логотип|λογότυπο))$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LogoDescription();

    // A capitalised word inside a sentence, after a word in lower case and before none in capitals: "az Akadémia legfőbb".
    [GeneratedRegex(@"(?<=[\p{Ll},]\s)(?<word>\p{Lu}\p{Ll}{3,30})(?![\p{L}\p{N}\-])(?!\s+\p{Lu})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LoneCapitalisedWord();

    // A short form in capitals of any script, standing alone: "ΑΔΜΘ", "КПІ", "KVF".
    [GeneratedRegex(@"(?<![\p{L}\p{N}.])\p{Lu}{3,6}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TitleShortForm();

    // 'X AB (publ) ("Bolaget")', 'X plc (the "Company")', 'X AG (die „Gesellschaft“)', 'X S.p.A. (la "Società")'.
    [GeneratedRegex(@"(?<org>\p{Lu}[\p{L}\p{N}&.'’\-]*(?:\s+(?:&\s+|of\s+|de\s+)?[\p{Lu}\p{N}][\p{L}\p{N}&.'’\-]*){0,5}(?:\s+(?:plc|hf\.|ohf\.|Inc\.|Ltd\.|S\.p\.A\.|S\.A\.))?)\s*(?:\((?i:publ)\)\s*)?\(\s*(?:(?i:the|die|der|das|la|le|il|el|de|het|den)\s+)?[""“„«‘'](?<kind>\p{L}{3,20})[""”“»’']\s*\)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex CompanyDefinition();

    // The defined terms for the company that issues a notice, beside the words for the kind of body: "the Issuer", "Spółka".
    [GeneratedRegex(@"^(?i:issuer|emitente|emisor|émetteur|emittente|spółka|spółki|társaság|společnost|spoločnosť|društvo|şirket|εταιρεία|компания|компанія|общество|товариство)$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex IssuerWord();

    // A headline's tag before a colon: up to five capitalised words or a legal form ("CellaVision AB: ...").
    [GeneratedRegex(@"^(?<org>\p{Lu}[\p{L}\p{N}&.'’\-]*(?:\s+(?:&\s+)?[\p{Lu}\p{N}(][\p{L}\p{N}&.'’\-)]*){0,4}):\s+\S", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex HeadlineTagLine();

    // A company's legal form at a name's end: "AB (publ)", "ASA", "Oyj", "AG", "plc", "S.p.A.", "RHF".
    [GeneratedRegex(@"\s+(?:AB|ASA|AS|A/S|ApS|Oyj|Oy|AG|SE|GmbH|KGaA|NV|N\.V\.?|BV|B\.V\.?|plc|PLC|Ltd\.?|Inc\.?|LLC|S\.A\.?|SA|S\.p\.A\.?|SpA|S\.r\.l\.?|hf\.?|ohf\.?|RHF|HF|IKS|a\.s\.|s\.r\.o\.|d\.d\.|d\.o\.o\.|Zrt\.?|Nyrt\.?|Kft\.?|S\.A\.B\.?)(?:\s+\((?i:publ)\))?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LegalForm();

    // A run of capitalised words with the small words that join them, in any script: "Muzeum Krakowa", "Suomen Akatemian",
    // "Πανελλήνια Ομοσπονδία Λογιστών", "Київський політехнічний інститут" (a word for the kind may go on in lower case).
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])\p{Lu}[\p{L}\-]+(?:\s+(?:(?:of|for|the|de|del|di|da|do|du|des|der|für|van|i|u|v|w|na|za|ve|vo|a|și|din|και|της|του|των|та|і|и|ім\.|им\.)\s+){0,2}(?:\p{Lu}[\p{L}\-]+|(?=\p{Ll}*" + KindStems + @")\p{Ll}[\p{L}\-]+)){0,5}(?:\s+(?:AB|ASA|AS|Oyj|Oy|AG|SE|GmbH|plc|hf\.|ohf\.|RHF|HF))?",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NamePhrase();

    // The words for an organisation's kind, by their stems, in the languages of Europe's north, centre and east, Greek and
    // Cyrillic: museum, academy, university, institute, bank, hospital, ministry, agency, council, federation, administration.
    private const string KindStems =
        @"(?:muzeum|muzej|muuseum|muziej|múzeum|μουσεί|музе|akatemi|akadémi|akadēmij|akademij|akadeemi|ακαδημ|академ|yliopisto|egyetem|universit|univerzit|uniwersytet|sveučilišt|ülikool|háskól|πανεπιστ|университет|університет|instytut|intézet|institūt|institut|ústav|instituut|ινστιτούτ|институт|інститут|politechnik|politehni|політехн|политехн|bank|pank|τράπεζ|банк|spítal|sjúkrahús|szpital|kórház|slimnīc|ligonin|haigla|nemocnic|bolnic|νοσοκομεί|лікарн|больниц|ministerstv|ministeri|ministarstv|ministrij|minisztéri|ministeerium|ráðuneyt|υπουργεί|министерств|міністерств|virasto|hivatal|urząd|urzęd|úřad|úrad|amet|stofnun|aģentūr|agentūr|агентств|federa|ομοσπονδ|федерац|διοίκησ|администрац|адміністрац|önkormányzat|savivaldyb|pašvaldīb|samvinn|säätiö|alapítvány|fundacj|nadáci|nadácia|zaklad|fond|ίδρυμ|фонд|keskus|központ|centr|κέντρ|центр|kamar|komor|επιμελητήρι|палат|liitto|szövetség|związ|svaz|sąjung|savienīb|ένωσ|союз|спілк|rada|padom|taryb|tanács|συμβούλι|совет|kaupun|város|miast|město|mesto|miest|δήμο|город|міськ|kommun|gemeind|gemeent|stadt)";

    [GeneratedRegex(@"^(?i:" + KindStems + @")\w*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex KindWordOfMoreLanguages();

    // One word that is a compound ending in a word for an organisation: "Landspítala", "Rijksmuseum", "Stadtmuseum".
    [GeneratedRegex(@"^(?<head>\p{L}+?)(?i:" + KindStems + @")\p{L}{0,4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex CompoundKindWord();
}
