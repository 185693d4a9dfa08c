using System.Globalization;

namespace Newsletter.Core;

/// <summary>
/// The one rule for a line a person types into a form with a length limit: over the limit it is refused with the
/// limit named, never cut short and saved (what was typed stays on the page to be shortened).
/// </summary>
public static class TypedText
{
    /// <summary>The message for a value over <paramref name="max"/> characters (surrounding spaces aside), or null when it fits.</summary>
    public static string? TooLong(string? value, int max) =>
        value?.Trim() is { } trimmed && trimmed.Length > max
            ? string.Create(CultureInfo.InvariantCulture, $"Keep it to {max:N0} characters (this has {trimmed.Length:N0}).")
            : null;
}
