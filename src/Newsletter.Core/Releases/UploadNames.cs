using System.Globalization;

namespace Newsletter.Core.Releases;

/// <summary>An incoming blob's path split in two: the member's folder (empty when there is none) and the file's name.</summary>
public sealed record UploadPath(string MemberId, string FileName);

/// <summary>
/// The names in an incoming blob's path, <c>{memberId}/{file}</c>. Each must be one plain path segment before
/// any storage client is built from it: the storage SDK resolves <c>..</c> when it builds a blob address, so
/// <c>zz/../../templates/victim.txt</c> would address <c>templates/victim.txt</c>, another container's blob.
/// </summary>
public static class UploadNames
{
    /// <summary>The longest file name accepted (blob names may be 1,024 characters; members' files are far shorter).</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>The folder under which uploads with unusable names are kept; no member id can take it (ids start with a letter or digit).</summary>
    public const string UnsafeFolder = "_unsafe";

    /// <summary>
    /// True when <paramref name="segment"/> is one path segment that addresses nothing but itself: not empty,
    /// at most <paramref name="maxLength"/> characters, no <c>/</c> or <c>\</c>, not <c>.</c> or <c>..</c>, not ending
    /// in a dot or space (storage trims those), no control, invisible or unpaired surrogate characters.
    /// </summary>
    public static bool IsSafeSegment(string? segment, int maxLength = MaxFileNameLength)
    {
        if (string.IsNullOrEmpty(segment) || segment.Length > maxLength || segment is "." or ".." || segment[^1] is '.' or ' ')
        {
            return false;
        }

        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c is '/' or '\\' || char.IsControl(c) || IsInvisible(c))
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= segment.Length || !char.IsLowSurrogate(segment[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>True when both names are safe segments (the member id is checked against the member rules separately).</summary>
    /// <remarks>An empty member id is an upload dropped outside a member folder: usable, and rejected as an unknown member.</remarks>
    public static bool AreSafe(string memberId, string fileName) =>
        (memberId.Length == 0 || IsSafeSegment(memberId, 63)) && IsSafeSegment(fileName);

    /// <summary>Splits the trigger's blob path at its first slash; a path without one has no member id.</summary>
    public static UploadPath Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new UploadPath(string.Empty, path) : new UploadPath(path[..slash], path[(slash + 1)..]);
    }

    /// <summary>
    /// A printable rendition of an unusable name, for the error record and the logs: every character that
    /// is not a letter, digit, dot, dash or underscore becomes <c>_</c>; at most 100 characters.
    /// </summary>
    public static string Describe(string name)
    {
        var safe = new string(name.Take(100).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return safe.Length == 0 ? "_" : safe;
    }

    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
