using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A document's letterhead: the running header and footer of a Word document ("CSIRO Media Release", "Koninklijke Ahold N.V. ·
/// Piet Heinkade 167 · Amsterdam"). They are no text of the release, but the name they carry is the sender's own.
/// </summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The name a letterhead line opens a part with ("IBM News Release", "X, the national science agency | x.org", "X ·
    /// street · town"), with the kind of release after it left out. With <paramref name="mentionedOnly"/>, only a name the
    /// release's text also names counts: two signals agree, so a republisher's header ("someblog.example.com", "Blogger") never
    /// does. Without it, a name that reads as an organisation is taken when nothing else named the issuer.
    /// </summary>
    public static string? Letterhead(IReadOnlyList<string> lines, IReadOnlyList<string> paragraphs, bool mentionedOnly)
    {
        try
        {
            return LetterheadName(lines, paragraphs, mentionedOnly);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string? LetterheadName(IReadOnlyList<string> lines, IReadOnlyList<string> paragraphs, bool mentionedOnly)
    {
        var parted = lines.Take(12).Select(l => LetterheadSeparator().Split(TextCleaner.SingleLine(l, 300)).Take(8).Select(p => p.Trim()).ToList()).ToList();

        // "Olhar Vital - Edição 100": a line with an edition's number names a publication, which is no issuer on any line.
        var publications = parted.Where(parts => parts.Skip(1).Any(p => EditionLabel().IsMatch(p))).Select(parts => parts[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var parts in parted)
        {
            // A line's name is its first part after a label for the kind of document ("Oficina de Prensa | X"); the parts after it
            // are an address, a unit or a web address, and a line that opens with a number is an address.
            var part = parts.FirstOrDefault(p => p.Length > 0 && !LetterheadKindOnly().IsMatch(p));
            if (part is null || publications.Contains(part))
            {
                continue;
            }

            var name = LetterheadKind().Match(part) is { Success: true } kind ? kind.Groups["org"].Value : part;
            if (name.Length < 2 || !char.IsUpper(name[0]) || name.Any(char.IsAsciiDigit) || (name.Contains('.') && !name.Contains(' '))
                || TextCleaner.CountWords(name) > 8 || publications.Contains(name) || Distributors.IsDistributor(name, [], knownServices: true))
            {
                continue;
            }

            if (OrganisationNames.IsNamedIn(name, paragraphs) || (!mentionedOnly && OrganisationNames.LooksLikeOrganisation(name)))
            {
                return Clean(name);
            }
        }

        return null;
    }

    // The separators of a letterhead's parts: "X | x.org", "X · street · town", "X – Pressemitteilung", "X, street, town".
    [GeneratedRegex(@"\s*(?:[|·•]|\s[-–—]\s|,\s(?!(?:Inc|Ltd|LLC|Co|Corp|plc|GmbH|AG|SA|S\.A|S\.p\.A|N\.V|B\.V|AB|ASA|SE)\b))\s*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LetterheadSeparator();

    // "CSIRO Media Release", "Mayo Clinic News Release", "NERC press release", "Museum Beispiel Pressemitteilung".
    [GeneratedRegex(@"^(?<org>\p{Lu}.{0,100}?)\s+(?i:(?:(?:press|news|media)\s+(?:release|statement|advisory|background)|pressemitteilung|medienmitteilung|persbericht|pressmeddelande|pressemelding|tiedote|communiqu[ée](?:\s+de\s+presse)?|comunicato(?:\s+stampa)?|comunicado(?:\s+de\s+(?:prensa|imprensa))?|nota\s+de\s+prensa))$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LetterheadKind();

    // A part that is only the kind of document or a unit's label: "News release", "Pressemitteilung", "Oficina de Prensa".
    [GeneratedRegex(@"^(?i:(?:(?:press|news|media)\s+(?:release|statement|advisory|background|office|centre|center)|pressemitteilung|medienmitteilung|persbericht|pressmeddelande|pressemelding|communiqu[ée](?:\s+de\s+presse)?|comunicato(?:\s+stampa)?|oficina\s+de\s+prensa|ufficio\s+stampa|service\s+de\s+presse|pressestelle|exhibit))\b",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex LetterheadKindOnly();

    // An edition's number: "Edição 100", "Issue 12", "Ausgabe 3/2020", "No. 5", "Nr. 7".
    [GeneratedRegex(@"^(?i:edi[çc][ãa]o|edici[óo]n|edition|edizione|issue|ausgabe|num[ée]ro|n[úu]mero|nummer|no\.|nr\.|vol\.|volume|jahrgang|uitgave)\s*[0-9]",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex EditionLabel();
}
