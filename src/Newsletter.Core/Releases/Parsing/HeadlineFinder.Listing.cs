using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The chrome of a listing or an office around a release, in any language: a search's result count, a "what's new" heading,
/// a tag's or an archive's heading, a sponsor's label and a press office's unit. None says what happened.
/// </summary>
internal static partial class HeadlineFinder
{
    /// <summary>
    /// A listing's or an office's chrome: "Results 1 - 10 of 423", "What's new", "Hvað er nýtt", "Tag: Press Release",
    /// "Research Initiatives Archive", "Content from our Premium Partner", "Communications and External Relations".
    /// </summary>
    internal static bool IsListingChrome(string line)
    {
        var trimmed = line.Trim().TrimEnd(':');
        return trimmed.Length is > 0 and <= 80 && TextCleaner.CountWords(trimmed) <= 8
            && (ResultCount().IsMatch(trimmed) || WhatsNew().IsMatch(trimmed) || SponsorLabel().IsMatch(trimmed) || PressOfficeUnit().IsMatch(trimmed)
                || (TextCleaner.CountWords(trimmed) <= 6 && (TagHeading().IsMatch(trimmed) || ArchiveHeading().IsMatch(trimmed))));
    }

    /// <summary>
    /// An issuer's name with its place in brackets, as a republisher credits the source above the headline: "African Development
    /// Bank (Abidjan)", "Ministry of Health (Nairobi)".
    /// </summary>
    internal static bool IsCreditedSource(string line)
    {
        var credit = CreditedSource().Match(line.Trim());
        if (!credit.Success || TitleLine.GoesOnWithTheStatement(credit.Groups["name"].Value))
        {
            return false;
        }

        // The name ends on its kind ("... Development Agency") or names what of ("Ministry of Health"): a kind with more words in
        // capitals after it ("Example Agency Reports Third Quarter Results (Corrected)") is a headline.
        var words = credit.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The last kind word counts ("Caribbean Development Agency"); a bank is a kind too ("African Development Bank").
        var kind = Array.FindLastIndex(words, w => OrganisationNames.HasOrganisationWord(w) || BankWords.Contains(w.ToLowerInvariant()));
        return kind >= 0 && (kind == words.Length - 1 || CreditJoins.Contains(words[kind + 1].ToLowerInvariant()));
    }

    private static readonly HashSet<string> CreditJoins = ["of", "for", "de", "du", "des", "di", "del", "della", "der", "für", "van", "voor", "för", "do", "da"];

