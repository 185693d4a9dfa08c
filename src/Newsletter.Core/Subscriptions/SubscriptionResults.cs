namespace Newsletter.Core.Subscriptions;

/// <summary>What the signup page shows: the topics to choose from and a signed render timestamp.</summary>
public sealed record SignupForm(string NetworkName, IReadOnlyList<string> Topics, string RenderToken, string PrivacyNoticeUrl);

public enum SubmitStatus
{
    /// <summary>Show "check your inbox" (also for silently dropped posts, so bots learn nothing).</summary>
    Accepted,

    /// <summary>Show the form again with <see cref="SubmitResult.Errors"/> and the fields kept.</summary>
    Invalid,

    /// <summary>Too many posts from this client: 429 with Retry-After.</summary>
    RateLimited,
}

/// <summary>The answer to a signup post.</summary>
public sealed record SubmitResult(SubmitStatus Status, IReadOnlyDictionary<string, string> Errors, SignupForm Form)
{
    public TimeSpan RetryAfter { get; init; }

    /// <summary>Why an accepted post was dropped without effect (honeypot, too fast); for logs only.</summary>
    public string? Dropped { get; init; }
}

/// <summary>Why a link did not work.</summary>
public enum LinkProblem
{
    None,

    /// <summary>Missing, cut off, tampered with, meant for something else, or signed by a retired key.</summary>
    Invalid,

    /// <summary>A confirmation link older than its lifetime.</summary>
    Expired,

    /// <summary>A valid link that no longer applies (e.g. a confirmation after unsubscribing).</summary>
    Superseded,
}

public enum ConfirmStatus
{
    Confirmed,
    AlreadyConfirmed,
    Failed,
}

public sealed record ConfirmResult(ConfirmStatus Status, LinkProblem Problem, string? PreferencesUrl = null, string? UnsubscribeUrl = null);

/// <summary>What the preferences page shows of a reader.</summary>
public sealed record PreferencesView(
    ReaderState State,
    string? Address,
    string? Name,
    IReadOnlyList<string> Topics,
    Frequency Frequency,
    bool Paused,
    IReadOnlyList<string> AllTopics,
    string Token);

public enum PreferencesStatus
{
    Shown,

    /// <summary>Shown under a new address, after the reader invalidated their old links.</summary>
    LinksRenewed,
    Saved,
    Invalid,
    Unsubscribed,
    Failed,
}

public sealed record PreferencesResult(PreferencesStatus Status, LinkProblem Problem, PreferencesView? View, IReadOnlyDictionary<string, string> Errors)
{
    public static PreferencesResult Fail(LinkProblem problem) => new(PreferencesStatus.Failed, problem, null, new Dictionary<string, string>());
}

public enum UnsubscribeStatus
{
    Unsubscribed,

    /// <summary>Already not receiving mail (unsubscribed, suppressed or erased): nothing changed.</summary>
    AlreadyOff,
    Failed,
}

public sealed record UnsubscribeResult(UnsubscribeStatus Status, LinkProblem Problem);

public enum EraseStatus
{
    Erased,
    AlreadyErased,
    Failed,
}

public sealed record EraseResult(EraseStatus Status, LinkProblem Problem);

/// <summary>A reader's data as exported, or why the link does not give it.</summary>
public sealed record ExportResult(ReaderExport? Export, LinkProblem Problem);

/// <summary>The reader's new preferences address after invalidating the old links, or why it was refused.</summary>
public sealed record LinksResult(string? PreferencesUrl, LinkProblem Problem);

/// <summary>Everything kept about a reader, as given to them on request.</summary>
public sealed record ReaderExport(
    string ReaderId,
    string State,
    string? Address,
    string? Name,
    IReadOnlyList<string> Topics,
    string Frequency,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateChangedAt,
    ConsentExport? Consent,
    IReadOnlyList<StateChangeExport> History,
    DateTimeOffset ExportedAt);

public sealed record ConsentExport(
    DateTimeOffset SubmittedAt,
    string FormVersion,
    string PrivacyNoticeVersion,
    string? IpHash,
    string? UserAgent,
    DateTimeOffset? ConfirmedAt);

public sealed record StateChangeExport(string From, string To, DateTimeOffset At, string Reason);
