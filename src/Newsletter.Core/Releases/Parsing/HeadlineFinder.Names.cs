using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The names <see cref="HeadlineFinder"/> passes over because they name a publication, a site or a section rather than say
/// what happened, and the furniture a copied page carries around its headline: a page count, a release service's number and
/// categories, a notice of more than one sentence, an organisation's letterhead.
/// </summary>
internal static partial class HeadlineFinder
{
    /// <summary>A line that names a publication, a section or a site, or is a page's furniture: never the headline.</summary>
    internal static bool IsNameOrFurniture(string line) => IsPublicationName(line) || IsLabelRow(line) || IsFurniture(line) || IsCreditedSource(line);

    /// <summary>
    /// A publication's or a section's name: a few words holding a publication's or section's word, with nothing but names,
    /// short words, acronyms and an issue's date beside it ("Daily News 04 / 04 / 2019", "Newsletter vom 28.04.2016",
    /// "Jornal da USP online", "Medienmitteilungen der Stadt Zürich", "Press releases of the City of Leeds",
    /// "MINISTERE DE LA CULTURE infos"). A word in lower case that is none of those (a verb, "reaches", "eröffnet") makes it a
    /// statement, and names other than an organisation's make it a headline in title case.
    /// </summary>
    internal static bool IsPublicationName(string line)
    {
        var words = line.Split([' ', '|', '/', '·', ':', '–', '—', ',', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 8 || !words.Any(w => PublicationWords.Contains(TextCleaner.Key(w)) || SectionWords.Contains(TextCleaner.Key(w))))
        {
            return false;
        }

        var names = 0;
        foreach (var word in words)
        {
            var key = TextCleaner.Key(word);
            if (PublicationWords.Contains(key) || SectionWords.Contains(key) || JoiningWords.Contains(key) || word.Any(char.IsDigit)
                || DateFinder.IsMonthOrYear(word) || (word.Length <= 6 && word.All(char.IsUpper)))
            {
                continue;
            }

            if (!char.IsUpper(word[0]))
            {
                return false;
            }

            names++;
        }

        // A section of a named body ("Medienmitteilungen der Stadt Winterthur", "News from Leeds") names it whatever its kind.
        var sectionOf = words.Length >= 3 && (PublicationWords.Contains(TextCleaner.Key(words[0])) || SectionWords.Contains(TextCleaner.Key(words[0])))
            && words.Skip(1).TakeWhile(w => !char.IsUpper(w[0])).Any(w => JoiningWords.Contains(TextCleaner.Key(w)));
        return names == 0 || (names <= 3 && (sectionOf || OrganisationNames.LooksLikeOrganisation(line)));
    }

    /// <summary>
    /// An organisation's name and nothing else, in any case: every word capitalised or a name's small word, its kind word opening
    /// it ("Ministry of Information &amp; Broadcasting", "Department of Health") or ending it ("Example Foundation"). A kind word
    /// inside a title-case headline ("Example Foundation Opens Applications") or a word in lower case makes it a statement.
    /// </summary>
    internal static bool IsNameAlone(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 8 || line.Any(char.IsDigit) || !OrganisationNames.LooksLikeOrganisation(line)
            || !words.All(w => char.IsUpper(w[0]) || w is "&" || JoiningWords.Contains(w)))
        {
            return false;
        }

        return OrganisationNames.HasOrganisationWord(words[0]) || OrganisationNames.HasOrganisationWord(words[^1]);
    }

    /// <summary>
    /// An issuer's name on a line of its own: a name alone in any case, or a letterhead in capitals ("DEPARTMENT OF TRANSPORT").
    /// Such a line heads a release or names its sender; it never tells the news, so no headline opens or goes on with it.
    /// </summary>
    internal static bool IsIssuersName(string line) => IsNameAlone(line) || IsLetterhead(line);

    /// <summary>A row of short labels, a topic and a publication or a site's menu: "Chemistry | Science News", "Santé | Le Journal".</summary>
    internal static bool IsLabelRow(string line)
    {
        var parts = line.Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length is >= 2 and <= 10 && TextCleaner.CountWords(line) <= 10 && parts.All(p => TextCleaner.CountWords(p) <= 3);
    }

    /// <summary>
    /// An organisation's name in capitals, its kind first, as a letterhead sets it above the date line: "MINISTERE DE LA CULTURE
    /// ET DE LA COMMUNICATION", "DEPARTMENT OF TRANSPORT", "MINISTERIO DE CULTURA Y DEPORTE".
    /// </summary>
    internal static bool IsLetterhead(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 10 && !line.Any(char.IsLower) && OrganisationNames.HasOrganisationWord(words[0])
            && Letterhead().IsMatch(line);
    }

    /// <summary>
    /// Page furniture: a page count ("Page 1 of 4", "Seite 2 von 5"), a release service's number ("pts19990813026 ...") or its
    /// categories ("Medien/Kommunikation, Unternehmen/Wirtschaft").
    /// </summary>
    internal static bool IsFurniture(string line) =>
        line.Length <= 160 && (PageCount().IsMatch(line) || ServiceNumber().IsMatch(line) || CategoryList().IsMatch(line));