    // A search's or a listing's count: "Results 1 - 10 of 423", "Showing 1–20 of 312 results", "Ergebnisse 1 bis 10 von 87".
    [GeneratedRegex(@"^(?:(?:search\s+)?(?:results?|showing|displaying|viewing|ergebnisse?|treffer|anzeige|résultats?|affichage|resultados?|mostrando|risultati|resultaten|resultat|tulokset|wyniki|hits|items|entries|news)\s*:?\s*)?" +
        @"\d{1,6}\s*(?:-|–|—|to|bis|à|a|al|tot|till|–)\s*\d{1,6}\s*(?:of|von|sur|de|di|van|av|af|z|/|из)\s*[\d.,]{1,9}" +
        @"(?:\s+(?:results?|ergebnisse|treffer|einträge|résultats|resultados|risultati|resultaten|resultat|items|entries|hits|news|articles))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ResultCount();

    // "What's new" in the languages of the corpus and beyond.
    [GeneratedRegex(@"^(?:what['’]?s\s+new|what\s+is\s+new|was\s+ist\s+neu|was\s+gibt['’]?s\s+neues|quoi\s+de\s+neuf|qu['’]y\s+a-t-il\s+de\s+neuf|novit[àa]|" +
        @"qu[ée]\s+hay\s+de\s+nuevo|o\s+que\s+h[áa]\s+de\s+novo|wat\s+is\s+(?:er\s+)?nieuw|vad\s+är\s+nytt|hvad\s+er\s+nyt|hva\s+er\s+nytt|hvað\s+er\s+nýtt|" +
        @"mitä\s+uutta|co\s+nowego|mi\s+újság|co\s+je\s+nového|ce\s+(?:este\s+)?nou|što\s+je\s+novo|kas\s+uut|kas\s+naujo)\s*\??$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex WhatsNew();

    // A tag's or an archive's page heading: "Tag: Press Release", "Tagged: Climate", "Schlagwort: Forschung", "Étiquette : X"; what
    // follows the colon is a topic in capitals, never a sentence in lower case ("Tag: a day of research ...").
    [GeneratedRegex(@"^(?i:tags?|tagged(?:\s+with)?|schlagw[oö]rt(?:e|er)?|stichw[oö]rt(?:e|er)?|[ée]tiquettes?|etiquetas?|etichett[ae]|trefwoord(?:en)?|tagg(?:ar)?|avainsana|archives?|archiv)\s*:\s*" +
        @"[\p{Lu}\p{N}][\p{L}\p{N}\-]*(?:\s+[\p{L}\p{N}&\-]+){0,4}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TagHeading();

    // An archive's heading, its topic in capitals: "Research Initiatives Archive", "News Archives", "Archiv Forschungsprojekte".
    [GeneratedRegex(@"^(?:(?:\p{Lu}[\p{L}\-]*\s+){1,3}(?i:archives?|archiv|archief|arkiv|arkisto|archivio|archivo|arquivo|archiwum)|" +
        @"(?i:archives?|archiv|archief|arkiv|arkisto|archivio|archivo|arquivo|archiwum)(?:\s+(?:de[ls]?|di|der|des|du|of|do|da|van))?(?:\s+\p{Lu}[\p{L}\-]*){1,3})$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex ArchiveHeading();

    // A sponsor's or an advertiser's label: "Content from our Premium Partner", "Sponsored content", "Anzeige", "Publireportage".
    [GeneratedRegex(@"^(?:(?:sponsored|partner|paid|promoted|branded)\s+(?:content|post|story|feature)(?:\s+(?:from|by)\s+(?:our\s+)?[\p{L}\s]{1,40})?|" +
        @"content\s+(?:from|by)\s+(?:our\s+)?(?:\p{L}+\s+)?(?:partners?|sponsors?)|sponsored(?:\s+by\s+[\p{L}\s&.]{1,40})?|advertisement|advertorial|anzeige|werbung|" +
        @"gesponsert|publicit[ée]|publireportage|publirreportaje|publicidad|contenuto\s+sponsorizzato|contenido\s+patrocinado|conte[úu]do\s+patrocinado|" +
        @"contenu\s+sponsoris[ée]|gesponsorde\s+inhoud|sponsrat\s+innehåll)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SponsorLabel();

    // A press office's unit: "Communications and External Relations", "Office of Public Affairs", "Media Relations",
    // "Hochschulkommunikation", "Ufficio stampa", "Gabinete de prensa", "Service de presse".
    [GeneratedRegex(@"^(?:(?:(?:the\s+)?(?:office|department|division|directorate|bureau)\s+(?:of|for)\s+)?(?:(?:corporate|public|media|press|external|internal|university|news|global|government|strategic)\s+){0,2}" +
        @"(?:communications?|relations|affairs|information)(?:\s+(?:and|&)\s+(?:(?:corporate|public|media|press|external|government|community|investor)\s+)?(?:communications?|relations|affairs|marketing|information|outreach))?" +
        @"(?:\s+(?:office|department|division|team|unit|services?))?|" +
        @"presse(?:stelle|amt|büro|abteilung|referat)|(?:unternehmens|hochschul|universitäts|konzern|presse\s+und\s+öffentlichkeits)?kommunikation|ufficio\s+stampa|" +
        @"gabinete\s+de\s+(?:prensa|comunicaci[óo]n|imprensa)|servicio\s+de\s+prensa|service\s+(?:de\s+)?(?:presse|communication)|direction\s+de\s+la\s+communication|" +
        @"afdeling\s+communicatie|persvoorlichting|tiedotus|viestintä|kommunikationsavdelningen|presseavdelingen|biuro\s+prasowe|sajtóiroda)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PressOfficeUnit();

    // A bank's word in the languages of Europe, a kind of issuer the organisation words leave to the names themselves.
    private static readonly HashSet<string> BankWords = new(StringComparer.Ordinal) { "bank", "banque", "banco", "banca", "bankas", "banka", "pankki" };

    // A name and a place in brackets, the place one to three words in capitals: "African Development Bank (Abidjan)".
    [GeneratedRegex(@"^(?<name>[^()\n]{3,80}?)\s+\((?<place>\p{Lu}[\p{L}\-]+(?:[ \-]\p{Lu}[\p{L}\-]+){0,2})\)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex CreditedSource();
}
