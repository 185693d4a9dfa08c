namespace Newsletter.Core.Releases;

/// <summary>Why an upload was not accepted: a stable, machine-readable code and a message for people.</summary>
public sealed record Rejection(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>The reason codes of rejected uploads. Stable: members' tooling may match on them.</summary>
public static class RejectionCodes
{
    public const string Empty = "empty";
    public const string Binary = "binary";
    public const string InvalidEncoding = "invalid-encoding";
    public const string TooLarge = "too-large";
    public const string UnsupportedFormat = "unsupported-format";
    public const string NoTitle = "no-title";
    public const string NoBody = "no-body";
    public const string InvalidFrontMatter = "invalid-front-matter";
    public const string InvalidDate = "invalid-date";
    public const string MalformedMime = "malformed-mime";
    public const string InvalidJson = "invalid-json";
    public const string UnknownMember = "unknown-member";
    public const string Unreadable = "unreadable";
    public const string CorruptDocument = "corrupt-document";
    public const string EncryptedDocument = "encrypted-document";
    public const string RejectedByEditor = "rejected-by-editor";
    public const string TooDeeplyNested = "too-deeply-nested";
    public const string ParseTimeout = "parse-timeout";
    public const string UnsafeName = "unsafe_name";
    public const string NotReceived = "not-received";
    public const string InvalidEmbargo = "invalid-embargo";
    public const string EmbargoTooFar = "embargo-too-far";
    public const string EmbargoNonexistentTime = "embargo-nonexistent-time";
    public const string EmbargoAmbiguousTime = "embargo-ambiguous-time";
    public const string Withdrawn = "withdrawn";
}

/// <summary>Thrown inside the parsers to stop at the first fatal problem; never escapes <see cref="ReleaseParser"/>.</summary>
internal sealed class RejectionException(string code, string message) : Exception(message)
{
    public Rejection Rejection { get; } = new(code, message);
}
