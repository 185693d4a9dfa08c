using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>
/// Everything a reader does: sign up, confirm, change preferences, leave, see and erase their data.
/// Each operation reads the reader, applies the state machine and saves with optimistic concurrency,
/// retrying when another request saved first.
/// </summary>
public sealed partial class SubscriptionService(
    IReaderStore store,
    ISignupPublisher signups,
    IMailJobPublisher mails,
    TokenService tokens,
    ReaderIdentity identity,
    IpRateLimiter rateLimiter,
    Links links,
    ReaderLinks readerLinks,
    IOptions<SubscriptionOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    private const int SaveAttempts = 5;
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private SubscriptionOptions Options => options.Value;

    /// <summary>
    /// A fresh signup form, stamped with the time it was served and the client it was served to: a stamp
    /// posted from another client is refused, so one fetched form cannot be replayed from many addresses,
    /// and replaying it from the same one is bounded by that client's rate limit.
    /// </summary>
    public SignupForm RenderForm(ClientInfo client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(app.Value.NetworkName, Options.TopicList, tokens.Issue(TokenPurpose.Form, StampSubject(client)), links.Privacy);
    }

    /// <summary>
    /// Checks a signup post and queues it. Every acceptable post gets the same answer, whether the
    /// address is new or known; posts from bots (honeypot filled, sent too fast) get it too and are dropped.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SignupInput input, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(client);
        var limit = rateLimiter.Acquire(client.Ip);
        var form = FormFor(input.RenderToken, client);
        if (!limit.Allowed)
        {
            return new SubmitResult(SubmitStatus.RateLimited, NoErrors, form) { RetryAfter = limit.RetryAfter };
        }

        if (!string.IsNullOrEmpty(input.Honeypot))
        {
            return new SubmitResult(SubmitStatus.Accepted, NoErrors, form) { Dropped = "honeypot filled" };
        }

        var now = time.GetUtcNow();
        if (!IsCurrentStamp(input.RenderToken, client, out var issuedAt))
        {
            // A real person with a stale or damaged page: ask again rather than drop their signup.
            var expired = new Dictionary<string, string>
            {
                [FormFields.Form] = "This form has expired. Please check your details and send it again.",
            };
            return new SubmitResult(SubmitStatus.Invalid, expired, form);
        }

        if (now - issuedAt < TimeSpan.FromSeconds(Options.MinRenderSeconds))
        {
            return new SubmitResult(SubmitStatus.Accepted, NoErrors, form) { Dropped = "sent too soon after the form was served" };
        }

        var errors = new Dictionary<string, string>();
        if (!EmailAddress.TryParse(input.Email, out var address, out var problem))
        {
            errors[FormFields.Email] = FormRules.Message(problem);
        }

        if (!FormRules.TryName(input.Name, out var name, out var nameError))
        {
            errors[FormFields.Name] = nameError!;
        }

        if (!FormRules.TryTopics(input.Topics, Options.TopicList, out var topics, out var topicsError))
        {
            errors[FormFields.Topics] = topicsError!;
        }

        if (!FormRules.TryFrequency(input.Frequency, out var frequency, out var frequencyError))
        {
            errors[FormFields.Frequency] = frequencyError!;
        }

        if (errors.Count > 0)
        {
            return new SubmitResult(SubmitStatus.Invalid, errors, form);
        }

        await signups.EnqueueAsync(new SignupRequest(address!.Address, name, topics, frequency, now, Options.FormVersion,
            Options.PrivacyNoticeVersion, identity.HashIp(client.Ip), FormRules.UserAgent(client.UserAgent)), cancellationToken);
        return new SubmitResult(SubmitStatus.Accepted, NoErrors, form);
    }

    /// <summary>
    /// Applies a queued batch of signups one by one. A signup that fails goes back on the queue on its
    /// own, so one bad entry neither blocks nor repeats the others; only when none could be applied
    /// (storage down) does the whole batch fail, to be retried as it is.
    /// </summary>
    public async Task ProcessSignupsAsync(IReadOnlyList<SignupRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var failed = new List<(SignupRequest Request, Exception Error)>();
        foreach (var request in requests)
        {
            try
            {
                await ProcessSignupAsync(request, cancellationToken);
            }
#pragma warning disable CA1031 // Any failure of one signup is handled the same way: it is retried on its own.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                failed.Add((request, ex));
            }
        }

        if (failed.Count == 0)
        {
            return;
        }

        if (failed.Count == requests.Count)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed[0].Error).Throw();
        }

        foreach (var (request, error) in failed)
        {
            LogSignupRequeued(logger, error.Message);
            await signups.EnqueueAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// Applies a queued signup: a new, erased or unsubscribed address becomes pending and gets a
    /// confirmation mail; a pending one gets another (a few per hour at most); an active reader gets an
    /// "already subscribed" mail at most once a day; bounced and complained addresses get nothing.
    /// </summary>
    public async Task ProcessSignupAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EmailAddress.TryParse(request.Address, out var address, out _))
        {
            LogDroppedSignup(logger, "the queued address is not valid");
            return;
        }

        var key = identity.For(address!);
        var now = time.GetUtcNow();
        var mail = await UpdateAsync(key, reader =>
        {
            var consent = new ConsentRecord(request.SubmittedAt, request.FormVersion, request.PrivacyNoticeVersion, request.IpHash, request.UserAgent);
            if (reader is null || reader.State is ReaderState.Erased or ReaderState.Unsubscribed or ReaderState.Pending)
            {
                if (reader is null)
                {
                    reader = Reader.NewPending(key.Id, key.Bucket, now);
                }
                else if (reader.State != ReaderState.Pending)
                {
                    reader.MoveTo(ReaderState.Pending, now, "signed up again");
                }

                // Until confirmed, the latest submission's choices and consent are the ones that count.
                reader.Address = address!.Address;
                reader.Name = request.Name;
                reader.Topics = request.Topics;
                reader.Frequency = request.Frequency;
                reader.Paused = false;
                reader.Consent = consent;
                return reader.TryCountConfirmationMail(now, Options.ConfirmationMailsPerHour)
                    ? (reader, MailKind.Confirm)
                    : (reader, (MailKind?)null);
            }

            if (reader.State == ReaderState.Active && (reader.LastNoticeAt is not { } last || now - last >= TimeSpan.FromHours(Options.AlreadySubscribedMailHours)))
            {
                // An active reader's choices are not changed by a form anyone can post.
                reader.LastNoticeAt = now;
                return (reader, MailKind.AlreadySubscribed);
            }

            return (null, (MailKind?)null);
        }, cancellationToken);

        if (mail is { } kind)
        {
            await mails.EnqueueAsync(new MailJob(kind, key.Id, now), cancellationToken);
        }
        else
        {
            LogNoMail(logger, key.Id);
        }
    }

    /// <summary>Activates a pending reader from a confirmation link, records the consent, and queues the welcome mail.</summary>
    public async Task<ConfirmResult> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var check = tokens.Verify(token, TokenPurpose.Confirm);
        if (check.Failure == TokenFailure.Expired)
        {
            return new ConfirmResult(ConfirmStatus.Failed, LinkProblem.Expired);
        }

        if (!check.IsValid || !ReaderKey.TryParse(check.Claims!.Subject, out var key))
        {
            return new ConfirmResult(ConfirmStatus.Failed, LinkProblem.Invalid);
        }

        var now = time.GetUtcNow();
        DateTimeOffset? linksValidSince = null;
        var status = await UpdateAsync(key, reader =>
        {
            linksValidSince = reader?.LinksValidSince;
            // Only a link sent since the reader last became pending counts: an old confirmation can
            // neither bring back someone who has since unsubscribed nor hand out their links later.
            var current = reader?.PendingSince is { } since && check.Claims.IssuedAt >= since.AddSeconds(-1);
            if (reader is { State: ReaderState.Active } && reader.Consent?.ConfirmedAt is not null)
            {
                return (null, current ? ConfirmStatus.AlreadyConfirmed : ConfirmStatus.Failed);
            }

            if (reader is not { State: ReaderState.Pending } || !current)
            {
                return (null, ConfirmStatus.Failed);
            }

            reader.MoveTo(ReaderState.Active, now, "confirmed");
            reader.Consent = reader.Consent is null ? null : reader.Consent with { ConfirmedAt = now };
            return (reader, ConfirmStatus.Confirmed);
        }, cancellationToken);

        if (status == ConfirmStatus.Failed)
        {
            return new ConfirmResult(ConfirmStatus.Failed, LinkProblem.Superseded);
        }

        if (status == ConfirmStatus.Confirmed)
        {
            await mails.EnqueueAsync(new MailJob(MailKind.Welcome, key.Id, now), cancellationToken);
        }

        return new ConfirmResult(status, LinkProblem.None, readerLinks.Preferences(key.Id, linksValidSince), readerLinks.Unsubscribe(key.Id));
    }

    public async Task<PreferencesResult> GetPreferencesAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryKey(token, TokenPurpose.Preferences, out var key, out var issuedAt, out var problem))
        {
            return PreferencesResult.Fail(problem);
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        return reader is null || reader.State == ReaderState.Erased || !reader.AcceptsLinkIssuedAt(issuedAt)
            ? PreferencesResult.Fail(LinkProblem.Superseded)
            : new PreferencesResult(PreferencesStatus.Shown, LinkProblem.None, View(reader, token!), NoErrors);
    }

    /// <summary>Saves new choices (name, topics, frequency, pause) for an active reader.</summary>
    public async Task<PreferencesResult> UpdatePreferencesAsync(string? token, PreferencesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryKey(token, TokenPurpose.Preferences, out var key, out var issuedAt, out var problem))
        {
            return PreferencesResult.Fail(problem);
        }

        var errors = new Dictionary<string, string>();
        if (!FormRules.TryName(input.Name, out var name, out var nameError))
        {
            errors[FormFields.Name] = nameError!;
        }

        if (!FormRules.TryTopics(input.Topics, Options.TopicList, out var topics, out var topicsError))
        {
            errors[FormFields.Topics] = topicsError!;
        }

        if (!FormRules.TryFrequency(input.Frequency, out var frequency, out var frequencyError))
        {
            errors[FormFields.Frequency] = frequencyError!;
        }

        PreferencesView? view = null;
        var status = await UpdateAsync(key, reader =>
        {
            if (reader is null || reader.State == ReaderState.Erased || !reader.AcceptsLinkIssuedAt(issuedAt))
            {
                return (null, PreferencesStatus.Failed);
            }

            if (errors.Count > 0)
            {
                // Show what they typed, so they only fix the field in error.
                view = View(reader, token!) with { Name = input.Name, Topics = topics, Frequency = frequency, Paused = input.Paused };
                return (null, PreferencesStatus.Invalid);
            }

            if (reader.State != ReaderState.Active)
            {
                view = View(reader, token!);
                return (null, PreferencesStatus.Unsubscribed);
            }

            reader.Name = name;
            reader.Topics = topics;
            reader.Frequency = frequency;
            reader.Paused = input.Paused;
            view = View(reader, token!);
            return (reader, PreferencesStatus.Saved);
        }, cancellationToken);

        return status == PreferencesStatus.Failed
            ? PreferencesResult.Fail(LinkProblem.Superseded)
            : new PreferencesResult(status, LinkProblem.None, view, errors);
    }

    /// <summary>
    /// Unsubscribes at once (the next send skips the reader). Takes an unsubscribe token, or a
    /// preferences token when <paramref name="purpose"/> says the request came from the preferences page.
    /// </summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string? token, CancellationToken cancellationToken, TokenPurpose purpose = TokenPurpose.Unsubscribe)
    {
        if (purpose is not (TokenPurpose.Unsubscribe or TokenPurpose.Preferences))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        if (!TryKey(token, purpose, out var key, out var issuedAt, out var problem))
        {
            return new UnsubscribeResult(UnsubscribeStatus.Failed, problem);
        }

        var now = time.GetUtcNow();
        var status = await UpdateAsync(key, reader =>
        {
            // An unsubscribe link always works; a preferences page only while its link is of the current generation.
            if (purpose == TokenPurpose.Preferences && reader is not null && !reader.AcceptsLinkIssuedAt(issuedAt))
            {
                return (null, UnsubscribeStatus.Failed);
            }

            if (reader is not { State: ReaderState.Active or ReaderState.Pending })
            {
                return (null, UnsubscribeStatus.AlreadyOff);
            }

            reader.MoveTo(ReaderState.Unsubscribed, now, purpose == TokenPurpose.Unsubscribe ? "unsubscribe link" : "preferences page");
            return (reader, UnsubscribeStatus.Unsubscribed);
        }, cancellationToken);
        return new UnsubscribeResult(status, status == UnsubscribeStatus.Failed ? LinkProblem.Superseded : LinkProblem.None);
    }

    /// <summary>
    /// Applies what the mail provider reported (a hard bounce, a spam report, an unsubscribe) if the state
    /// machine allows it; a reader already suppressed or gone stays as it is. True when the reader changed.
    /// </summary>
    public Task<bool> ApplyFeedbackAsync(ReaderKey key, ReaderState to, string reason, CancellationToken cancellationToken)
    {
        if (to is not (ReaderState.Bounced or ReaderState.Complained or ReaderState.Unsubscribed))
        {
            throw new ArgumentOutOfRangeException(nameof(to));
        }

        var now = time.GetUtcNow();
        return UpdateAsync(key, reader =>
        {
            if (reader is null || reader.State == to || !ReaderStateMachine.CanMove(reader.State, to))
            {
                return (null, false);
            }

            reader.MoveTo(to, now, reason);
            return (reader, true);
        }, cancellationToken);
    }

    /// <summary>Everything kept about the reader, or null when the link is not valid.</summary>
    public async Task<(ReaderExport? Export, LinkProblem Problem)> ExportAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryKey(token, TokenPurpose.Preferences, out var key, out var issuedAt, out var problem))
        {
            return (null, problem);
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        if (reader is null || !reader.AcceptsLinkIssuedAt(issuedAt))
        {
            return (null, LinkProblem.Superseded);
        }

        var consent = reader.Consent is { } c
            ? new ConsentExport(c.SubmittedAt, c.FormVersion, c.PrivacyNoticeVersion, c.IpHash, c.UserAgent, c.ConfirmedAt)
            : null;
        return (new ReaderExport(reader.Id, reader.State.ToString(), reader.Address, reader.Name, reader.Topics, reader.Frequency.ToString(),
            reader.Paused, reader.CreatedAt, reader.StateChangedAt, consent,
            reader.History.Select(h => new StateChangeExport(h.From.ToString(), h.To.ToString(), h.At, h.Reason)).ToArray(),
            time.GetUtcNow()), LinkProblem.None);
    }

    /// <summary>Erases the reader's personal data; only the salted hash of the address and the dated state changes remain.</summary>
    public async Task<EraseResult> EraseAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryKey(token, TokenPurpose.Preferences, out var key, out var issuedAt, out var problem))
        {
            return new EraseResult(EraseStatus.Failed, problem);
        }

        var now = time.GetUtcNow();
        var status = await UpdateAsync(key, reader =>
        {
            if (reader is null || reader.State == ReaderState.Erased)
            {
                return (null, EraseStatus.AlreadyErased);
            }

            if (!reader.AcceptsLinkIssuedAt(issuedAt))
            {
                return (null, EraseStatus.Failed);
            }

            reader.MoveTo(ReaderState.Erased, now, "erased on request");
            return (reader, EraseStatus.Erased);
        }, cancellationToken);
        return new EraseResult(status, status == EraseStatus.Failed ? LinkProblem.Superseded : LinkProblem.None);
    }

    /// <summary>
    /// The reader's "invalidate my old links": every preferences link issued so far stops working, and the
    /// new preferences address is given back (null with the problem when the link used is not valid).
    /// </summary>
    public async Task<(string? PreferencesUrl, LinkProblem Problem)> InvalidateLinksAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryKey(token, TokenPurpose.Preferences, out var key, out var issuedAt, out var problem))
        {
            return (null, problem);
        }

        var now = time.GetUtcNow();
        var since = await UpdateAsync(key, reader =>
        {
            if (reader is null || reader.State == ReaderState.Erased || !reader.AcceptsLinkIssuedAt(issuedAt))
            {
                return (null, (DateTimeOffset?)null);
            }

            return (reader, (DateTimeOffset?)reader.InvalidateLinks(now));
        }, cancellationToken);
        return since is { } start ? (readerLinks.Preferences(key.Id, start), LinkProblem.None) : (null, LinkProblem.Superseded);
    }

    private SignupForm FormFor(string? renderToken, ClientInfo client)
    {
        var form = RenderForm(client);
        // Keep the original timestamp when it is still good, so correcting a typo is not "too fast".
        return IsCurrentStamp(renderToken, client, out _) ? form with { RenderToken = renderToken! } : form;
    }

    /// <summary>Whether a form stamp is ours, served to this client, and not older than <c>FormMaxAgeHours</c>.</summary>
    private bool IsCurrentStamp(string? renderToken, ClientInfo client, out DateTimeOffset issuedAt)
    {
        var check = tokens.Verify(renderToken, TokenPurpose.Form);
        issuedAt = check.Claims?.IssuedAt ?? default;
        return check.IsValid
            && string.Equals(check.Claims!.Subject, StampSubject(client), StringComparison.Ordinal)
            && time.GetUtcNow() - issuedAt <= TimeSpan.FromHours(Options.FormMaxAgeHours);
    }

    private string StampSubject(ClientInfo client) => identity.HashIp(IpRateLimiter.ClientKey(client.Ip)) ?? "unknown";

    private PreferencesView View(Reader reader, string token) =>
        new(reader.State, reader.Address, reader.Name, reader.Topics, reader.Frequency, reader.Paused, Options.TopicList, token);

    private bool TryKey(string? token, TokenPurpose purpose, out ReaderKey key, out LinkProblem problem) =>
        TryKey(token, purpose, out key, out _, out problem);

    private bool TryKey(string? token, TokenPurpose purpose, out ReaderKey key, out DateTimeOffset issuedAt, out LinkProblem problem)
    {
        var check = tokens.Verify(token, purpose);
        issuedAt = check.Claims?.IssuedAt ?? default;
        return LinkCheck.Verified(check, out key, out problem);
    }

    /// <summary>
    /// Reads the reader, lets <paramref name="change"/> decide, and saves the reader it returns (null: save
    /// nothing). A conflicting save by someone else re-runs the whole decision on fresh data.
    /// </summary>
    private async Task<T> UpdateAsync<T>(ReaderKey key, Func<Reader?, (Reader? Save, T Result)> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
            var (save, result) = change(reader);
            if (save is null)
            {
                return result;
            }

            try
            {
                await store.SaveAsync(save, cancellationToken);
                return result;
            }
            catch (ReaderConflictException) when (attempt < SaveAttempts)
            {
                LogConflict(logger, key.Id, attempt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signup of a batch failed and was queued again on its own: {Reason}")]
    private static partial void LogSignupRequeued(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signup dropped: {Reason}")]
    private static partial void LogDroppedSignup(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signup for reader {ReaderId} needs no mail")]
    private static partial void LogNoMail(ILogger logger, string readerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader {ReaderId} changed concurrently (attempt {Attempt}); retrying")]
    private static partial void LogConflict(ILogger logger, string readerId, int attempt);
}
