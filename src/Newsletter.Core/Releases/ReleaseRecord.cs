namespace Newsletter.Core.Releases;

/// <summary>Where one upload stands, as its member sees it at GET /api/members/{id}/releases/{releaseId}.</summary>
public enum ReleaseState
{
    Processing,
    Published,
    PendingReview,
    Rejected,
    Duplicate,

    /// <summary>Accepted, waiting for its embargo to lift.</summary>
    Scheduled,

    /// <summary>Taken back before it was published.</summary>
    Withdrawn,
}

public static class ReleaseStates
{
    public static string Name(ReleaseState state) => state switch
    {
        ReleaseState.Processing => "processing",
        ReleaseState.Published => "published",
        ReleaseState.PendingReview => "pending-review",
        ReleaseState.Rejected => "rejected",
        ReleaseState.Duplicate => "duplicate",
        ReleaseState.Scheduled => "scheduled",
        ReleaseState.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The state an upload shows for the status of the update it became.</summary>
    public static ReleaseState Of(Updates.UpdateStatus status) => status switch
    {
        Updates.UpdateStatus.Published => ReleaseState.Published,
        Updates.UpdateStatus.PendingReview => ReleaseState.PendingReview,
        Updates.UpdateStatus.Scheduled => ReleaseState.Scheduled,
        Updates.UpdateStatus.Withdrawn => ReleaseState.Withdrawn,
        _ => ReleaseState.Rejected,
    };
}

/// <summary>The log entry of one upload.</summary>
public sealed record ReleaseRecord
{
    public required string MemberId { get; init; }
    public required string ReleaseId { get; init; }
    public required string FileName { get; init; }

    /// <summary>The file's name as the member gave it: <see cref="FileName"/> is stored with the release id in front.</summary>
    public string ShownName => FileName.StartsWith(ReleaseId + "-", StringComparison.Ordinal) && FileName.Length > ReleaseId.Length + 1
        ? FileName[(ReleaseId.Length + 1)..]
        : FileName;
    public required ReleaseState State { get; init; }
    public string? UpdateId { get; init; }
    public Rejection? Rejection { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The embargo of the update it became (UTC), as the status answer shows it; not stored with the record.</summary>
    public DateTimeOffset? Embargo { get; init; }
}

/// <summary>Port: the log of uploads and their outcome.</summary>
public interface IReleaseLog
{
    Task SaveAsync(ReleaseRecord record, CancellationToken cancellationToken);

    Task<ReleaseRecord?> GetAsync(string memberId, string releaseId, CancellationToken cancellationToken);

    /// <summary>Every upload of the member, in no particular order.</summary>
    Task<IReadOnlyList<ReleaseRecord>> ListAsync(string memberId, CancellationToken cancellationToken);
}

/// <summary>An upload waiting in the incoming area.</summary>
public sealed class IncomingFile(Stream content, string? contentType, string? releaseId, DateTimeOffset receivedAt, string version, DateTimeOffset? embargo = null) : IAsyncDisposable
{
    /// <summary>The embargo given with the upload (<c>?embargo=</c> on the HTTP door), already checked there.</summary>
    public DateTimeOffset? Embargo { get; } = embargo;

    /// <summary>Changes with every write of the upload (the blob's ETag): tells a re-upload under the same name from a retry.</summary>
    public string Version { get; } = version;

    public Stream Content { get; } = content;
    public string? ContentType { get; } = contentType;

    /// <summary>Set when the upload came through the HTTP door, which already told the member this id.</summary>
    public string? ReleaseId { get; } = releaseId;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Port: the upload areas (incoming, archive, quarantine) and the stored update documents.</summary>
public interface IReleaseFiles
{
    /// <summary>Opens an incoming upload; null when it is no longer there (already processed).</summary>
    Task<IncomingFile?> OpenIncomingAsync(string memberId, string fileName, CancellationToken cancellationToken);

    Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, CancellationToken cancellationToken) =>
        SaveIncomingAsync(memberId, fileName, content, contentType, releaseId, null, cancellationToken);

    /// <summary>Stores an upload of the HTTP door, with the embargo given beside it (if any), for ingestion.</summary>
    Task SaveIncomingAsync(string memberId, string fileName, Stream content, string? contentType, string releaseId, DateTimeOffset? embargo, CancellationToken cancellationToken);

    /// <summary>True while the upload waits in the incoming area (not yet archived or quarantined).</summary>
    Task<bool> IncomingExistsAsync(string memberId, string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an accepted upload to the archive, under its release id so a later upload of the same file
    /// name never replaces it. Idempotent: a second call after success does nothing.
    /// </summary>
    Task ArchiveAsync(string memberId, string fileName, string releaseId, CancellationToken cancellationToken);

    /// <summary>Moves a rejected upload to quarantine (under its release id) next to <c>{file}.error.json</c>. Idempotent like <see cref="ArchiveAsync"/>.</summary>
    Task QuarantineAsync(string memberId, string fileName, ReleaseRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the error record of an upload whose path is unusable (<see cref="RejectionCodes.UnsafeName"/>) under the
    /// record's safe names, with the original path inside it. The upload itself is not touched: no client may be
    /// built from its name, since storage would resolve the name to another blob.
    /// </summary>
    Task KeepUnsafeAsync(ReleaseRecord record, string originalPath, CancellationToken cancellationToken);
}
