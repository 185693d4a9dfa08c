namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// Plain-text releases, in the shape the network's site shows them: a title, a line with the date and
/// organisation, a republisher notice, then the body in paragraphs separated by blank lines.
/// </summary>
internal static class PlainTextReader
{
    private const int MaxTitleLength = 300;

    public static ReleaseDraft Read(string text, CancellationToken budget, ReleaseFormat format = ReleaseFormat.Text)
    {
        var draft = new ReleaseDraft { Format = format, Budget = budget };
        ReadInto(draft, text, isEmailBody: false);
        return draft;
    }

    /// <summary>Fills the draft from plain text; an e-mail body keeps the subject as its title.</summary>
    public static void ReadInto(ReleaseDraft draft, string text, bool isEmailBody)
    {
        var lines = TextCleaner.NormalizeSpaces(text).Split('\n');
        var index = 0;

        if (draft.Title is null)
        {
            var title = HeadlineFinder.Find(lines, 0);
            for (; title >= 0 && index < title; index++)
            {
                // Above the title: chrome is dropped, but a meta line or a dated notice still counts.
                var line = lines[index].Trim();
                if (line.Length > 0 && !MetaLine.TryRead(line, draft))
                {
                    FooterDate(line, draft);
                    if (line.Length <= 300 && draft.ChromeLines.Count < 20)
                    {
                        draft.ChromeLines.Add(line);
                    }
                }
            }

            if (title >= 0)
            {
                // A headline wrapped over two lines is one.
                var wrapped = HeadlineFinder.Continues(lines, title);
                draft.Title = wrapped ? $"{lines[title].Trim()} {lines[title + 1].Trim()}" : lines[title].Trim();
                index = title + (wrapped ? 2 : 1);
                // A headline cut in the middle of a word, set in full a few lines below: the full one, once.
                if (!wrapped && HeadlineFinder.FullFormOfCutHeadline(lines, title) is var fullForm and >= 0)
                {
                    draft.Title = lines[fullForm].Trim();
                    lines[fullForm] = string.Empty;
                }
            }
        }
        else if (isEmailBody)
        {
            index = SkipToTheSubjectsHeadline(lines, draft);
            if (HeadlineFinder.IsPublicationName(draft.Title) && HeadlineFinder.DigestStory(lines, index) is var story and >= 0)
            {
                // A digest's subject names its issue ("Newsletter vom 28.04.2016"): its first story's headline is the title, and the
                // salutation and list of stories above it (with their events' dates) are neither body nor the release's date.
                draft.Title = lines[story].Trim();
                index = story + 1;
            }

            if (index == 0 && HeadlineFinder.DatedHeadline(lines) is var dated and >= 0
                && !TextCleaner.Key(draft.Title).Contains(TextCleaner.Key(lines[dated]), StringComparison.Ordinal)
                && HeadlineFinder.TellsTheSameStory(draft.Title, lines[dated]))
            {
                // A cover note above the release: the release's own headline, by its date line, is the title when it tells the
                // subject's story in full (a line the subject holds already, "SYNTHÈSE DE PRESSE" under "Exemple : Synthèse
                // de presse – 3 juin 2024", is no other, nor is a section's heading or a salutation that shares none of its words).
                for (; index < dated; index++)
                {
                    MetaLine.TryRead(lines[index].Trim(), draft);
                }

                draft.Title = lines[dated].Trim();
                index = dated + 1;
            }

            // A subject that is the headline's short form, the body setting it in full in capitals: the body's headline.
            if (HeadlineFinder.FullerCapitalsHeadline(lines, index, draft.Title) is var full and >= 0)
            {
                var wrapped = HeadlineFinder.Continues(lines, full);
                draft.Title = wrapped ? $"{lines[full].Trim()} {lines[full + 1].Trim()}" : lines[full].Trim();
                lines[full] = string.Empty;
                if (wrapped)
                {
                    lines[full + 1] = string.Empty;
                }
            }
            else if (HeadlineFinder.IsNoHeadline(draft.Title) && HeadlineFinder.SubjectsStandIn(lines, index) is var own and >= 0)
            {
                // A subject that names only the kind of message ("Press Release", "Re Agreement - Press Release"): the body's own
                // headline is the title, and the lines above it stay in the text (the issuer's name, the date line).
                var wrapped = HeadlineFinder.Continues(lines, own);
                draft.Title = wrapped ? $"{lines[own].Trim()} {lines[own + 1].Trim()}" : lines[own].Trim();
                lines[own] = string.Empty;
                if (wrapped)
                {
                    lines[own + 1] = string.Empty;
                }
            }
        }

        // Between the title and the body: the republisher's meta line, notices, blank lines.
        for (; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || FooterDate(line, draft) || MetaLine.TryRead(line, draft))
            {
                continue;
            }

            if (isEmailBody && Boilerplate.IsForwardingLine(line))
            {
                continue;
            }

            break;
        }

