using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A label that announces a release rather than state its news: "Example University informs 2.9.2010".</summary>
internal static partial class HeadlineFinder
{
    /// <summary>
    /// True when a line is a sender's name and a verb of informing, with at most the day's date after it ("TAMPEREEN YLIOPISTO
    /// TIEDOTTAA 2.9.2010", "Example University informs", "Stadt Beispiel teilt mit:", "Università di Esempio informa - 3 marzo
    /// 2011"): a letterhead's label, never the headline. What it informs of ("... informs students of new fees") makes it a statement.
    /// </summary>
    internal static bool IsAnnouncementLabel(string line)
    {
        if (line.Length > 120 || TextCleaner.CountWords(line) > 10)
        {
            return false;
        }

        var match = AnnouncementLabel().Match(line.Trim());
        if (!match.Success)
        {
            return false;
        }

        var after = match.Groups["after"].Value.Trim(' ', ':', '-', '–', '—', ',', '|');
        return after.Length == 0 || (after.Any(char.IsAsciiDigit) && DateFinder.FindFirst(after) is not null && TextCleaner.CountWords(after) <= 4);
    }

    // A name of one to six words, a verb of informing in the languages of Europe, and whatever follows (checked to be a date).
    [GeneratedRegex(@"^(?:[\p{L}\p{N}&.'’\-]+\s+){1,6}(?:tiedottaa|tiedottavat|informs|inform|informa|informe|informiert|informieren|teilt\s+mit|teilen\s+mit|meddelar|informerar|informeert|deelt\s+mee|meddeler|informerer|upplýsir|informuje|oznamuje|tájékoztat|informează|ενημερώνει|сообщает|повідомляє|informa\s+que)(?<after>\s*[:\-–—,|]?(?:\s+[\p{L}\p{N}.,/\-]{1,20}){0,4})\s*[:.]?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex AnnouncementLabel();
}
