namespace Newsletter.Core.Media;

/// <summary>A licence an image may be published under: a stable code, the words shown, and where it is explained.</summary>
public sealed record ImageLicence(string Code, string Label, string? Url);

/// <summary>
/// The short list of licences the network accepts for images. Anything else is refused, so a page never shows an
/// image whose terms nobody checked.
/// </summary>
public static class ImageLicences
{
    public static IReadOnlyList<ImageLicence> All { get; } =
    [
        new("cc-by-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        new("cc-by-sa-4.0", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        new("cc0-1.0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        new("permission", "All rights reserved, used with permission", null),
    ];

    /// <summary>The words of the list, for messages and forms.</summary>
    public static string Described => string.Join(", ", All.Select(l => $"{l.Code} ({l.Label})"));

    /// <summary>The licence named by its code or its label (case and spacing ignored); null for anything else.</summary>
    public static ImageLicence? Find(string? name)
    {
        var wanted = Normalize(name);
        return wanted.Length == 0 ? null : All.FirstOrDefault(l => Normalize(l.Code) == wanted || Normalize(l.Label) == wanted);
    }

    private static string Normalize(string? name) =>
        new((name ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
