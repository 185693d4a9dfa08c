using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The press-contact block of a release, and the office, person and address that run into its organisation.</summary>
internal static partial class IssuerFinder
{
    private static string? ContactBlock(IReadOnlyList<string> paragraphs, IReadOnlyList<string> contactLines)
    {
        // A plain-text contact block's own lines: the first that reads as an organisation ("AG Globale Verantwortung"), or the
        // one the release's text also names, over a unit only the block names ("Zentrum für X," above "Universität Y").
        var lineNames = contactLines.Select(l => OrganisationNames.FindAll(l).FirstOrDefault()).OfType<string>().Where(n => !BareOffice().IsMatch(n)).ToList();
        if ((NamedOutside(lineNames, paragraphs, contactLines) ?? lineNames.FirstOrDefault()) is { } line)
        {
            return Clean(line);
        }

        for (var i = paragraphs.Count - 1; i >= Math.Max(1, paragraphs.Count - 6); i--)
        {
            var paragraph = paragraphs[i];
            var contact = ContactLabel().Match(paragraph);

            // "Rückfragen & Kontakt:" on a line of its own: the block is the paragraph under it.
            if (contact.Success && contact.Length >= paragraph.TrimEnd().Length - 1 && i + 1 < paragraphs.Count)
            {
                paragraph = paragraphs[i + 1];
                contact = Match.Empty;
                var blockNames = OrganisationNames.FindAll(paragraph).ToList();
                if ((NamedOutside(blockNames.Where(n => !BareOffice().IsMatch(n)).ToList(), paragraphs, [paragraph]) ?? blockNames.FirstOrDefault()) is { } below
                    && !BareOffice().IsMatch(below))
                {
                    return Clean(WithoutAddress(WithoutOfficePrefix(WithoutPersonsName(below)), paragraph));
                }

                continue;
            }

            if (contact.Success && PressDepartment().Match(paragraph, contact.Length) is { Success: true } department)
            {
                // "Contact: ESO Education and Public Relations Department": the department's organisation.
                return Clean(department.Groups["org"].Value);
            }

            // "Press and Media Office, Example Institute": an office named without its organisation is not the organisation.
            var org = contact.Success
                ? OrganisationNames.FindAll(paragraph[contact.Length..])
                    .Select(n => WithoutAddress(WithoutOfficePrefix(WithoutPersonsName(n)), paragraph))
                    .FirstOrDefault(n => !BareOffice().IsMatch(n))
                : null;
            if (org is not null)
            {
                return Clean(org);
            }
        }

        return null;
    }

    /// <summary>
    /// Of a contact block's names, the first the release's text names outside the block: two signals agree on it, where a
    /// unit, a person's desk or an agency is named in the block alone.
    /// </summary>
    private static string? NamedOutside(List<string> names, IReadOnlyList<string> paragraphs, IReadOnlyList<string> block)
    {
        if (names.Count < 2)
        {
            return null;
        }

        // The block's own paragraph is the one that is a line of it or holds two of its lines.
        var outside = paragraphs.Where(p => !block.Any(l => l == p.Trim()) && block.Count(l => l.Length > 0 && p.Contains(l, StringComparison.Ordinal)) < 2).ToList();
        return names.FirstOrDefault(n => OrganisationNames.IsNamedIn(n, outside));
    }

    /// <summary>
    /// In a contact block the person's name runs into the organisation on the next line ("Jade Boyd Rice
    /// University"): four or more capitalised words with no joining word keep their last two.
    /// </summary>
    private static string WithoutPersonsName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 4 && words.All(w => char.IsUpper(w[0])) && OrganisationNames.HasOrganisationWord(words[^1])
            ? string.Join(' ', words[^2..])
            : name;
    }

    /// <summary>A block's lines run together: "Media and PR Office University of York" is the University of York.</summary>
    private static string WithoutOfficePrefix(string name)
    {
        var office = OfficePrefix().Match(name);
        return office.Success && OrganisationNames.LooksLikeOrganisation(name[office.Length..]) ? name[office.Length..] : name;
    }

    /// <summary>
    /// "University of York Heslington, York YO10 5DD": the word before a postal address's comma starts the address, not
    /// the name, when what is left still reads as an organisation ("Rice University, Houston" keeps its name).
    /// </summary>
    private static string WithoutAddress(string name, string paragraph)
    {
        var at = paragraph.IndexOf(name, StringComparison.Ordinal);
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (at < 0 || words.Length < 3 || !PostalAddress().IsMatch(paragraph[(at + name.Length)..]))
        {
            return name;
        }

        var shorter = string.Join(' ', words[..^1]);
        return OrganisationNames.LooksLikeOrganisation(shorter) && !OrganisationNames.HasOrganisationWord(words[^1]) ? shorter : name;
    }

    /// <summary>
    /// "EXA Science Operations Office" beside "EXA": a name that is another of the names followed by words for a unit is that
    /// organisation's office, department or programme.
    /// </summary>
    private static bool IsUnitOf(string name, IEnumerable<string> names) =>
        UnitWord().IsMatch(name) && names.Any(n => n.Length < name.Length && name.StartsWith(n + " ", StringComparison.Ordinal));

    private static bool IsBareKind(string name) =>
        !name.Contains(' ', StringComparison.Ordinal) && OrganisationNames.HasOrganisationWord(name) && !OrganisationNames.LooksLikeOrganisation(name);

    // The word a unit's name ends with: "Science Operations Office", "Technology Transfer Office", "Microgravity Research Program".
    [GeneratedRegex(@"\s(?:Office|Department|Division|Directorate|Unit|Section|Programme|Program|Team|Desk|Bureau|Abteilung|Referat|Stabsstelle|Servizio|Ufficio|Service|Dienst)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitWord();
}
