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
            for (; index < lines.Length; index++)
            {
                var line = lines[index].Trim();
                if (line.Length == 0 || Boilerplate.IsLeadingNoise(line) || MetaLine.TryRead(line, draft))
                {
                    continue;
                }

                if (line.Length <= MaxTitleLength && line.Any(char.IsLetter))
                {
                    draft.Title = line;
                    index++;
                }

                break;
            }
        }

        // Between the title and the body: the republisher's meta line, notices, blank lines.
        for (; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || Boilerplate.IsBoilerplate(line) || MetaLine.TryRead(line, draft))
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

            if (skippingForwardHeader || Boilerplate.IsBoilerplate(line))
            {
                continue;
            }

            current.Add(line);
        }

        Flush(current, paragraphs);
        draft.Paragraphs = paragraphs;
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