    /// <summary>
    /// A line of two sentences or more ("Updates will be displayed on this page. For up to date details see: ...") is a notice
    /// or running text, never a headline; a company form's or a title's full stop ("Example Holdings Inc. names", "Dr. Smith")
    /// ends no sentence.
    /// </summary>
    internal static bool HasSentenceBreak(string line)
    {
        if (line.Length > 400 || TextCleaner.CountWords(line) < 12)
        {
            return false;
        }

        foreach (Match match in SentenceBreak().Matches(line))
        {
            if (!Abbreviations.Contains(match.Groups["word"].Value.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The headline of a release a mail carries under its cover note ("Dear all, please find below the press release ...",
    /// "Press Release", "Saluggia, November 11, 2011", headline): a line that reads as a headline right under a date line
    /// among the body's first lines. -1 when none stands by a date line.
    /// </summary>
    internal static int DatedHeadline(IReadOnlyList<string> lines)
    {
        var scratch = new ReleaseDraft { Format = ReleaseFormat.Text };
        for (var i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            var line = lines[i].Trim();
            // A forwarded mail's header ("Date: ...", "Datum: ...") is no release's date line.
            if (line.Length == 0 || line.Length > 200 || HeaderField().IsMatch(line) || !(MetaLine.TryRead(line, scratch) || IsDateline(line)))
            {
                continue;
            }

            if (NextLine(lines, i) is { } below && lines[below].Trim() is var headline && IsHeadlineLike(headline) && !IsBodyParagraph(headline)
                && !HeaderField().IsMatch(headline) && !headline.StartsWith('[') && !Boilerplate.IsForwardingLine(headline))
            {
                return below;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first story of a digest mail, whose subject names the bulletin's issue ("Newsletter vom 28.04.2016"): past its
    /// salutation, its sections' names and its list of stories, the first line that reads as a headline, stands alone (a blank
    /// line or a rule above it, a blank line under it) and has running text under it. -1 when no story stands so.
    /// </summary>
    internal static int DigestStory(IReadOnlyList<string> lines, int from)
    {
        for (var i = Math.Max(from, 1); i < Math.Min(lines.Count - 2, from + 200); i++)
        {
            var line = lines[i].Trim();
            if (line.Length is 0 or > MaxTitleLength || !char.IsLetterOrDigit(line[0]) || !IsHeadlineLike(line) || IsBodyParagraph(line)
                || lines[i + 1].Trim().Length > 0 || lines[i - 1].Trim() is { Length: > 0 } above && !IsRule(above))
            {
                continue;
            }

            if (NextLine(lines, i) is { } next && IsBodyParagraph(lines[next].Trim()))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A line drawn across the text between a digest's parts: "----------", "==========", "__________".</summary>
    private static bool IsRule(string line) => line.Length >= 4 && line.All(c => c is '-' or '=' or '_' or '*' or '~');

    /// <summary>
    /// True when two lines share two words of four letters or more ("DiaSorin Q3 2011 results" and "The Board of Directors of
    /// DIASORIN S.p.A. approves the results for the third quarter of 2011"): a subject and the headline of the same release.
    /// </summary>
    internal static bool TellsTheSameStory(string? subject, string headline)
    {
        static HashSet<string> Words(string text) =>
            text.Split([' ', ',', ':', ';', '-', '–', '/', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Select(TextCleaner.Key).Where(k => k.Length >= 4).ToHashSet(StringComparer.Ordinal);

        var shared = Words(subject ?? string.Empty);
        shared.IntersectWith(Words(headline));
        return shared.Count >= 2;
    }

    /// <summary>True for a language's name, as a headline given in one language says: "(deutsch)", "(English)".</summary>
    internal static bool IsLanguageName(string word) => LanguageNames.Contains(TextCleaner.Key(word)) && word.Trim().Length > 2;

    private static readonly HashSet<string> PublicationWords =
    [
        "newsletter", "newsletters", "nieuwsbrief", "rundbrief", "infobrief", "bulletin", "boletin", "boletim", "bollettino", "journal",
        "jornal", "giornale", "zeitung", "magazine", "magazin", "revista", "rivista", "revue", "gazette", "gazeta", "daily", "weekly",
        "online", "infos", "info", "informations", "digest", "lettre", "noticia", "noticias", "notizie", "nouvelles", "tidning", "avis",
        "highlights", "briefing", "dispatch",
    ];

    private static readonly HashSet<string> JoiningWords =
    [
        "of", "the", "from", "for", "vom", "von", "der", "des", "die", "das", "du", "de", "la", "le", "les", "l", "d", "da", "do", "dos",
        "del", "di", "della", "van", "het", "y", "et", "and", "und", "e", "och", "en", "im", "am", "at", "in",
    ];

    private static readonly HashSet<string> Abbreviations =
        ["inc", "ltd", "corp", "co", "bros", "plc", "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "no", "nr", "vs", "gen", "gov", "sen", "rep", "dept"];

    [GeneratedRegex(@"^\S+\s+(?:of|for|de|du|des|d'|del|della|di|der|für|van|voor|för|for|do|da|dos)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Letterhead();

    [GeneratedRegex(@"^[\p{L}\-]{1,24}\s?:(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"^(?:page|seite|p[áa]gina|pag\.|blz\.|sida|side|sivu|strona)\s*\d{1,4}\s*(?:of|von|de|di|sur|van|av|af|z|/)\s*\d{1,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PageCount();

    // A release service's own number opening the line: letters and eight digits or more ("pts19990813026", "ots20210412003").
    [GeneratedRegex(@"^\p{L}{2,8}\d{8,20}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceNumber();

    // Two categories or more, each a pair of words joined by a slash: "Medien/Kommunikation, Unternehmen/Wirtschaft".
    [GeneratedRegex(@"^\p{L}[\p{L}\-]{1,30}/\p{L}[\p{L}\-]{1,30}(?:\s*,\s*\p{L}[\p{L}\-]{1,30}/\p{L}[\p{L}\-]{1,30}){1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryList();

    [GeneratedRegex(@"\b(?<word>\p{L}{0,40}\p{Ll}{2})[.!?]\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}
