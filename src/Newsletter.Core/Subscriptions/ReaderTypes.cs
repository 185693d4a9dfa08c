namespace Newsletter.Core.Subscriptions;

/// <summary>Where a reader stands. Only <see cref="Active"/> readers who have not paused are mailed a digest.</summary>
public enum ReaderState
{
    /// <summary>Signed up, confirmation link sent, not yet clicked.</summary>
    Pending,

    /// <summary>Confirmed: receives digests unless paused.</summary>
    Active,

    /// <summary>Left; signing up again needs a new confirmation.</summary>
    Unsubscribed,

    /// <summary>The address bounced hard: never mailed again.</summary>
    Bounced,

    /// <summary>The reader marked a mail as spam: never mailed again.</summary>
    Complained,

    /// <summary>Personal data erased on request; only the salted hash of the address is kept.</summary>
    Erased,
}

/// <summary>How often a reader gets a digest.</summary>
public enum Frequency
{
    Daily,
    Weekly,
}

/// <summary>One move of the state machine, kept in the reader's history.</summary>
public sealed record StateChange(ReaderState From, ReaderState To, DateTimeOffset At, string Reason);

/// <summary>
/// What the reader agreed to, when, and from where (the IP only as a salted hash). <see cref="Source"/> names
/// where consent given elsewhere was recorded (a reader imported from a CSV file with its evidence); null for the signup form.
/// </summary>
public sealed record ConsentRecord(
    DateTimeOffset SubmittedAt,
    string FormVersion,
    string PrivacyNoticeVersion,
    string? IpHash,
    string? UserAgent,
    DateTimeOffset? ConfirmedAt = null,
    string? Source = null);

/// <summary>The moves a reader can make; everything else is refused.</summary>
public static class ReaderStateMachine
{
    private static readonly Dictionary<ReaderState, ReaderState[]> Allowed = new()
    {
        [ReaderState.Pending] = [ReaderState.Active, ReaderState.Unsubscribed, ReaderState.Bounced, ReaderState.Complained, ReaderState.Erased],
        [ReaderState.Active] = [ReaderState.Unsubscribed, ReaderState.Bounced, ReaderState.Complained, ReaderState.Erased],
        // Coming back after leaving starts over at pending: a new confirmation, a new consent.
        [ReaderState.Unsubscribed] = [ReaderState.Pending, ReaderState.Bounced, ReaderState.Complained, ReaderState.Erased],
        // Suppressed for good: only erasure, never back to pending through the form.
        [ReaderState.Bounced] = [ReaderState.Erased],
        [ReaderState.Complained] = [ReaderState.Erased],
        // The owner of the address may sign up again, and confirms like anyone new.
        [ReaderState.Erased] = [ReaderState.Pending],
    };

    public static bool CanMove(ReaderState from, ReaderState to) => Allowed[from].Contains(to);

    public static IReadOnlyList<ReaderState> Next(ReaderState from) => Allowed[from];
}

/// <summary>A move the state machine does not allow.</summary>
public sealed class InvalidReaderTransitionException(ReaderState from, ReaderState to)
    : InvalidOperationException($"A reader cannot move from {from} to {to}.")
{
    public ReaderState From { get; } = from;
    public ReaderState To { get; } = to;
}

/// <summary>What a reader chose: a display name, topics (empty: all), how often, and whether paused.</summary>
public sealed record ReaderChoices(string? Name, IReadOnlyList<string> Topics, Frequency Frequency, bool Paused = false)
{
    public static ReaderChoices Default { get; } = new(null, [], Frequency.Weekly);
}

/// <summary>How often a form post may cause mail: confirmations per hour, and the "already subscribed" notice.</summary>
public sealed record SignupLimits(int ConfirmationMailsPerHour, TimeSpan AlreadySubscribedNoticeEvery)
{
    public static SignupLimits Default { get; } = new(3, TimeSpan.FromHours(24));
}

/// <summary>What a signup calls for.</summary>
public enum SignupOutcome
{
    /// <summary>Pending with these details: send a confirmation mail.</summary>
    ConfirmationDue,

    /// <summary>Pending with these details, but the hour's confirmation mails are spent.</summary>
    ConfirmationLimited,

    /// <summary>Already active: choices unchanged, an "already subscribed" notice is due.</summary>
    NoticeDue,

    /// <summary>Nothing changes and nothing is sent (suppressed, or a notice sent recently).</summary>
    Nothing,
}

/// <summary>What a confirmation link did.</summary>
public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,

    /// <summary>Not pending, or the link is older than the reader's latest signup.</summary>
    Refused,
}

/// <summary>Everything kept of a reader, as a store reads and writes it.</summary>
public sealed record ReaderRecord(
    string Id,
    int Bucket,
    ReaderState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset StateChangedAt,
    DateTimeOffset? PendingSince,
    DateTimeOffset? LinksValidSince,
    string? Address,
    ReaderChoices Choices,
    ConsentRecord? Consent,
    DateTimeOffset? ConfirmationWindowStart,
    int ConfirmationMails,
    DateTimeOffset? LastNoticeAt,
    IReadOnlyList<StateChange> History,
    string? ETag);

/// <summary>Port: where readers are kept.</summary>
public interface IReaderStore
{
    Task<Reader?> GetAsync(string id, int bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a new reader (<see cref="Reader.ETag"/> null) or replaces the stored one if it has not
    /// changed since it was read; throws <see cref="ConflictException"/> otherwise. Sets the new ETag.
    /// </summary>
    Task SaveAsync(Reader reader, CancellationToken cancellationToken);

    /// <summary>Every reader of one bucket, streamed; a send scans the buckets in parallel.</summary>
    IAsyncEnumerable<Reader> ListBucketAsync(int bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Saves up to 100 readers of one bucket at once, all or none, each as <see cref="SaveAsync"/> would (insert or
    /// replace if unchanged); throws <see cref="ConflictException"/> when any of them conflicts, and then none is saved.
    /// A store that cannot write them together saves them one by one.
    /// </summary>
    async Task SaveBatchAsync(IReadOnlyList<Reader> readers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readers);
        foreach (var reader in readers)
        {
            await SaveAsync(reader, cancellationToken);
        }
    }
}

