namespace Newsletter.Core.Editions;

/// <summary>One update as an edition shows it.</summary>
public sealed record EditionItem(string UpdateId, string Title, string Organisation, DateOnly Date, string Summary, IReadOnlyList<string> Topics);

/// <summary>What one variant of an edition holds: the readers of one topic set get these updates.</summary>
public sealed record EditionContent(string EditionId, string Frequency, DateTimeOffset Date, IReadOnlyList<string> Topics, IReadOnlyList<EditionItem> Items);

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
