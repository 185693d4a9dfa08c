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

    /// <summary>The index of the title line (the first of a headline wrapped over two), or -1 when the lines hold none.</summary>
    public static int Find(IReadOnlyList<string> lines, int start) => WrapStart(lines, FindLine(lines, start), start);

    private static int FindLine(IReadOnlyList<string> lines, int start)
    {
        var candidates = new List<int>();
        var chrome = new List<int>();
        var meta = new HashSet<int>();
        var contacts = new HashSet<int>();
        var scratch = new ReleaseDraft { Format = ReleaseFormat.Text };
        int? bodyStart = null;
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

            if (ContactLine().IsMatch(line))
            {
                // A press contact under the headline stands where a date line would; above it, only a headline counts.
                contacts.Add(i);
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
                        bodyStart = i;
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

            if (IsChrome(line) || IsNameOrFurniture(line))
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

        // A breadcrumb ("You are here: News » Title", "Você está aqui: Notícias » Título") ends with the page's own name: the
        // line below it that repeats that crumb is the headline, whatever chrome stands around it.
        if (BreadcrumbHeadline(lines, start) is { } crumb)
        {
            return crumb;
        }

        foreach (var candidate in candidates)
        {
            // A line that carries its own date is the headline itself: "Title 21 oktober 1999", "15. Dezember 2014: Title".
            if (HeadlineDate.TrySplit(lines[candidate], trailing: true, out _, out _))
            {
                return candidate;
            }

            if (NextLine(lines, candidate) is { } next && meta.Contains(next) && !EndsLikeSentence(lines[candidate])
                && (!contacts.Contains(next) || IsHeadlineLike(lines[candidate].Trim())))
            {
                // The second half of a headline wrapped over two lines ("... in the European Union" over "for Previously Treated
                // Cancer"), right above the date line: the headline, whatever reads as one under the date.
                if (IsSecondHalf(lines, candidate, start))
                {
                    return candidate;
                }

                // A date line above the headline, under a menu entry ("Blog", "Presse"): the headline is the line below the date.
                // So is an organisation's letterhead in capitals above the date line ("MINISTERE DE LA CULTURE", date, headline).
                if ((!IsHeadlineLike(lines[candidate].Trim()) || IsLetterhead(lines[candidate].Trim())) && HeadlineBelow(lines, next, candidates) is { } below)
                {
                    return below;
                }

                // So is a menu's last entry ("Research", "Teaching", "Life on campus", date, headline): a short line in a column of
                // short lines gives way to the longer headline under the date.
                if (IsMenuEntry(lines, candidate, start) && HeadlineBelow(lines, next, candidates) is { } underTheDate
                    && TextCleaner.CountWords(lines[underTheDate]) > TextCleaner.CountWords(lines[candidate]))
                {
                    return underTheDate;
                }

                // A headline the page repeats right under its date line ("Title", "Date Published: ...", "Title") is that line, whatever
                // chrome above it reads as headlines ("Welcome to Example Service", "Select a park to view a list of ...").
                if (NextLine(lines, next) is { } under && TextCleaner.Key(lines[under]) is { Length: > 0 } repeated
                    && repeated == TextCleaner.Key(lines[candidate]))
                {
                    return candidate;
                }

                return IsHeadlineLike(lines[candidate].Trim()) ? FirstOfRun(lines, candidates, candidate) : candidate;
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
        if (headline >= 0 && bodyStart is { } body && AboveTheBody(lines, candidates, headline, body) is { } aboveTheBody)
        {
            return aboveTheBody;
        }

        return headline >= 0 ? headline : candidates[0];
    }

    /// <summary>
    /// The headline is the line the body follows. When the first headline-like line is parted from the body by more than a
    /// deck (a sign-up prompt above a menu's entries: "Receive our news by email!", "View", "Subscribe", "by view order"),
    /// it is chrome, and the headline is the headline-like line right above the body (or the one above that, the deck's title).
    /// </summary>
    private static int? AboveTheBody(IReadOnlyList<string> lines, List<int> candidates, int first, int body)
    {
        var between = candidates.Where(c => c > first && c < body).ToList();
        if (between.Count < 2 || !IsHeadlineLike(lines[between[^1]].Trim())
            || !between.Any(c => TextCleaner.CountWords(lines[c]) <= 2 && !IsHeadlineLike(lines[c].Trim())))
        {
            return null;
        }

        var last = between[^1];
        var previous = between[^2];
        return NextLine(lines, previous) == last && IsHeadlineLike(lines[previous].Trim()) ? previous : last;
    }

    /// <summary>
    /// The headline above its decks: a run of headline-like lines right above the date line is the headline and the decks
    /// (highlights) under it ("RESULTATS SEMESTRIELS 2016 : ...", "Forte hausse des ventes organiques : +2,9%", ...), so the
    /// first line of the run is the title.
    /// </summary>
    private static int FirstOfRun(IReadOnlyList<string> lines, List<int> candidates, int last)
    {
        // A line the run holds already ends it: a repeated headline ("Title", "Title", date) is the headline, and a listing's
        // stamp repeated for each entry ("1 day 1 hour ago", "Title", "1 day 1 hour ago") is no deck. So does an issuer's name alone
        // above it ("Ministry of Information & Broadcasting"): a letterhead, not the headline.
        var first = last;
        var seen = new HashSet<string>(StringComparer.Ordinal) { TextCleaner.Key(lines[last]) };
        for (var previous = candidates.LastOrDefault(c => c < first, -1);
             previous >= 0 && NextLine(lines, previous) == first && IsHeadlineLike(lines[previous].Trim()) && !IsNameAlone(lines[previous].Trim());
             previous = candidates.LastOrDefault(c => c < first, -1))
        {
            var key = TextCleaner.Key(lines[previous]);
            if (!seen.Add(key))
            {
                return key == TextCleaner.Key(lines[first]) ? previous : first;
            }

            first = previous;
        }

        return first;
    }

    /// <summary>The line, within a few lines below a breadcrumb, that repeats the breadcrumb's last crumb.</summary>
    private static int? BreadcrumbHeadline(IReadOnlyList<string> lines, int start)
    {
        for (var i = start; i < Math.Min(lines.Count, start + 60); i++)
        {
            var crumbs = lines[i].Split(['»', '›', '>'], StringSplitOptions.TrimEntries);
            // A breadcrumb that ends on a section ("Home › Media › Media Releases") names no release.
            if (crumbs.Length < 2 || TextCleaner.Key(crumbs[^1]) is not { Length: >= 12 } last || IsChrome(crumbs[^1]))
            {
                continue;
            }

            var below = i;
            for (var seen = 0; seen < 3 && NextLine(lines, below) is { } next; seen++, below = next)
            {
                if (TextCleaner.Key(lines[next]) == last)
                {
                    return next;
                }
            }
        }

        return null;
    }

    /// <summary>A press contact's line: "Contact: Jane Doe, +1 555 0100", "Media contact: ...", "Kontakt: ...".</summary>
    internal static bool IsContactLine(string line) => ContactLine().IsMatch(line);

    /// <summary>A line of three words or more that does not end like a sentence.</summary>
    /// <remarks>
    /// A headline starts with a capital or a digit ("iPhone", "idw-Nutzerbeirat" count: a word with a capital in it), never
    /// with a word in lower case ("by view order"), and does not stop on an article or preposition ("Find out how you can
    /// start using X to"): such a line is a control or a fragment.</remarks>
    public static bool IsHeadlineLike(string line) =>
        TextCleaner.CountWords(line) >= 3 && !Bare(line).EndsWith('.') && !Bare(line).EndsWith(':') && !StartsInLowerCase(line)
        && !DanglingEnd().IsMatch(line) && !IsChrome(line) && !IsNameOrFurniture(line) && !HasSentenceBreak(line);

    // A line without the emphasis a plain text marks it with ("*Rector at the opening:*", "_Note:_").
    private static string Bare(string line) => line.Trim().Trim('*', '_').TrimEnd();

    /// <summary>
    /// A full stop that ends a sentence, not a company form's or an initial's: a line right above the date line may end
    /// "... van Novisource N.V." or "... Holdings Inc." and still be the headline.
    /// </summary>
    private static bool EndsLikeSentence(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.EndsWith('.') && !AbbreviationEnd().IsMatch(trimmed);
    }

    private static bool StartsInLowerCase(string line)
    {
        var first = line.TrimStart().Split(' ', 2)[0];
        return first.Length > 0 && first.All(char.IsLetter) && first.All(char.IsLower);
    }

    /// <summary>A paragraph of running text: many words, or a full sentence.</summary>
    internal static bool IsBodyParagraph(string line)
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
        return TextCleaner.CountWords(line) >= 8 && DatelineStart().IsMatch(head)
            && (DateFinder.FindFirst(head) is not null || DateFinder.IsYearlessDateline(line));
    }

    private static bool IsDateLineAt(IReadOnlyList<string> lines, int? index) =>
        index is { } i && (IsDateline(lines[i].Trim()) || MetaLine.TryRead(lines[i].Trim(), new ReleaseDraft { Format = ReleaseFormat.Text }));

    /// <summary>The headline under a date line, past an issue number or other chrome between them ("Nr. 13").</summary>
    private static int? HeadlineBelow(IReadOnlyList<string> lines, int dateLine, List<int> candidates)
    {
        var below = NextLine(lines, dateLine);
        for (var skipped = 0; below is { } chrome && skipped < 2 && !candidates.Contains(chrome)
             && (IsChrome(lines[chrome].Trim()) || IsNameOrFurniture(lines[chrome].Trim())); skipped++)
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

    // A press contact under the headline: "Contact: Jane Doe, +1 555 0100", "Media contact: ...", "Kontakt: ...".
    [GeneratedRegex(@"^(?:media\s+|press\s+|presse)?(?:contacts?|kontakt|contacto|contatto|contatti)\s*:\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactLine();

    // A company form or initials with their full stops at the end of a line: "N.V.", "S.p.A.", "Inc.", "Ltd.", "Corp.", "Co.".
    [GeneratedRegex(@"(?:\b\p{L}{1,2}\.){2,4}$|\b(?:inc|ltd|corp|co|bros|plc)\.$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AbbreviationEnd();

    // The place and date a dateline opens with, or a date straight away.
    [GeneratedRegex(@"^(?:\p{Lu}[\p{L}.'\- ]{1,40},|\p{N}|\p{L}+\s+\p{N})", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineStart();
}
