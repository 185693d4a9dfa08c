namespace Newsletter.Core.Subscriptions;

/// <summary>
/// A reader of the newsletter, and the one place that decides what a reader may do: sign up, confirm,
/// change choices, unsubscribe (by link or by the provider's report), be suppressed, be erased. Identified
/// by <see cref="Id"/>, a salted hash of the canonical address, so erasing the address keeps only
/// something that cannot be turned back into it.
/// </summary>
public sealed partial class Reader
{
    /// <summary>Older entries are dropped beyond this many, so the row stays small.</summary>
    public const int HistoryLimit = 50;

    private readonly List<StateChange> _history = [];

    private Reader(string id, int bucket, ReaderState state, DateTimeOffset createdAt)
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
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset StateChangedAt { get; private set; }

    /// <summary>The address mail goes to; null once erased.</summary>
    public string? Address { get; private set; }

    public ReaderChoices Choices { get; private set; } = ReaderChoices.Default;

    public string? Name => Choices.Name;

    /// <summary>The chosen topic names; empty means all topics.</summary>
    public IReadOnlyList<string> Topics => Choices.Topics;

    public Frequency Frequency => Choices.Frequency;

    /// <summary>A paused reader stays subscribed but gets no digest until they resume.</summary>
    public bool Paused => Choices.Paused;

    /// <summary>When the reader last became pending; only confirmation links issued since then count.</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>
    /// The generation of the reader's preferences links (which show and change personal data, export and
    /// erase included): only those issued since this moment work. Erasure, signing up again and the
    /// reader's own "invalidate my old links" move it on. Unsubscribe links carry no generation: every
    /// one ever mailed keeps working.
    /// </summary>
    public DateTimeOffset? LinksValidSince { get; private set; }

    public ConsentRecord? Consent { get; private set; }

    /// <summary>Start of the hour in which <see cref="ConfirmationMails"/> were counted.</summary>
    public DateTimeOffset? ConfirmationWindowStart { get; private set; }

    public int ConfirmationMails { get; private set; }

    /// <summary>When the last "already subscribed" mail was sent.</summary>
    public DateTimeOffset? LastNoticeAt { get; private set; }

    public IReadOnlyList<StateChange> History => _history;

    /// <summary>The store's concurrency stamp; null for a reader not yet saved.</summary>
    public string? ETag { get; set; }

    /// <summary>Whether a digest may go to this reader now.</summary>
    public bool IsMailable => State == ReaderState.Active && !Paused && Address is not null;

    /// <summary>Bounced and complained readers are suppressed: nothing is ever sent to them.</summary>
    public bool IsSuppressed => State is ReaderState.Bounced or ReaderState.Complained;

    /// <summary>A reader seen for the first time: pending, with nothing yet but its id.</summary>
    public static Reader NewPending(string id, int bucket, DateTimeOffset at)
    {
        var reader = new Reader(id, bucket, ReaderState.Pending, at) { PendingSince = at };
        reader._history.Add(new StateChange(ReaderState.Pending, ReaderState.Pending, at, "signed up"));
        return reader;
    }

    /// <summary>
    /// A signup through the form. A new, erased or unsubscribed reader becomes pending and, until confirmed,
    /// the latest submission's details and consent are the ones that count; an active reader's choices are
    /// not changed by a form anyone can post (a notice is due at most once per period); a suppressed reader
    /// stays as it is.
    /// </summary>
    public SignupOutcome SignUp(string address, ReaderChoices choices, DateTimeOffset at, ConsentRecord? consent = null, SignupLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(choices);
        limits ??= SignupLimits.Default;
        if (State is ReaderState.Erased or ReaderState.Unsubscribed or ReaderState.Pending)
        {
            if (State != ReaderState.Pending)
            {
                MoveTo(ReaderState.Pending, at, "signed up again");
            }

            Address = address;
            Choices = choices with { Paused = false };
            Consent = consent;
            return TryCountConfirmationMail(at, limits.ConfirmationMailsPerHour) ? SignupOutcome.ConfirmationDue : SignupOutcome.ConfirmationLimited;
        }

        if (State == ReaderState.Active && (LastNoticeAt is not { } last || at - last >= limits.AlreadySubscribedNoticeEvery))
        {
            LastNoticeAt = at;
            return SignupOutcome.NoticeDue;
        }

        return SignupOutcome.Nothing;
    }

