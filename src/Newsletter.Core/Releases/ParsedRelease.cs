namespace Newsletter.Core.Releases;

/// <summary>What the parser extracted from an accepted upload, sanitized and ready to store.</summary>
public sealed record ParsedRelease
{
    public required ReleaseFormat Format { get; init; }
    public required string Title { get; init; }
    public DateOnly? Date { get; init; }
    public string? Organisation { get; init; }
    public required string Summary { get; init; }
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    public required int WordCount { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public string? CanonicalUrl { get; init; }
    public string? Language { get; init; }

    /// <summary>SHA-256 of the normalized title and text: the same release in any format or spacing has the same hash.</summary>
    public required string ContentHash { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The embargo field (front matter, JSON) as written; read against the network's zone at ingestion.</summary>
    public string? EmbargoField { get; init; }

    /// <summary>The embargo lines of the text ("EMBARGOED UNTIL ..."), after their label, as written.</summary>
    public IReadOnlyList<string> EmbargoLines { get; init; } = [];

    /// <summary>An image the release carries (an e-mail's picture), unchecked: ingestion keeps it as a candidate if it is one.</summary>
    public byte[]? ImageCandidate { get; init; }

    /// <summary>An e-mail's sender address (its From), unchecked: the portal matches it against the member's contacts.</summary>
    public string? SenderAddress { get; init; }
}

/// <summary>The outcome of parsing one upload: a release, or a rejection with its reason.</summary>
public sealed record ParseResult(ParsedRelease? Release, Rejection? Rejection)
{
    public bool Accepted => Release is not null;

    public static ParseResult Accept(ParsedRelease release) => new(release, null);

    public static ParseResult Reject(string code, string message) => new(null, new Rejection(code, message));
}

/// <summary>What the parser knows about who uploaded: used to name the organisation and filter topics.</summary>
public sealed record UploadContext
{
    /// <summary>The uploading member's display name; when set, it is the organisation of the update.</summary>
    public string? MemberName { get; init; }

    /// <summary>Topics the member may use; null allows any.</summary>
    public IReadOnlyCollection<string>? AllowedTopics { get; init; }

    public static UploadContext Anonymous { get; } = new();

    /// <summary>The context of an upload by <paramref name="member"/>: its name, and its topics when it has a list of its own.</summary>
    public static UploadContext For(Members.Member member) =>
        new() { MemberName = member.DisplayName, AllowedTopics = member.AllowedTopics.Count > 0 ? member.AllowedTopics : null };
}
