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
        var label = LeadingLabel().Match(title);
        if (label.Success && TextCleaner.CountWords(title[label.Length..]) >= 3)
        {
            title = title[label.Length..];
        }

        // A listing's month or year in brackets after the headline: "... bottom trawling [June 2025]", "... (2019)".
        var bracketed = TrailingBrackets().Match(title);
        if (bracketed.Success && TextCleaner.CountWords(title[..bracketed.Index]) >= 3
            && bracketed.Groups["inside"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .All(w => DateFinder.IsMonthOrYear(w) || (w.TrimEnd('.').Length <= 2 && w.TrimEnd('.').All(char.IsAsciiDigit)))
            && bracketed.Groups["inside"].Value.Any(char.IsAsciiDigit))
        {
            title = title[..bracketed.Index].TrimEnd();
        }

        var parts = title.Split([" – ", " — ", " | ", " - "], StringSplitOptions.None);
        var keep = parts.Length;
        var namesAnOrganisation = false;
        while (keep > 1 && parts[keep - 1].Trim() is { Length: > 0 } part
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

    // "Press release: ", "Comunicati stampa - CS N° 27/2017 ", "Pressemitteilung Nr. 23/2014 – ", "Medienmitteilungen – ": a label,
    // singular or plural, with the release's number (a short series code may stand before it) and a separator.
    [GeneratedRegex(@"^(?:(?:press|news|media)\s+)?(?:releases?|pressemitteilung(?:en)?|presseinformation(?:en)?|medienmitteilung(?:en)?|communiqu[ée]s?(?:\s+de\s+presse)?|comunicados?(?:\s+de\s+prensa)?|notas?\s+de\s+prensa|comunicat[oi](?:\s+stampa)?|persbericht(?:en)?|pressmeddelanden?)(?:\s*[–—:|\-]?\s*(?:(?-i:\p{Lu}{1,4})\s*)?(?:(?:n[°º]\.?|no\.|nr\.?|#)\s*\d[\d/.\-]*|\d{1,4}/\d{2,4})\s*[–—:|\-]?\s*|\s*[–—:|\-]\s*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingLabel();

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
