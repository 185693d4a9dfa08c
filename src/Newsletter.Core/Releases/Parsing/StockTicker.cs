using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A listed company's stock ticker as releases write it after the company's name: "Cygnus, Inc. (Nasdaq: CYGN)",
/// "BioReliance Corporation (Nasdaq: BREL)", "Medexus Pharmaceuticals Inc. (TSXV: MDP)", with a comma before the bracket ("Example Biotech, Inc., (NASDAQ: EXBT)"). The ticker names the company
/// before it (a company announcing its own news names its listing) and is no name itself: not an acronym, not a domain's.
/// </summary>
internal static partial class StockTicker
{
    /// <summary>The text without its tickers; the text as it is where the pattern runs out of time on it.</summary>
    public static string Strip(string text)
    {
        try
        {
            return Ticker().Replace(text, string.Empty);
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    /// <summary>The first company the paragraphs name with a ticker, in mixed case (a name in capitals is a headline's), or null.</summary>
    public static string? CompanyNamed(IEnumerable<string> paragraphs)
    {
        try
        {
            foreach (var paragraph in paragraphs)
            {
                foreach (Match ticker in Ticker().Matches(paragraph))
                {
                    var before = paragraph[..ticker.Index].TrimEnd().TrimEnd(',');
                    var name = NameBeforeTicker().Match(before.Length > 150 ? before[^150..] : before);
                    if (name.Success && name.Groups["org"].Value.Any(char.IsLower))
                    {
                        return name.Groups["org"].Value;
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }

        return null;
    }

    // "(Nasdaq: TNXP)", "(NYSE American: XYZ)", "(TSXV: MDP)", "(OTCQX: IDXG)", "(Frankfurt: P731)", an exchange named by its city
    // ("(Paris:CA)"), and a company listed on several exchanges at once ("(EURONEXT: SAN and NYSE: SNY)", "(TSX: EXA; NYSE: EXY)").
    [GeneratedRegex(@"\s*\((?:NASDAQ|Nasdaq|NYSE|Nyse|AMEX|Amex|OTC|TSX|TSXV|TSX-V|ASX|LSE|AIM|SIX|XETRA|Xetra|EURONEXT|Euronext|Frankfurt|FWB|OTCQX|OTCQB|OTCBB|CSE|NZX|JSE|HKEX|SGX|TASE|Paris|Amsterdam|Brussels|Bruxelles|Lisbon|Lisboa|Milan|Milano|Madrid|Oslo|Stockholm|Helsinki|Copenhagen|Tokyo|London|Zurich|Zürich|Vienna|Wien|Dublin|Warsaw|Toronto|Sydney)(?:[\s\-][\p{L}]+){0,2}\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,7}(?:\s*(?:,|;|/|&|and|und|et|y|e)\s*(?:NASDAQ|Nasdaq|NYSE|Nyse|AMEX|Amex|OTC|TSX|TSXV|ASX|LSE|AIM|SIX|XETRA|Xetra|EURONEXT|Euronext|Frankfurt|FWB|OTCQX|OTCQB|CSE|NZX|JSE|HKEX|SGX|TASE|Paris|Amsterdam|Brussels|Madrid|Oslo|Stockholm|Helsinki|Copenhagen|Tokyo|London|Zurich|Zürich|Vienna|Wien|Dublin|Warsaw|Toronto|Sydney)(?:[\s\-][\p{L}]+){0,2}\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,7}){0,3}\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Ticker();

    // The company's name right before its ticker, with a corporate suffix after a comma ("Cygnus, Inc.").
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?<org>(?:[Tt]he\s+)?\p{Lu}[\p{L}\p{N}&'’\-]*\.?(?:\s+(?:of|and|&|for|the|de|du|der|\p{Lu}[\p{L}\p{N}&'’\-]*\.?)){0,7}(?:,?\s+(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|AG|SA|S\.A|N\.V|B\.V|GmbH|SE|AB|ASA|A/S|Oyj)\.?)?)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NameBeforeTicker();
}
