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

/// <summary>What the reader agreed to, when, and from where (the IP only as a salted hash).</summary>
public sealed record ConsentRecord(
    DateTimeOffset SubmittedAt,
    string FormVersion,
    string PrivacyNoticeVersion,
    string? IpHash,
    string? UserAgent,
    DateTimeOffset? ConfirmedAt = null);

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

/// <summary>
/// A reader of the newsletter. Identified by <see cref="Id"/>, a salted hash of the canonical address,
/// so erasing the address keeps only something that cannot be turned back into it.
/// </summary>
public sealed class Reader
{
    /// <summary>Older entries are dropped beyond this many, so the row stays small.</summary>
    public const int HistoryLimit = 50;

    private readonly List<StateChange> _history = [];

    public Reader(string id, int bucket, ReaderState state, DateTimeOffset createdAt)
    {
        Id = id;
        Bucket = bucket;
        State = state;
        CreatedAt = createdAt;
        StateChangedAt = createdAt;
    }

    public string Id { get; }
    public int Bucket { get; }
    public ReaderState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset StateChangedAt { get; private set; }

    /// <summary>The address mail goes to; null once erased.</summary>
    public string? Address { get; set; }

    public string? Name { get; set; }

    /// <summary>The chosen topic names; empty means all topics.</summary>
    public IReadOnlyList<string> Topics { get; set; } = [];

    public Frequency Frequency { get; set; } = Frequency.Weekly;

    /// <summary>A paused reader stays subscribed but gets no digest until they resume.</summary>
    public bool Paused { get; set; }

    /// <summary>When the reader last became pending; only confirmation links issued since then count.</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    public ConsentRecord? Consent { get; set; }

    /// <summary>Start of the hour in which <see cref="ConfirmationMails"/> were counted.</summary>
    public DateTimeOffset? ConfirmationWindowStart { get; set; }

    public int ConfirmationMails { get; set; }

    /// <summary>
    /// The generation of the reader's preferences links (which show and change personal data, export and
    /// erase included): only those issued since this moment work. Erasure, signing up again and the
    /// reader's own "invalidate my old links" move it on. Unsubscribe links carry no generation: every
    /// one ever mailed keeps working.
    /// </summary>
    public DateTimeOffset? LinksValidSince { get; private set; }

    /// <summary>When the last "already subscribed" mail was sent.</summary>
    public DateTimeOffset? LastNoticeAt { get; set; }

    public IReadOnlyList<StateChange> History => _history;

    /// <summary>The store's concurrency stamp; null for a reader not yet saved.</summary>
    public string? ETag { get; set; }

    /// <summary>Whether a digest may go to this reader now.</summary>
    public bool IsMailable => State == ReaderState.Active && !Paused && Address is not null;

    /// <summary>Bounced and complained readers are suppressed: nothing is ever sent to them.</summary>
    public bool IsSuppressed => State is ReaderState.Bounced or ReaderState.Complained;

    public static Reader NewPending(string id, int bucket, DateTimeOffset at)
    {
        var reader = new Reader(id, bucket, ReaderState.Pending, at) { PendingSince = at };
        reader._history.Add(new StateChange(ReaderState.Pending, ReaderState.Pending, at, "signed up"));
        return reader;
    }

    /// <summary>Moves to another state if the state machine allows it, and records when and why.</summary>
    public void MoveTo(ReaderState to, DateTimeOffset at, string reason)
    {
        if (!ReaderStateMachine.CanMove(State, to))
        {
            throw new InvalidReaderTransitionException(State, to);
        }

        _history.Add(new StateChange(State, to, at, reason));
        if (_history.Count > HistoryLimit)
        {
            // Keep the very first entry (when the reader first appeared) and the most recent ones.
            _history.RemoveAt(1);
        }

        if (to is ReaderState.Pending or ReaderState.Erased)
        {
            // Links handed out before this point belong to a subscription that has ended.
            InvalidateLinks(at);
        }

        if (to == ReaderState.Pending)
        {
            PendingSince = at;
            ConfirmationWindowStart = null;
            ConfirmationMails = 0;
        }

        State = to;
        StateChangedAt = at;
        if (to == ReaderState.Erased)
        {
            Address = null;
            Name = null;
            Topics = [];
            Paused = false;
            Consent = null;
            LastNoticeAt = null;
            ConfirmationWindowStart = null;
            ConfirmationMails = 0;
        }
    }

    /// <summary>
    /// Makes every preferences link issued up to <paramref name="at"/> stop working. Tokens count in whole
    /// seconds, so the new generation starts at the next second: a link issued a moment before, in the
    /// same second, must not pass for a new one. Returns when the new generation starts.
    /// </summary>
    public DateTimeOffset InvalidateLinks(DateTimeOffset at)
    {
        LinksValidSince = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() + 1);
        return LinksValidSince.Value;
    }

    /// <summary>Whether a preferences link issued at <paramref name="issuedAt"/> belongs to the current generation.</summary>
    public bool AcceptsLinkIssuedAt(DateTimeOffset issuedAt) =>
        LinksValidSince is not { } since || issuedAt.ToUnixTimeSeconds() >= since.ToUnixTimeSeconds();

    /// <summary>Counts a confirmation mail if the hourly limit allows another; false when it does not.</summary>
    public bool TryCountConfirmationMail(DateTimeOffset now, int perHour)
    {
        if (ConfirmationWindowStart is not { } start || now - start >= TimeSpan.FromHours(1))
        {
            ConfirmationWindowStart = now;
            ConfirmationMails = 0;
        }

        if (ConfirmationMails >= perHour)
        {
            return false;
        }

        ConfirmationMails++;
        return true;
    }

    /// <summary>Rebuilds a stored reader exactly as it was saved (for stores only).</summary>
    public static Reader Restore(
        string id, int bucket, ReaderState state, DateTimeOffset createdAt, DateTimeOffset stateChangedAt,
        DateTimeOffset? pendingSince, IEnumerable<StateChange> history, DateTimeOffset? linksValidSince = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var reader = new Reader(id, bucket, state, createdAt) { StateChangedAt = stateChangedAt, PendingSince = pendingSince, LinksValidSince = linksValidSince };
        reader._history.AddRange(history);
        return reader;
    }
}

/// <summary>Port: where readers are kept.</summary>
public interface IReaderStore
{
    Task<Reader?> GetAsync(string id, int bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a new reader (<see cref="Reader.ETag"/> null) or replaces the stored one if it has not
    /// changed since it was read; throws <see cref="ReaderConflictException"/> otherwise. Sets the new ETag.
    /// </summary>
    Task SaveAsync(Reader reader, CancellationToken cancellationToken);

    /// <summary>Every reader of one bucket, streamed; a send scans the buckets in parallel.</summary>
    IAsyncEnumerable<Reader> ListBucketAsync(int bucket, CancellationToken cancellationToken);
}

/// <summary>Someone else saved the reader first; read it again and retry.</summary>
public sealed class ReaderConflictException(string id, Exception? inner = null)
    : Exception($"Reader {id} was changed by someone else.", inner);
