namespace Newsletter.Core.Subscriptions;

/// <summary>The signup form as posted: raw, hostile until checked.</summary>
public sealed record SignupInput(
    string? Email,
    string? Name,
    IReadOnlyList<string> Topics,
    string? Frequency,
    string? Honeypot,
    string? RenderToken);

/// <summary>The preferences form as posted.</summary>
public sealed record PreferencesInput(string? Name, IReadOnlyList<string> Topics, string? Frequency, bool Paused);

/// <summary>Who sent a request: the client IP (used for rate limiting, kept only hashed) and user agent.</summary>
public sealed record ClientInfo(string? Ip, string? UserAgent);

/// <summary>Field names of the forms, used as keys of validation messages.</summary>
public static class FormFields
{
    public const string Email = "email";
    public const string Name = "name";
    public const string Topics = "topics";
    public const string Frequency = "frequency";
    public const string Form = "form";

    /// <summary>The honeypot: hidden from people, filled in by bots that fill every field.</summary>
    public const string Honeypot = "website";

    public const string RenderToken = "rendered";
}

/// <summary>The checks shared by the signup and preferences forms, with the messages people see.</summary>
public static class FormRules
{
    public const int MaxNameLength = 100;
    public const int MaxUserAgentLength = 256;

    /// <summary>
    /// The text without the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069). Invisible, they
    /// serve in a name or a note only to make the text shown after it read in another order ("moc.elpmaxe" as
    /// "example.com"); a right-to-left name reads correctly without them. The marks (U+200E, U+200F, U+061C) are kept.
    /// </summary>
    public static string WithoutBidiControls(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(BidiControls) < 0 ? text : string.Concat(text.Where(c => !BidiControls.Contains(c)));
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static string Message(AddressProblem problem) => problem switch
    {
        AddressProblem.Empty => "Please enter your e-mail address.",
        AddressProblem.ControlCharacter => "The address contains invisible or control characters. Please type it again.",
        AddressProblem.Whitespace => "An e-mail address cannot contain spaces.",
        AddressProblem.MissingAt => "An e-mail address needs an @, like name@example.org.",
        AddressProblem.MoreThanOneAt => "Please enter a single address with one @.",
        AddressProblem.LocalPartEmpty => "Please add the part before the @, like name@example.org.",
        AddressProblem.LocalPartTooLong => "The part before the @ is too long (at most 64 characters).",
        AddressProblem.LocalPartInvalid => "The part before the @ contains characters an address cannot have, or dots in a row.",
        AddressProblem.DomainEmpty => "Please add the domain after the @, like name@example.org.",
        AddressProblem.DomainInvalid => "The part after the @ is not a valid domain name.",
        AddressProblem.DomainNeedsDot => "The part after the @ should be a full domain, like example.org.",
        AddressProblem.DomainTooLong => "The domain after the @ is too long.",
        AddressProblem.TooLong => "That address is too long (at most 254 characters).",
        _ => "Please check the address.",
    };

    /// <summary>
    /// The name as typed, trimmed, without bidi embedding, override and isolate controls (<see cref="WithoutBidiControls"/>);
    /// null when nothing is left. A line break or another control character is refused, saying so.
    /// </summary>
    public static bool TryName(string? input, out string? name, out string? error)
    {
        error = null;
        name = string.IsNullOrWhiteSpace(input) ? null : WithoutBidiControls(input).Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = null;
            return true;
        }

        if (name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator))
        {
            error = "Your name cannot contain line breaks or control characters.";
            return false;
        }

        if (name.Length > MaxNameLength)
        {
            error = $"Please keep your name to {MaxNameLength} characters or fewer.";
            return false;
        }

        return true;
    }

    /// <summary>Matches ticked topics to the configured ones (ignoring case) and keeps the configured spelling and order.</summary>
    public static bool TryTopics(IReadOnlyList<string> input, IReadOnlyList<string> configured, out IReadOnlyList<string> topics, out string? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(configured);
        error = null;
        var ticked = input.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToArray();
        var unknown = ticked.Where(t => !configured.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
        topics = configured.Where(c => ticked.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            error = "Please choose topics from the list.";
            return false;
        }

        return true;
    }

    public static bool TryFrequency(string? input, out Frequency frequency, out string? error)
    {
        error = null;
        frequency = Frequency.Weekly;
        if (string.IsNullOrWhiteSpace(input))
        {
            return true;
        }

        if (string.Equals(input.Trim(), "daily", StringComparison.OrdinalIgnoreCase))
        {
            frequency = Frequency.Daily;
            return true;
        }

        if (string.Equals(input.Trim(), "weekly", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        error = "Please choose daily or weekly.";
        return false;
    }

    /// <summary>
    /// The choices of the signup and preferences forms (name, topics, frequency), checked once for both: the
    /// choices as far as they are valid, and a message per field in error.
    /// </summary>
    public static bool TryChoices(string? name, IReadOnlyList<string> topics, string? frequency, IReadOnlyList<string> configured,
        out ReaderChoices choices, out IReadOnlyDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        if (!TryName(name, out var cleanName, out var nameError))
        {
            found[FormFields.Name] = nameError!;
        }

        if (!TryTopics(topics, configured, out var cleanTopics, out var topicsError))
        {
            found[FormFields.Topics] = topicsError!;
        }

        if (!TryFrequency(frequency, out var cleanFrequency, out var frequencyError))
        {
            found[FormFields.Frequency] = frequencyError!;
        }

        choices = new ReaderChoices(cleanName, cleanTopics, cleanFrequency);
        errors = found;
        return found.Count == 0;
    }

    /// <summary>The user agent as kept in the consent record: control characters removed, shortened.</summary>
    public static string? UserAgent(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var clean = new string(input.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length > MaxUserAgentLength ? clean[..MaxUserAgentLength] : clean;
    }
}
