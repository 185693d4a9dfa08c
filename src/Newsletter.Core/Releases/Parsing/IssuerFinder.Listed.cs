using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A listed company's release about a public authority's decision on it: the company, not the authority, issued it.</summary>
internal static partial class IssuerFinder
{
    /// <summary>
    /// The dateline sentence's subject, unless it is a public authority (an administration, agency, commission, ministry,
    /// court) acting on a company the opening names with its stock ticker ("The U.S. Food and Drug Administration today
    /// granted ... to X (NYSE: DGX)", "Die Bundesagentur für X hat heute ... Y AG (XETRA: BPA) ..."): an authority lists no
    /// shares, and a company that names its own listing tells its shareholders of the decision. A joint subject that the
    /// listed company opens ("X (EURONEXT: SAN and NYSE: SNY) and Y, Inc. (NASDAQ: REGN) announced today") is that company's.
    /// </summary>
    private static string? UnlessAnAuthorityOnTheListed(string? subject, string? listed)
    {
        try
        {
            if (subject is null || listed is null)
            {
                return subject;
            }

            return PublicAuthority().IsMatch(subject) ? null
                : subject.StartsWith(listed + " ", StringComparison.Ordinal) && JointSubject().IsMatch(subject[listed.Length..]) ? listed
                : subject;
        }
        catch (RegexMatchTimeoutException)
        {
            return subject;
        }
    }

    // The words of a public authority's name in the languages releases come in: "Food and Drug Administration", "European
    // Commission", "Bundesagentur für ...", "Autorité des marchés financiers", "Comisión Nacional del Mercado de Valores".
    [GeneratedRegex(@"(?<![\p{L}\-])(?:Administration|Agency|Authority|Commission|Ministry|Department|Court|Government|Regulator|Bundes\p{Ll}+|Behörde|Ministerium|Kommission|Gericht|Aufsicht|Agentur|Regierung|Autorité|Agence|Ministère|Tribunal|Cour|Gouvernement|Comisión|Agencia|Ministerio|Autoridad|Gobierno|Superintendencia|Autorità|Agenzia|Commissione|Ministero|Tribunale|Governo|Autoriteit|Agentschap|Ministerie|Commissie|Rechtbank|Comissão|Agência|Ministério|Autoridade)(?![\p{L}\-])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PublicAuthority();

    // The second name of a joint subject: " and Y, Inc.", " und Y AG", " et Y SA", " e Y S.p.A.", " y Y S.A.".
    [GeneratedRegex(@"^\s+(?:and|&|und|et|e|y|en|och|og)\s+\p{Lu}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex JointSubject();
}
