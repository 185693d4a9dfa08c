using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The services that carry other organisations' releases (news wires, press portals, online press-release services): a
/// dateline names them in brackets or slashes ("MANCHESTER, England--(BUSINESS WIRE)--", "Wien (OTS) -", "DARFUR, Dec. 22
/// /Standard Newswire/ --", "(Press-News.org) LOS ANGELES —"), and their names say what they are ("PR Newswire", "Online Press
/// Release Service for New Zealand", "OTS Originaltext-Service"). Such a service sends or shows the release; it never issued it.
/// </summary>
internal static partial class Distributors
{
    /// <summary>The names the opening paragraphs' datelines give in brackets or slashes: the wires that carried the release.</summary>
    public static IReadOnlyList<string> TagsIn(IEnumerable<string> paragraphs) =>
        paragraphs.Take(4)
            .SelectMany(p => WireTag().Matches(p.Length > 200 ? p[..200] : p))
            .Select(m => m.Groups["name"].Value.Trim())
            .Where(n => n.Length >= 2 && !n.Any(char.IsAsciiDigit) && TextCleaner.CountWords(n) <= 5)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The paragraph without its dateline's wire tags, so that they count as no name.</summary>
    public static string Strip(string paragraph) =>
        paragraph.Length > 0 && WireTag().IsMatch(paragraph.Length > 200 ? paragraph[..200] : paragraph)
            ? WireTag().Replace(paragraph, m => m.Index < 200 && !m.Groups["name"].Value.Any(char.IsAsciiDigit) ? " " + m.Groups["end"].Value : m.Value)
            : paragraph;

    /// <summary>
    /// True when the name is a distributor's: a dateline's wire tag names it, or its words say it is one ("Newswire", "Press
    /// Release Service"). A site or sender may also be a well-known service by name ("OTS Originaltext-Service", "Mynewsdesk",
    /// "idw"); in the text such a name may be the issuer's own, as in a wire's release about itself.
    /// </summary>
    public static bool IsDistributor(string? name, IReadOnlyList<string> tags, bool knownServices = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var key = TextCleaner.Key(name);
        return DistributorWords().IsMatch(name) || (knownServices && KnownServices().IsMatch(name))
            || tags.Any(t => TextCleaner.Key(t) is { Length: >= 2 } tag && (key == tag || key.StartsWith(tag, StringComparison.Ordinal)
                || tag.StartsWith(key, StringComparison.Ordinal)));
    }

    /// <summary>
    /// A distribution service's sender in the issuer's name ("Suomalainen Tiedeakatemia ry via STT Info", "Beispiel AG über
    /// news aktuell"): the issuer is the name before "via".
    /// </summary>
    public static string? WithoutCarrier(string? sender)
    {
        var via = sender is null ? Match.Empty : Carrier().Match(sender);
        return via.Success && via.Index >= 2 ? sender![..via.Index].Trim() : sender;
    }

    /// <summary>
    /// True when the release came over a wire: its dateline carries a wire's tag ("/PRNewswire/ --", "(GLOBE NEWSWIRE) --",
    /// "--(Marketwired - December 21, 2017) -"). A site that shows such a release hosts it; the wire's client issued it.
    /// </summary>
    public static bool CarriedByWire(IEnumerable<string> paragraphs, IReadOnlyList<string> tags) =>
        tags.Any(t => IsDistributor(t, [], knownServices: true))
        || paragraphs.Take(20).Any(p => DatelineWire().IsMatch(p.Length > 200 ? p[..200] : p));

    // A wire's tag in a dateline: "(BUSINESS WIRE)--", "(OTS) -", "/PRNewswire-USNewswire/ --", "(dapd-bln).", at the start
    // "(Press-News.org) LOS ANGELES". The dash, full stop or capital after it closes the dateline.
    [GeneratedRegex(@"(?:\((?<name>[\p{L}][\p{L}\p{N}.&'’ \-]{1,40})\)|/(?<name>[\p{L}][\p{L}\p{N}.&'’ \-]{1,40})/)(?<end>\s*(?:--|—|–|-\s|\.\s|\s(?=\p{Lu}{2,})))",
        RegexOptions.CultureInvariant)]
    private static partial Regex WireTag();

    [GeneratedRegex(@"newswire|news\s*wire|business\s*wire|press[\s\-]*releases?\s+(?:service|distribution|portal|wire)|originaltext|presseportal|pressemitteilungsdienst|nachrichtendienst|accesswire|marketwired|ein\s*presswire",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DistributorWords();

    [GeneratedRegex(@"(?i:pressetext|press-news|openpr|prweb|\bcision\b|mynewsdesk|pressmachine|eurekalert|informationsdienst\s+wissenschaft|news\s+aktuell|europa\s+press)|\b(?:OTS|APA|dpa|dapd|idw)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownServices();

    [GeneratedRegex(@"\s+(?:via|vía|über)\s+\p{L}[^\n]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex Carrier();

    [GeneratedRegex(@"[(/]\s*(?i:[\p{L}\- ]{0,20}?(?:newswire|news\s*wire|business\s*wire|marketwired|accesswire|globe\s*newswire|ein\s*presswire))[^()/\n]{0,40}[)/]\s*(?:--|—|–|-)",
        RegexOptions.CultureInvariant)]
    private static partial Regex DatelineWire();
}
