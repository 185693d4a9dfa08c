using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The title of a plain-text release that may start with a copied page's chrome (a close-button label,
/// the site's or department's name, "Home", "Menu", section names, a search box's label): the line that
/// reads as the headline is the one followed by a date line or a dateline; when a headline-like line
/// stands right above it, that line is the title and the other its deck. Without a date line, the first
/// line of three words or more that is not a sentence is the title; failing that, the first line.
/// </summary>
internal static partial class HeadlineFinder
{
    private const int MaxTitleLength = 300;
    private const int Window = 30;

    /// <summary>The index of the title line, or -1 when the lines hold none.</summary>
    public static int Find(IReadOnlyList<string> lines, int start)
    {
        var candidates = new List<int>();
        var chrome = new List<int>();
        var meta = new HashSet<int>();
        var scratch = new ReleaseDraft { Format = ReleaseFormat.Text };
        for (var i = start; i < lines.Count && candidates.Count + meta.Count < Window; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (MetaLine.TryRead(line, scratch) || IsDateline(line))
            {
                meta.Add(i);
                continue;
            }

            if (IsBodyParagraph(line))
            {
                // A teaser above the release (a logo's words, a blurb, then the release's date line and its headline) is
                // passed over while no line above it reads as a headline.
                if (candidates.Any(c => IsHeadlineLike(lines[c].Trim())) || !IsDateLineAt(lines, NextLine(lines, i)))
                {
                    if (candidates.Count > 0)
                    {
                        break;
                    }
                }
                else
                {
                    continue;
                }
            }

            if (line.Length > MaxTitleLength || !line.Any(char.IsLetter) || Boilerplate.IsLeadingNoise(line))
            {
                continue;
            }

            if (IsChrome(line))
            {
                chrome.Add(i);
            }
            else
            {
                candidates.Add(i);
            }
        }

        if (candidates.Count == 0)
        {
            return chrome.Count > 0 ? chrome[0] : -1;
        }

        foreach (var candidate in candidates)
        {
            // A line that carries its own date is the headline itself: "Title 21 oktober 1999", "15. Dezember 2014: Title".
            if (HeadlineDate.TrySplit(lines[candidate], trailing: true, out _, out _))
            {
                return candidate;
            }

            if (NextLine(lines, candidate) is { } next && meta.Contains(next) && !lines[candidate].TrimEnd().EndsWith('.'))
            {
                // A date line above the headline, under a menu entry ("Blog", "Presse"): the headline is the line below the date.
                if (!IsHeadlineLike(lines[candidate].Trim()) && HeadlineBelow(lines, next, candidates) is { } below)
                {
                    return below;
                }

                var previous = candidates.LastOrDefault(c => c < candidate, -1);
                return previous >= 0 && NextLine(lines, previous) == candidate && IsHeadlineLike(lines[previous].Trim())
                       && IsHeadlineLike(lines[candidate].Trim()) ? previous : candidate;
            }
        }

        // A date line with only chrome above it (a blog's "Monday, June 22, 2020" under its menu): the headline is below the date.
        foreach (var dateLine in meta.Order())
        {
            if (PreviousLine(lines, dateLine, start) is not { } above || !candidates.Contains(above))
            {
                if (HeadlineBelow(lines, dateLine, candidates) is { } below)
                {
                    return below;
                }
            }
        }

        var headline = candidates.FirstOrDefault(c => IsHeadlineLike(lines[c].Trim()), -1);
        return headline >= 0 ? headline : candidates[0];
    }

    /// <summary>A line of three words or more that does not end like a sentence.</summary>
    public static bool IsHeadlineLike(string line) =>
        TextCleaner.CountWords(line) >= 3 && !line.EndsWith('.') && !line.EndsWith(':') && !IsChrome(line);

    /// <summary>A paragraph of running text: many words, or a full sentence.</summary>
    private static bool IsBodyParagraph(string line)
    {
        var words = TextCleaner.CountWords(line);
        return words >= 25 || (words >= 12 && line.EndsWith('.'));
    }

    /// <summary>"PITTSBURGH, Pa., February 26, 2009 -- The ...": a date early in a line of running text.</summary>
    private static bool IsDateline(string line)
    {
        // "11. Dezember 2019: Title" is a headline with its date, not a dateline.
        if (HeadlineDate.TrySplitLeading(line, out var rest, out _) && !rest.EndsWith('.') && !IsBodyParagraph(rest))
        {
            return false;
        }

        var head = line.Length > 120 ? line[..120] : line;
        return TextCleaner.CountWords(line) >= 8 && DatelineStart().IsMatch(head) && DateFinder.FindFirst(head) is not null;
    }

    private static bool IsDateLineAt(IReadOnlyList<string> lines, int? index) =>
        index is { } i && (IsDateline(lines[i].Trim()) || MetaLine.TryRead(lines[i].Trim(), new ReleaseDraft { Format = ReleaseFormat.Text }));

    /// <summary>The headline under a date line, past an issue number or other chrome between them ("Nr. 13").</summary>
    private static int? HeadlineBelow(IReadOnlyList<string> lines, int dateLine, List<int> candidates)
    {
        var below = NextLine(lines, dateLine);
        for (var skipped = 0; below is { } chrome && skipped < 2 && !candidates.Contains(chrome) && IsChrome(lines[chrome].Trim()); skipped++)
        {
            below = NextLine(lines, chrome);
        }

        return below is { } line && candidates.Contains(line) && IsHeadlineLike(lines[line].Trim()) ? line : null;
    }