    /// <summary>
    /// A confirmation link issued at <paramref name="linkIssuedAt"/>. Only a link sent since the reader last
    /// became pending counts: an old confirmation can neither bring back someone who has since unsubscribed
    /// nor hand out their links later.
    /// </summary>
    public ConfirmOutcome Confirm(DateTimeOffset linkIssuedAt, DateTimeOffset at)
    {
        var outcome = ConfirmationFor(linkIssuedAt);
        if (outcome != ConfirmOutcome.Confirmed)
        {
            return outcome;
        }

        MoveTo(ReaderState.Active, at, "confirmed");
        Consent = Consent is null ? null : Consent with { ConfirmedAt = at };
        return ConfirmOutcome.Confirmed;
    }

    /// <summary>What <see cref="Confirm"/> would do with a link issued at <paramref name="linkIssuedAt"/>, changing nothing (for the page a link opens).</summary>
    public ConfirmOutcome ConfirmationFor(DateTimeOffset linkIssuedAt)
    {
        var current = PendingSince is { } since && linkIssuedAt >= since.AddSeconds(-1);
        if (State == ReaderState.Active && Consent?.ConfirmedAt is not null)
        {
            return current ? ConfirmOutcome.AlreadyConfirmed : ConfirmOutcome.Refused;
        }

        return State == ReaderState.Pending && current ? ConfirmOutcome.Confirmed : ConfirmOutcome.Refused;
    }

    /// <summary>Whether <see cref="Unsubscribe"/> would change anything: only a pending or active reader can leave.</summary>
    public bool CanUnsubscribe => ReaderStateMachine.CanMove(State, ReaderState.Unsubscribed);

    /// <summary>New choices; only an active reader has choices to change.</summary>
    public bool ChangeChoices(ReaderChoices choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (State != ReaderState.Active)
        {
            return false;
        }

        Choices = choices;
        return true;
    }

    /// <summary>
    /// Leaves at once, by a link, the preferences page or the provider's report alike: one rule for all
    /// (a pending or active reader leaves; anyone else is already not mailed). False when nothing changed.
    /// </summary>
    public bool Unsubscribe(DateTimeOffset at, string reason)
    {
        if (!CanUnsubscribe)
        {
            return false;
        }

        MoveTo(ReaderState.Unsubscribed, at, reason);
        return true;
    }

    /// <summary>
    /// What the mail provider reported (a hard bounce, a spam report, an unsubscribe), if the state machine
    /// allows it; a reader already suppressed or gone stays as it is. False when nothing changed.
    /// </summary>
    public bool ApplyFeedback(ReaderState to, DateTimeOffset at, string reason)
    {
        if (to is not (ReaderState.Bounced or ReaderState.Complained or ReaderState.Unsubscribed))
        {
            throw new ArgumentOutOfRangeException(nameof(to));
        }

        if (to == ReaderState.Unsubscribed)
        {
            return Unsubscribe(at, reason);
        }

        if (State == to || !ReaderStateMachine.CanMove(State, to))
        {
            return false;
        }

        MoveTo(to, at, reason);
        return true;
    }

    /// <summary>Erases the personal data; only the id, the link generation and the dated state changes remain. False when already erased.</summary>
    public bool Erase(DateTimeOffset at, string reason)
    {
        if (State == ReaderState.Erased)
        {
            return false;
        }

        MoveTo(ReaderState.Erased, at, reason);
        return true;
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

    /// <summary>Moves to another state if the state machine allows it, and records when and why.</summary>
    internal void MoveTo(ReaderState to, DateTimeOffset at, string reason)
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
            Choices = ReaderChoices.Default;
            Consent = null;
            LastNoticeAt = null;
            ConfirmationWindowStart = null;
            ConfirmationMails = 0;
        }
    }

    internal bool TryCountConfirmationMail(DateTimeOffset now, int perHour)
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

    /// <summary>Everything kept of the reader, for a store to write.</summary>
    public ReaderRecord ToRecord() => new(Id, Bucket, State, CreatedAt, StateChangedAt, PendingSince, LinksValidSince, Address, Choices, Consent,
        ConfirmationWindowStart, ConfirmationMails, LastNoticeAt, [.. _history], ETag);

    /// <summary>Rebuilds a stored reader exactly as it was saved (for stores only).</summary>
    public static Reader Restore(ReaderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var reader = new Reader(record.Id, record.Bucket, record.State, record.CreatedAt)
        {
            StateChangedAt = record.StateChangedAt,
            PendingSince = record.PendingSince,
            LinksValidSince = record.LinksValidSince,
            Address = record.Address,
            Choices = record.Choices,
            Consent = record.Consent,
            ConfirmationWindowStart = record.ConfirmationWindowStart,
            ConfirmationMails = record.ConfirmationMails,
            LastNoticeAt = record.LastNoticeAt,
            ETag = record.ETag,
        };
        reader._history.AddRange(record.History);
        return reader;
    }
}
