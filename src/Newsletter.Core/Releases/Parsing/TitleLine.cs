using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The rule for a title with a line break inside it, and the label or site suffix a copied headline carries.</summary>
internal static partial class TitleLine
{
    /// <summary>
    /// A headline as a listing or a republisher shows it: a release label before it ("Release – ", "Press release: ",
    /// "Pressemitteilung: ", "Comunicado – ") and the issuer's name, short name and author after it ("... – Universität Zürich –
    /// UZH – Rita Ziegler", "... | University of Oxford"). Both go; the suffix only when it names an organisation, and
    /// never so that less than three words are left.
    /// </summary>
    public static string WithoutLabelAndSuffix(string title)
    {
        // A listing's bullet before the headline ("• PRESS RELEASE : ...", "▪ Title") is no part of it.
        title = title.TrimStart('•', '▪', '►', '▸', '◦', '·', '*', ' ');
        // A wire's label for the kind of notice: "EQS-Adhoc: ", "DGAP-News: ".
        var wire = WireLabel().Match(title);
        if (wire.Success && TextCleaner.CountWords(title[wire.Length..]) >= 3)
        {
            title = title[wire.Length..];
        }

        var label = LeadingLabel().Match(title);
        if (label.Success && TextCleaner.CountWords(title[label.Length..]) >= 3)
        {
            title = title[label.Length..];
        }

        // The sender's name before the label: "ONTARIO NEWS RELEASE: ", "Stadt Beispiel Pressemitteilung – ", "Ville d'Exemple communiqué : ",
        // before a headline (a capital); before a topic in lower case ("DOE press release: whistleblower cases") the whole is a subject.
        var named = NamedLabel().Match(title);
        if (named.Success && TextCleaner.CountWords(title[named.Length..]) >= 3 && !char.IsLower(title[named.Length]))
        {
            title = title[named.Length..];
        }

        title = WithoutLeadingSource(title);

        // A listing's date in brackets after the headline: "... bottom trawling [June 2025]", "... (2019)", "... (15 April 2021)".
        // After an event's name ("Press conference for the exhibition (17 July 2017)") it is the event's day and the headline's.
        var bracketed = TrailingBrackets().Match(title);
        if (bracketed.Success && TextCleaner.CountWords(title[..bracketed.Index]) >= 3
            && bracketed.Groups["inside"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .All(w => DateFinder.IsMonthOrYear(w) || (w.TrimEnd('.').Length <= 2 && w.TrimEnd('.').All(char.IsAsciiDigit)))
            && bracketed.Groups["inside"].Value.Any(char.IsAsciiDigit) && !NamesAnEvent(title[..bracketed.Index]))
        {
            title = title[..bracketed.Index].TrimEnd();
        }

        // A publication note in brackets after the headline: "... (Press Release of 8 March 2021)", "... (Communiqué du 3 mai 2019)".
        var note = TrailingReleaseNote().Match(title);
        if (note.Success && TextCleaner.CountWords(title[..note.Index]) >= 3)
        {
            title = title[..note.Index].TrimEnd();
        }

        // The language a wire gives the headline in, after it: "... vor (deutsch)", "... (English)".
        if (bracketed.Success && TextCleaner.CountWords(title[..bracketed.Index]) >= 3 && HeadlineFinder.IsLanguageName(bracketed.Groups["inside"].Value))
        {
            title = title[..bracketed.Index].TrimEnd();
        }

        var parts = title.Split([" – ", " — ", " | ", " - "], StringSplitOptions.None);
        var keep = parts.Length;
        var namesAnOrganisation = false;
        while (keep > 1 && parts[keep - 1].Trim() is { Length: > 0 } part && !GoesOnWithTheStatement(part)
               && (OrganisationNames.LooksLikeOrganisation(part) || ShortName().IsMatch(part) || OrganisationNames.IsPersonsName(part)))
        {
            namesAnOrganisation |= OrganisationNames.LooksLikeOrganisation(part);
            keep--;
        }

        if (keep == parts.Length || !namesAnOrganisation)
        {
            return title;
        }

        var headline = title[..(string.Join(" - ", parts[..keep]).Length)].Trim();
        return TextCleaner.CountWords(headline) >= 3 ? headline : title;
    }

    // A headline that names an event whose day a bracket may give: a press conference, a meeting, an exhibition's opening.
    private static bool NamesAnEvent(string headline) =>
        headline.Split([' ', '-', '–', ',', '"', '“', '”', '«', '»', ':'], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => EventWords.Contains(w.ToLowerInvariant()));

    private static readonly HashSet<string> EventWords = new(StringComparer.Ordinal)
    {
        "conference", "briefing", "meeting", "seminar", "workshop", "symposium", "webinar", "ceremony", "festival", "concert",
        "pressekonferenz", "konferenz", "tagung", "sitzung", "versammlung", "pressegespräch", "conférence", "colloque", "réunion",
        "séminaire", "rencontre", "conferencia", "rueda", "jornada", "reunión", "seminario", "conferenza", "convegno", "riunione",
        "persconferentie", "bijeenkomst", "presskonferens", "möte", "pressekonferanse", "lehdistötilaisuus", "konferencja",
    };

    /// <summary>
    /// True when the part after a headline's separator goes on with its statement rather than name the site or the issuer: it
    /// ends on "!" or "?", holds a verb's small word or a preposition no name is built with ("is back", "sind", "aus den",
    /// "mit der"), or counts something that does something ("200 Top-Wissenschaftler setzen ...", "150 scientists rank ..."),
    /// as in "Vom Einrad bis zur Weltraumsonde - Zukunftsideen aus den Hochschulen im Landtag". A name's own small words
    /// ("University of Example", "Universität für Bodenkultur", "Institut de recherche de la Ville") never make it one.
    /// </summary>
    internal static bool GoesOnWithTheStatement(string part)
    {
        if (part.EndsWith('!') || part.EndsWith('?'))
        {
            return true;
        }

        var words = part.Split([' ', ',', '"', '\'', '’', '(', ')', '«', '»', '„', '“', '”'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => StatementWords.Contains(w)))
        {
            return true;
        }

        return words.Length >= 3 && words[0].All(char.IsAsciiDigit)
            && words.Skip(1).Any(w => char.IsLower(w[0]) && !w.Any(char.IsUpper) && !NameJoiningWords.Contains(w));
    }

    // A verb's small word and the prepositions no organisation's name is built with, in the languages the corpus holds.
    private static readonly HashSet<string> StatementWords = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "will", "has", "have", "from", "with", "ist", "sind", "wird", "werden", "hat", "haben", "aus", "mit",
        "est", "sont", "sera", "avec", "es", "son", "será", "fue", "con", "è", "sono", "sarà", "zijn", "wordt", "heeft", "uit", "met",
        "är", "blir", "har", "från", "med", "er", "blev", "fra",
    };

