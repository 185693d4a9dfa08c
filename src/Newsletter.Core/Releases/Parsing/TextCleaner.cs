using System.Globalization;
using System.Text;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>Text normalisation shared by every format.</summary>
public static class TextCleaner
{
    /// <summary>
    /// One line of text safe for a mail header or a title: no CR, LF, tab or other control or
    /// format characters (bidi overrides included), runs of white space folded to one space, trimmed.
    /// </summary>
    public static string SingleLine(string? value, int maxLength = 300)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c))
            {
                pendingSpace = builder.Length > 0 && (pendingSpace || char.IsWhiteSpace(c) || c is '\r' or '\n');
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        var result = builder.ToString();
        return result.Length <= maxLength ? result : CutAtWord(result, maxLength);
    }

    /// <summary>Cuts text to at most <paramref name="maxLength"/> characters at a word boundary, adding an ellipsis.</summary>
    public static string CutAtWord(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var limit = maxLength - 1;
        var cut = text.LastIndexOf(' ', limit);
        if (cut < maxLength / 2)
        {
            cut = limit;
        }

        // Never split a surrogate pair.
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '–') + "…";
    }

    /// <summary>Replaces no-break and other exotic spaces with plain ones, CRLF with LF, and drops invisible format characters.</summary>
    public static string NormalizeSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // CRLF is one line break. A bare CR stays inside its line, never joining the words around it: in a
                // title it marks where the title ends (see TitleLine), in a paragraph it becomes a space.
                if (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    builder.Append('\r');
                }

                continue;
            }

            if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsInvisible(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Folds every run of white space to one space and trims.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Counts words: runs of letters or digits.</summary>
    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var wordChar = char.IsLetterOrDigit(c);
            if (wordChar && !inWord)
            {
                count++;
            }

            inWord = wordChar || (inWord && c is '\'' or '’' or '-');
        }

        return count;
    }

    /// <summary>A comparison key: case, accents, punctuation and spacing removed.</summary>
    public static string Key(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || c == '\uFFFD';
}