        var paragraphs = new List<string>();
        var current = new List<string>();
        var skippingForwardHeader = false;
        for (; index < lines.Length; index++)
        {
            if ((index & 1023) == 0)
            {
                draft.Budget.ThrowIfCancellationRequested();
            }

            var line = lines[index].Trim();
            if (isEmailBody && Boilerplate.IsForwardingLine(line))
            {
                skippingForwardHeader = true;
                continue;
            }

            if (line.Length == 0)
            {
                skippingForwardHeader = false;
                Flush(current, paragraphs);
                continue;
            }

            if (skippingForwardHeader || FooterDate(line, draft))
            {
                continue;
            }

            if (IssuerFinder.IsContactLabel(line))
            {
                ReadContactLines(lines, index + 1, draft);
            }

            // A copied page may lose the blank line before its dateline ("... deck line" / "MADISON, N.J., Oct. 16 /PRNewswire/ --
            // ..."): a line that opens with a dateline starts a paragraph of its own.
            if (current.Count > 0 && (DateFinder.IsYearlessDateline(line) || DateFinder.FindDateline(line) is not null))
            {
                Flush(current, paragraphs);
            }

            current.Add(line);
        }

        Flush(current, paragraphs);
        draft.Paragraphs = paragraphs;
    }

    /// <summary>
    /// True for a republisher's or sharing notice, which is dropped; a date in it ("republished on 3 March
    /// 2021") is kept as a footer date, used when the release itself names none.
    /// </summary>
    private static bool FooterDate(string line, ReleaseDraft draft)
    {
        if (!Boilerplate.IsBoilerplate(line))
        {
            return false;
        }

        draft.AddDate(DateFinder.FindLast(line), DateSource.Footer);
        return true;
    }

    /// <summary>
    /// A forwarded release's subject often carries a tag ("[Press release] ...", "eso0708: ..."); when one of the
    /// body's first short lines is the end of the subject, that line is the headline: it becomes the title, and
    /// it and the short label lines above it are not body.
    /// </summary>
    private static int SkipToTheSubjectsHeadline(string[] lines, ReleaseDraft draft)
    {
        var subject = TextCleaner.Key(draft.Title ?? string.Empty);
        var seen = 0;
        for (var i = 0; i < lines.Length && seen < 6; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || Boilerplate.IsForwardingLine(line))
            {
                continue;
            }

            // A subject that ends with its date ("... Synthèse de presse – 3 juin 2024") does not make the body's date line a headline.
            var key = TextCleaner.Key(line);
            if (key.Length >= 8 && subject.EndsWith(key, StringComparison.Ordinal) && !IsOnlyADate(line))
            {
                // The lines above the body's headline are not body, but a date line among them ("January 28, 2011") is the
                // release's own date, which wins over the day the mail was sent.
                for (var above = 0; above < i; above++)
                {
                    if (lines[above].Trim() is { Length: > 0 } label && !Boilerplate.IsForwardingLine(label))
                    {
                        MetaLine.TryRead(label, draft);
                    }
                }

                draft.Title = line;
                return i + 1;
            }

            if (TextCleaner.CountWords(line) > 8)
            {
                break;
            }

            seen++;
        }

        return 0;
    }

    /// <summary>The lines of a press-contact block under its label, up to the blank line that ends it.</summary>
    private static void ReadContactLines(string[] lines, int from, ReleaseDraft draft)
    {
        var i = from;
        while (i < lines.Length && lines[i].Trim().Length == 0 && i < from + 3)
        {
            i++;
        }

        for (; i < lines.Length && lines[i].Trim().Length > 0 && draft.ContactLines.Count < 8; i++)
        {
            draft.ContactLines.Add(lines[i].Trim());
        }
    }

    private static bool IsOnlyADate(string line)
    {
        var dated = new bool[line.Length];
        foreach (var (_, index, length) in DateFinder.FindSpans(line))
        {
            Array.Fill(dated, true, index, length);
        }

        return dated.Any(d => d) && !line.Where((c, i) => !dated[i]).Any(char.IsLetterOrDigit);
    }

    private static void Flush(List<string> lines, List<string> paragraphs)
    {
        if (lines.Count > 0)
        {
            paragraphs.Add(string.Join(' ', lines));
            lines.Clear();
        }
    }
}