    private static readonly HashSet<string> NameJoiningWords = new(StringComparer.Ordinal)
    {
        "of", "the", "and", "for", "at", "on", "in", "de", "du", "des", "la", "le", "les", "et", "di", "del", "della", "da", "do", "dos",
        "das", "e", "y", "der", "die", "den", "für", "und", "zu", "zur", "zum", "am", "an", "im", "van", "voor", "en", "het", "von", "vom",
        "och", "og", "af", "för",
    };

    /// <summary>
    /// What a portal or a republisher writes before the headline: the release's number ("N° 44–2015: ", "Nr. 7-2021 – "), its
    /// source and date in brackets ("[Bundesministerium - 25.07.2014] "), or the issuer's name before a headline that starts
    /// with that name itself ("Beispiel AG: Beispiel AG steigert ..."). Each goes only when three words or more are left.
    /// </summary>
    private static string WithoutLeadingSource(string title)
    {
        var number = LeadingNumber().Match(title);
        if (number.Success && TextCleaner.CountWords(title[number.Length..]) >= 3)
        {
            title = title[number.Length..];
        }

        var bracket = LeadingBrackets().Match(title);
        if (bracket.Success && TextCleaner.CountWords(title[bracket.Length..]) >= 3
            && DateFinder.FindFirst(bracket.Groups["inside"].Value) is not null)
        {
            title = title[bracket.Length..];
        }

        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        if (colon is > 1 and <= 80)
        {
            var name = title[..colon].Trim();
            var rest = title[(colon + 2)..].TrimStart();
            if (rest.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase) && TextCleaner.CountWords(rest) >= 3)
            {
                title = rest;
            }
        }

