using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>An e-mail's subject that names no release, only its kind: the body's own headline is the title.</summary>
internal static partial class HeadlineFinder
{
    /// <summary>
    /// True when a subject names the kind of message and no news: a release's label alone ("Press Release", "Pressemitteilung"),
    /// page chrome, or a topic of a word or two in capitals before a release's label ("Re Agreement - Press Release", "Dividend –
    /// Communiqué").
    /// </summary>
    internal static bool IsNoHeadline(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return false;
        }

        var title = TitleLine.WithoutLabelAndSuffix(TextCleaner.SingleLine(subject));
        var label = TrailingReleaseLabel().Match(title);
        if (label.Success)
        {
            title = title[..label.Index].Trim();
        }

        // A topic in capitals says nothing happened ("Re Agreement"); a word in lower case makes it a statement ("Merger completed").
        // A publication's name (a digest's "Newsletter vom 14.05.2019") is left to the digest's own rule.
        return title.Length == 0 || IsChrome(title)
            || (label.Success && TextCleaner.CountWords(title) < 3 && title.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => !char.IsLower(w[0])));
    }

    /// <summary>
    /// The body's headline for a subject that names none: the line the headline rules find when it stands alone (a blank line or
    /// the text's start above it, a blank line or its second line and a blank line below it); in a body wrapped at a fixed width,
    /// whose short lines all read as candidates, the first line without a date that reads as a headline and stands alone. -1 when
    /// none does.
    /// </summary>
    internal static int SubjectsStandIn(IReadOnlyList<string> lines, int from)
    {
        // A line with a date is a date line or a contact's ("Jane Doe, 202/555-0100 April 18, 1996"), and one that ends on a comma a
        // salutation ("Dear readers,"): never the headline.
        bool Fits(int i) => lines[i].Trim() is var line && IsHeadlineLike(line) && !IsNoHeadline(line) && !IsBodyParagraph(line)
            && !line.EndsWith(',') && DateFinder.FindFirst(line) is null;

        bool Blank(int i) => i < 0 || i >= lines.Count || lines[i].Trim().Length == 0;

        // Alone, or the first of two headline lines set apart together.
        bool StandsAlone(int i) => (i <= from || Blank(i - 1))
            && (Blank(i + 1) || ((Continues(lines, i) || IsHeadlineLike(lines[i + 1].Trim())) && Blank(i + 2)));

        var found = Find(lines, from);
        if (found >= 0 && Fits(found) && StandsAlone(found))
        {
            return found;
        }

        for (var i = from; i < Math.Min(lines.Count, from + 40); i++)
        {
            if (!Blank(i) && Fits(i) && StandsAlone(i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The body's own headline in capitals, the first line past a release's label, when it tells the subject's story in full: the
    /// subject is its short form ("X Group: two minutes of silence today" over "THE X GROUP TO OBSERVE TWO MINUTES OF SILENCE" /
    /// "TODAY, JULY 14 AT 1 pm CET ..."). -1 when the body opens otherwise, with a letterhead or with another story.
    /// </summary>
    internal static int FullerCapitalsHeadline(IReadOnlyList<string> lines, int from, string? subject)
    {
        for (var i = from; i < Math.Min(lines.Count, from + 12); i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || (TextCleaner.CountWords(line) <= 6 && IsChrome(line)))
            {
                continue;
            }

            if (!InCapitals(line) || !IsHeadlineLike(line) || IsIssuersName(line))
            {
                return -1;
            }

            var full = Continues(lines, i) ? $"{line} {lines[i + 1].Trim()}" : line;
            var shortForm = TitleLine.WithoutLabelAndSuffix(TextCleaner.SingleLine(subject ?? string.Empty));
            return TellsTheSameStory(shortForm, full) && TextCleaner.CountWords(full) > TextCleaner.CountWords(shortForm) ? i : -1;
        }

        return -1;
    }

    /// <summary>A line set in capitals: nearly all its letters upper case ("TODAY, JULY 14 AT 1 pm CET" counts).</summary>
    internal static bool InCapitals(string line)
    {
        var letters = line.Where(char.IsLetter).ToList();
        return letters.Count >= 8 && letters.Count(char.IsUpper) >= letters.Count * 0.85;
    }

    // A release's label after the subject's topic: " - Press Release", " – Pressemitteilung", " | Communiqué de presse".
    [GeneratedRegex(@"\s+[–—|\-:]\s+(?:(?:press|news|media)\s+)?(?:releases?|pressemitteilung|presseinformation|medienmitteilung|communiqu[ée](?:\s+de\s+presse)?|comunicado(?:\s+de\s+prensa)?|nota\s+de\s+prensa|comunicato(?:\s+stampa)?|persbericht|pressmeddelande|tiedote|lehdistötiedote)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex TrailingReleaseLabel();
}
