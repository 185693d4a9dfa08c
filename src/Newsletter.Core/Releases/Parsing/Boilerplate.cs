using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Recognises the lines that are not part of a release: republisher notices, sign-up prompts, share
/// bars, forwarding headers, navigation and image captions above the title.
/// </summary>
public static partial class Boilerplate
{
    /// <summary>
    /// True for a line or paragraph that is republisher or sharing boilerplate, wherever it stands, or a list archive's row
    /// of bracketed links ("[Date Prev] [Date Next] [Thread Index]").
    /// </summary>
    public static bool IsBoilerplate(string line)
    {
        var text = line.Trim();
        return text.Length > 0 && text.Length < 400 && (BoilerplateLine().IsMatch(text) || BracketedLinks().IsMatch(text));
    }

    /// <summary>True for a line that, above the title, is navigation, a breadcrumb or an image caption.</summary>
    public static bool IsLeadingNoise(string line)
    {
        var text = line.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (IsBoilerplate(text) || NavigationLine().IsMatch(text) || CaptionLine().IsMatch(text) || ImageFile().IsMatch(text)
            || FilingLabel().IsMatch(text) || IsByline(text))
        {
            return true;
        }

        return IsMenuRow(text);
    }

    /// <summary>
    /// A row of short menu items, wherever it stands: "Home | News | Events | Contact", "Evertiq · News · Events · Jobs", a
    /// breadcrumb ("Examplesite → INFOPOOL → MEDIZIN", "Home › News › 2010"), and a
    /// list archive's links in brackets ("[Date Prev] [Date Next] [Thread Index]", "[JPL News] [NASA Science News]").
    /// </summary>
    public static bool IsMenuRow(string line)
    {
        var items = line.Split(['|', '·', '•', '→', '›', '»'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return ((items.Length >= 3 && items.All(i => i.Split(' ').Length <= 3)) || BracketedLinks().IsMatch(line.Trim())) && !ContainsDate(line);
    }

    /// <summary>
    /// A byline ("By GRR 0", "Von Anna Muster", "Par Jean Dupont"): it names the writer or the republisher, never the
    /// issuer, so it is no mention of the site's name either.
    /// </summary>
    public static bool IsByline(string line) => Byline().IsMatch(line.Trim());

    // A filing's label above a company's release: "Exhibit 99.1", "EX-99.1", "EXHIBIT 99".
    [GeneratedRegex(@"^(?:exhibit|ex-?)\s*\d+(?:\.\d+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FilingLabel();

    [GeneratedRegex(@"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Dd]oor|[Aa]v|[Aa]f|[Dd]i|[Pp]or|[Dd]a)\s+\p{Lu}[\p{L}.'’\-]*(?:\s+(?:van|von|de|der|di|da|\p{Lu}[\p{L}.'’\-]*)){0,3}(?:\s*[|·,]?\s*\d{1,4})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Byline();

    [GeneratedRegex(@"^(?:\[[^\[\]]{1,60}\]\s*){3,}$", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedLinks();

    /// <summary>True for the lines a mail client puts above a forwarded message.</summary>
    public static bool IsForwardingLine(string line) => ForwardingLine().IsMatch(line.Trim());

    private static bool ContainsDate(string text) => DateFinder.FindFirst(text) is not null;

    [GeneratedRegex(
        @"^(these updates are republished|this (update|article|press release|story) (is|was) (originally )?(re)?published|republished (from|with)|" +
        @"never miss an update|sign up (for|to) (our|the) newsletter|subscribe to (our|the) newsletter|newsletter sign-?up$|" +
        @"follow us on\b|share (this|on)\b|(tweet|facebook|linkedin|e-?mail|print|whatsapp)(\s*[|·•,]\s*(tweet|facebook|linkedin|e-?mail|print|whatsapp|share))+$|" +
        @"back to (top|news|overview)$|all rights reserved\.?$|©\s*\d{4}\b.{0,60}$|.{0,80}\bnewsletter sign-?up$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplateLine();

    [GeneratedRegex(
        @"^(home|menu|search|skip to (main )?content|main menu|navigation|news|newsroom|press( releases?)?|press room|media|latest news|you are here:?.*|" +
        @"back( to .*)?|.*\s[>»›]\s.*|breadcrumb.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NavigationLine();

    [GeneratedRegex(
        @"^(\[?(image|photo|picture|foto|bild|illustration|caption|credit|photo credit|source|bildquelle|crédit photo)\b.{0,300}|.{0,200}\((photo|image|credit|foto)\s*:.{0,80}\)\.?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionLine();

    [GeneratedRegex(@"\.(jpe?g|png|gif|webp|svg)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImageFile();

    [GeneratedRegex(
        @"^(-{2,}\s*(forwarded message|original message|weitergeleitete nachricht|message transféré|doorgestuurd bericht|vidarebefordrat meddelande)\s*-{2,}|" +
        @"begin forwarded message:?|(from|de|von|van|från|fra|sent|gesendet|envoyé|date|datum|subject|betreff|objet|onderwerp|ämne|emne|to|an|à|aan|till|til|cc):\s.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForwardingLine();
}