        return title;
    }

    // A release's own number and a separator: "N° 44–2015: ", "No. 12/2019 – ", "Nº 103 | " (never "No. 1 in Europe: ...").
    [GeneratedRegex(@"^(?:n[°º]\.?|no\.|nr\.?)\s*\d[\d/.\-–]{0,12}\s*[:–—|\-]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    // A wire's code and the kind of its notice before a colon: "EQS-Adhoc: ", "DGAP-News: ", "EQS-WpÜG: " (never "UK-Canada: ").
    [GeneratedRegex(@"^\p{Lu}{2,5}-(?i:ad-?hoc|news|dd|pvr|cms|hv|wpüg|stimmrechte|ir|corporate|release)\s*:\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WireLabel();

    [GeneratedRegex(@"^\[(?<inside>[^\[\]]{6,80})\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingBrackets();

    // "Press release: ", "Comunicati stampa - CS N° 27/2017 ", "Pressemitteilung Nr. 23/2014 – ", "Medienmitteilungen – ": a label,
    // singular or plural, with the release's number (a short series code may stand before it) and a separator.
    [GeneratedRegex(@"^(?:(?:press|news|media)\s+)?(?:releases?|pressemitteilung(?:en)?|presseinformation(?:en)?|medienmitteilung(?:en)?|communiqu[ée]s?(?:\s+de\s+presse)?|comunicados?(?:\s+de\s+prensa)?|notas?\s+de\s+prensa|comunicat[oi](?:\s+stampa)?|persbericht(?:en)?|pressmeddelanden?)(?:\s*[–—:|\-]?\s*(?:(?-i:\p{Lu}{1,4})\s*)?(?:(?:n[°º]\.?|no\.|nr\.?|#)\s*\d[\d/.\-]*|\d{1,4}/\d{2,4})\s*[–—:|\-]?\s*|\s*[–—:|\-]\s*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingLabel();

    // A name of one to five words, each capitalised or a name's small word, a release's label and a separator.
    [GeneratedRegex(@"^(?:(?:(?-i:\p{Lu})[\p{L}\p{N}&.'’\-]*|of|de|du|des|der|für|d['’]\p{L}+)\s+){1,5}(?:(?:press|news|media)\s+releases?|pressemitteilung|presseinformation|medienmitteilung|communiqu[ée](?:\s+de\s+presse)?|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|comunicato\s+stampa|persbericht|pressmeddelande|tiedote|lehdistötiedote)\s*[:–—|]\s+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NamedLabel();

    // A release's label and what the note says of it (its date, its number) in brackets at the end.
    [GeneratedRegex(@"\s*[\[(](?:(?:press|news|media)\s+release|pressemitteilung|presseinformation|medienmitteilung|communiqu[ée](?:\s+de\s+presse)?|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|comunicato(?:\s+stampa)?|persbericht|pressmeddelande)(?:\s+[^\[\]()]{1,40})?[\])]$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TrailingReleaseNote();

    [GeneratedRegex(@"\s*[\[(](?<inside>[^\[\]()]{4,30})[\])]$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingBrackets();

    // An organisation's short name: "UZH", "ÖAW", "EPFL", "KU Leuven".
    [GeneratedRegex(@"^\p{Lu}{2,6}(?:\s+\p{Lu}\p{Ll}+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortName();

    /// <summary>
    /// A title value that kept a line break through parsing (a quoted YAML string with "\r\n", a JSON string, an
    /// encoded subject) ends at the break: what follows is dropped, with a warning, so it can never reach a
    /// subject line or a header. A title that merely wrapped in its source was already joined by its reader.
    /// </summary>
    public static string? BeforeLineBreak(string? title, List<string> warnings)
    {
        var trimmed = title?.Trim();
        var lineBreak = trimmed?.IndexOfAny(['\r', '\n', '\u2028', '\u2029']) ?? -1;
        if (lineBreak < 0)
        {
            return title;
        }

        warnings.Add($"The title had a line break; only the text before it is used, and '{TextCleaner.SingleLine(trimmed![lineBreak..], 80)}' was dropped.");
        return trimmed[..lineBreak];
    }
}
