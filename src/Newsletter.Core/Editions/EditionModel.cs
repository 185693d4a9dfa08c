namespace Newsletter.Core.Editions;

/// <summary>One update as an edition shows it; <paramref name="Image"/> its lead image, when it has one to show.</summary>
public sealed record EditionItem(string UpdateId, string Title, string Organisation, DateOnly Date, string Summary, IReadOnlyList<string> Topics,
    EditionImage? Image = null);

/// <summary>
/// An update's lead image in a digest: the 1200 px file (<paramref name="Path"/>, from the site's root) shown at
/// <paramref name="Width"/> x <paramref name="Height"/> CSS pixels, so it is sharp on dense screens.
/// </summary>
public sealed record EditionImage(string Path, int Width, int Height, string Alt, string Credit)
{
    /// <summary>The widest an image is shown in a digest: the 600 px column less its padding.</summary>
    public const int ShownWidth = 552;

    /// <summary>The update's image as a digest shows it; null when it has none to show.</summary>
    public static EditionImage? Of(Updates.Update update)
    {
        if (update.ShownImage is not { Details: { } details } image)
        {
            return null;
        }

        var large = image.Large;
        var width = Math.Min(ShownWidth, large.Width);
        var height = Math.Max(1, (int)Math.Round((double)large.Height * width / large.Width));
        return new EditionImage(Media.MediaLibrary.PathOf(update.Id, large), width, height, details.Alt, details.Credit);
    }
}

/// <summary>
/// What one variant of an edition holds: the readers of one topic set get these updates. <paramref name="HasWebCopy"/>
/// is false for what has no page in the archive (a preview, an edition no reader got yet): its mail says "view in
/// your browser" only when that page exists.
/// </summary>
public sealed record EditionContent(string EditionId, string Frequency, DateTimeOffset Date, IReadOnlyList<string> Topics, IReadOnlyList<EditionItem> Items,
    bool HasWebCopy = true);

/// <summary>A variant rendered once, with per-reader placeholders left in (see <see cref="ReaderPlaceholders"/>).</summary>
public sealed record RenderedEdition(string Subject, string Html, string Text);

/// <summary>
/// The per-reader values a rendering leaves open. SendGrid fills them as substitutions of each
/// personalization; the outbox transport fills them itself. Never a re-render per reader.
/// </summary>
public static class ReaderPlaceholders
{
    public const string Greeting = "[%greeting%]";
    public const string UnsubscribeUrl = "[%unsubscribe_url%]";
    public const string PreferencesUrl = "[%preferences_url%]";

    public static IReadOnlyList<string> All { get; } = [Greeting, UnsubscribeUrl, PreferencesUrl];

    /// <summary>An invisible character (U+2060 WORD JOINER) that keeps <c>[</c> and <c>%</c> apart.</summary>
    private const char Joiner = '\u2060';

    /// <summary>
    /// Text from outside (a member's title, summary or organisation; a reader's name) made unable to
    /// spell a placeholder, alone or with the template text around it: an invisible word joiner goes
    /// between every <c>[</c> and a following <c>%</c>, before a leading <c>%</c> and after a trailing <c>[</c>.
    /// The text reads the same; SendGrid (and <see cref="Fill"/>) find no key in it.
    /// </summary>
    public static string Neutralize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny('[', '%') < 0)
        {
            return value ?? string.Empty;
        }

        var builder = new System.Text.StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && (i == 0 || value[i - 1] == '['))
            {
                builder.Append(Joiner);
            }

            builder.Append(c);
            if (c == '[' && i == value.Length - 1)
            {
                builder.Append(Joiner);
            }
        }

        return builder.ToString();
    }

    /// <summary>Fills the placeholders, as SendGrid does with a personalization's substitutions.</summary>
    public static string Fill(string rendered, IReadOnlyDictionary<string, string> values)
    {
        var result = rendered;
        foreach (var (placeholder, value) in values)
        {
            result = result.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return result;
    }
}