    private static int? PreviousLine(IReadOnlyList<string> lines, int index, int start)
    {
        for (var i = index - 1; i >= start; i--)
        {
            if (lines[i].Trim().Length > 0)
            {
                return i;
            }
        }

        return null;
    }

    private static int? NextLine(IReadOnlyList<string> lines, int index)
    {
        for (var i = index + 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Page furniture a copied web page brings: site and section names, controls, addresses and numbers.</summary>
    internal static bool IsChrome(string line)
    {
        var words = TextCleaner.CountWords(line);
        return AddressLine().IsMatch(line) || (words <= 6 && (ControlLine().IsMatch(line) || ReleaseLabel().IsMatch(line) || IssueNumber().IsMatch(line)))
            || IsSectionName(line);
    }

    /// <summary>A section's name: a few words, all of them section vocabulary ("Latest News", "NSF Funded News", "Aktuelle Pressemitteilungen").</summary>
    /// <remarks>
    /// A listing's heading may name its month or year and one topic: "News archive: Research press releases 2021",
    /// "Pressemitteilungen – April 2019", "Archive 2015".</remarks>
    internal static bool IsSectionName(string line)
    {
        var words = line.Split([' ', '|', '/', '·', ':', '–', '—', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w != "-").ToArray();
        var known = words.Count(w => SectionWords.Contains(TextCleaner.Key(w)));
        if (known == 0)
        {
            return false;
        }

        var dated = words.Count(w => DateFinder.IsMonthOrYear(w));
        var other = words.Count(w => !SectionWords.Contains(TextCleaner.Key(w)) && !DateFinder.IsMonthOrYear(w) && !(w.Length <= 5 && w.All(char.IsUpper)));
        return (words.Length <= 4 && dated == 0 && other == 0) || (words.Length <= 8 && dated >= 1 && other <= 1);
    }

    private static readonly HashSet<string> SectionWords =
    [
        "news", "newsroom", "press", "release", "releases", "pressreleases", "latest", "breaking", "recent", "featured", "funded", "all",
        "stories", "updates", "archive", "archief", "archiv", "events", "multimedia", "media", "home", "contact", "about", "categories",
        "kategorien", "startseite", "aktuelles", "aktuelle", "pressemitteilungen", "pressemitteilung", "presseinformationen", "nachrichten",
        "accueil", "actualites", "communiques", "inicio", "noticias", "notizie", "comunicati", "nieuws", "persberichten", "nyheter",
        "pressmeddelanden", "announcements", "blog", "presse", "and", "de", "la", "der", "our",
        // A distributor's or wire's tagline: "PRESS RELEASES DISTRIBUTION", "News Distribution Service", "Pressedienst".
        "distribution", "wire", "newswire", "service", "services", "pressedienst", "nachrichtendienst", "comunicados", "notas", "prensa",
        "stampa", "communique", "communiques", "persdienst",
    ];

    [GeneratedRegex(@"^(?:\S+\.(?:com|org|net|edu|gov|de|fr|nl|se|es|it|ch|at|uk|eu|info|io)|\S+@\S+|[+()\d\s./-]{6,})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressLine();

    [GeneratedRegex(@"\b(?:search|suche|recherche|zoeken|sök|buscar|cerca|filter|sort by|log ?in|sign ?in|close|schließen|fermer|sluiten|stäng|cerrar|chiudi|skip to|a\s+a|" +
        @"saltar\s+a[l]?|ir\s+al\s+contenido|aller\s+au|passer\s+au\s+contenu|zum\s+inhalt|direkt\s+zum|springe\s+zu|vai\s+al|salta\s+al|" +
        @"naar\s+(?:de\s+)?(?:inhoud|hoofdinhoud)|hoppa\s+till|gå\s+til|spring\s+til|pular\s+para)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControlLine();

    // A release's kind and number above its headline: "eso9015 — Organisation Release", "ESO Press Release",
    // "PERSBERICHT", "Pressemitteilung Nr. 23/2014", "Communiqué de presse", "Nota de prensa".
    [GeneratedRegex(@"^(?:[\p{L}]*\d[\w/.\-]*\s*[—–:|\-]?\s*)?(?:\p{L}+\s+){0,2}(?:(?:press|news|media)\s+)?(?:release|pressemitteilung|presseinformation|pressemeldung|communiqu[ée](?:\s+de\s+presse)?|persbericht|pressmeddelande|nota\s+de\s+prensa|comunicado(?:\s+de\s+prensa)?|comunicato(?:\s+stampa)?)(?:\s*(?:no\.?|nr\.?|n°|#)?\s*[\w/.\-]*\d[\w/.\-]*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseLabel();

    // An issue's number standing alone: "Nr. 13", "No. 5/2019", "N° 12".
    [GeneratedRegex(@"^(?:nr|no|n°|nº|núm|num|#)\.?\s*\d[\d/.\-]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IssueNumber();

    // The place and date a dateline opens with, or a date straight away.
    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}.'\- ]{1,40},|\p{N}|\p{L}+\s+\p{N})", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineStart();
}
