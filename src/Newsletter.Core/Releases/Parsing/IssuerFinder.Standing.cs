using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A name standing alone at the head or the foot of a release's text: the letterhead of a page or a copied text, where no
/// document header carries it ("Gemeente X" over "PERSBERICHT", "X, Street 5, 0155 Town" under the release, "X - State
/// University of Y" over the page's headline).
/// </summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The name a paragraph at the head or the foot of the text consists of (before the first sentence or after the last),
    /// when a second signal agrees that it is the sender's. With <paramref name="byLayout"/>, the page's layout agrees: the
    /// kind of release on the line under it ("PERSBERICHT", "Medienmitteilung") or a postal address after it, which no
    /// partner's mention has. Without it, the text names it again, which a heading or an agency's credit line may share, so
    /// that signal is weighed after the page's own (copyright, a short form the text defines and uses). A masthead alone,
    /// which nothing agrees with, is no issuer; nor is a distributor's name or a line that reads as a sentence.
    /// </summary>
    private static string? StandingName(IReadOnlyList<string> paragraphs, IReadOnlyList<string> wires, string? title, bool byLayout)
    {
        try
        {
            var firstSentence = paragraphs.Take(4).TakeWhile(p => TextCleaner.CountWords(p) < 12).Count();
            var lastSentence = paragraphs.Select((p, i) => (p, i)).LastOrDefault(x => TextCleaner.CountWords(x.p) >= 12).i;
            var ends = paragraphs.Take(Math.Min(firstSentence, 3)).Select((p, i) => (Text: p, Next: i + 1 < paragraphs.Count ? paragraphs[i + 1] : null))
                .Concat(paragraphs.Skip(Math.Max(lastSentence + 1, paragraphs.Count - 3)).Select(p => (Text: p, Next: (string?)null)));
            foreach (var (text, next) in ends)
            {
                // "Dr. Jane Roe Kommunikation und Marketing Universität X": a sender's line, a person and the press unit of the name.
                if (byLayout && text.Length <= 200 && SenderLine().Match(text) is { Success: true } sender
                    && OrganisationNames.LooksLikeOrganisation(sender.Groups["org"].Value) && Clean(sender.Groups["org"].Value) is { } unitOf)
                {
                    return unitOf;
                }

                if (text.Length > 200 || StandingNameOf(text) is not { } standing)
                {
                    continue;
                }

                var (name, after) = standing;
                var agreed = byLayout
                    ? (next is not null && IsKindOfReleaseLine(next)) || StandingAddress().IsMatch(after)
                    : OrganisationNames.LooksLikeOrganisation(name) && OrganisationNames.IsNamedIn(name, paragraphs.Where(p => !ReferenceEquals(p, text)).Prepend(title ?? string.Empty));
                if (agreed && !Distributors.IsDistributor(name, wires, knownServices: true))
                {
                    return Clean(name);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }

        return null;
    }

    /// <summary>
    /// A paragraph's name and what follows it: its first part before a separator ("X | Y", "X · street", "X, street", "X - Y"),
    /// cut before a street's name where the address runs on without one ("Université X Avenue Y 50"). The name is capitalised
    /// words with the small words that join them, at most eight, with no number and no label's colon ("Date: Tuesday").
    /// </summary>
    private static (string Name, string After)? StandingNameOf(string paragraph)
    {
        var line = paragraph.Trim();
        var separator = StandingSeparator().Match(line);
        var first = separator.Success ? line[..separator.Index] : line;
        var rest = separator.Success ? line[separator.Index..] : string.Empty;
        var street = StreetStart().Match(first);
        if (street.Success && street.Index > 0)
        {
            rest = first[street.Index..] + rest;
            first = first[..street.Index];
        }

        // "University at Albany", "Université libre de Bruxelles": a name with a word for an organisation may hold two words in
        // lower case besides the small words that join names; any more make a sentence.
        var name = first.Trim();
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lower = words.Count(w => !char.IsUpper(w[0]) && !NameJoiners.Contains(w));
        return name.Length >= 2 && words.Length <= 8 && char.IsUpper(name[0]) && !name.Any(c => char.IsAsciiDigit(c) || c is ':' or '?' or '!' or '"')
            && (lower == 0 || (lower <= 2 && OrganisationNames.LooksLikeOrganisation(name)))
            ? (name, rest)
            : null;
    }

    /// <summary>A line that is only the kind of release: "PERSBERICHT", "News release", "Comunicato stampa", "Medienmitteilung".</summary>
    private static bool IsKindOfReleaseLine(string line) => TextCleaner.CountWords(line) <= 3 && KindOfReleaseLine().IsMatch(line.Trim());

    // A letterhead's separators: "X | Y", "X · street · town", "X - State University of Y", "X, Street 5".
    [GeneratedRegex(@"\s*(?:[|·•]|\s[-–—]\s|,\s)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex StandingSeparator();

    // A street's name followed by its number, where an address runs on after the name: "Avenue des Frères Lumière 12".
    [GeneratedRegex(@"(?<=\s)(?:Avenue|Av\.|Rue|Boulevard|Chaussée|Place|Street|Road|Lane|Straße|Strasse|Allee|Platz|Gasse|Weg|Laan|Straat|Plein|Via|Viale|Piazza|Calle|Avenida|Plaza|Rua|Praça|Carrer|Gatan|Vägen|Gata|Gade|Vej|Ulica|Aleja)\b(?:\s+\p{L}[\p{L}'’\-.]*){0,4}\s+[0-9]{1,4}\b",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex StreetStart();

    // A postal address after a name: a British postcode ("N1 2PN"), a postcode before a town ("0155 Oslo", "69008 Lyon", never a
    // year), a street's word and its number in either order ("Calle Mayor 3", "Storgata 5", "Hauptstraße 12", "1 Main Street").
    // A date ("April 18, 1996", "September 13") or a telephone number is no address.
    [GeneratedRegex(@"\b\p{Lu}{1,2}[0-9][0-9A-Z]?\s[0-9]\p{Lu}{2}\b|(?<![0-9/\-.])(?!(?:19|20)[0-9]{2}\b)[0-9]{4,5}\s+\p{Lu}\p{Ll}{2,}|\b(?:Avenue|Av\.|Rue|Boulevard|Chaussée|Place|Via|Viale|Piazza|Corso|Calle|Avenida|Plaza|Rua|Praça|Carrer|Ulica|Aleja)\s+(?:\p{L}[\p{L}'’\-.]*\s+){0,4}[0-9]{1,4}\b|\p{L}+(?:gata|gatan|gate|gade|vej|vägen|veien|straße|strasse|straat|weg|laan|gracht|plein|platz|gasse|allee|utca|iela|katu)\s+[0-9]{1,4}\b|\b[0-9]{1,4}\s+(?:\p{Lu}\p{L}+\s+){1,3}(?:Street|Road|Lane|Avenue|Drive|Square|Place|Boulevard|Way|Court|Terrace)\b",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex StandingAddress();

    // A sender's line at the head: a person's name, the press unit and the organisation the unit belongs to ("Dr. Jane Roe
    // Kommunikation und Marketing Universität X", "John Doe Press Office Example University", "Marie Exemple Service de presse
    // Université Exemple").
    [GeneratedRegex(@"^(?:(?:Dr|Prof|Mag|Mr|Ms|Mme|M)\.?\s+)*\p{Lu}[\p{L}'’\-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}'’\-]+){1,2}\s+(?:Kommunikation\s+und\s+Marketing|Presse-?\s+und\s+Öffentlichkeitsarbeit|Pressestelle|Hochschulkommunikation|Unternehmenskommunikation|Press\s+Office|Media\s+Relations|Communications\s+Office|Public\s+Relations|Service\s+de\s+presse|Service\s+communication|Ufficio\s+stampa|Gabinete\s+de\s+(?:Prensa|Imprensa|Comunicación)|Persvoorlichting|Afdeling\s+Communicatie)\s+(?<org>\p{Lu}[\p{L}\-'’.]*(?:\s+(?:\p{Lu}[\p{L}\-'’.]*|of|at|für|de|du|des|der|di|del|van)){0,7})\s*$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex SenderLine();

    [GeneratedRegex(@"^(?i:(?:press|news|media)\s+(?:release|statement|advisory)|persbericht|pressemitteilung|medienmitteilung|pressmeddelande|pressemelding|pressemeddelelse|tiedote|communiqu[ée](?:\s+de\s+presse)?|comunicato(?:\s+stampa)?|comunicado(?:\s+de\s+(?:prensa|imprensa))?|nota\s+de\s+prensa|komunikat(?:\s+prasowy)?|tiskov[áa]\s+zpr[áa]va)[.:]?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex KindOfReleaseLine();
}
