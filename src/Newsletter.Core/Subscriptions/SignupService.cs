using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>
/// Signup: the form, the checks of a post (honeypot, stamp, rate limit, fields), the queue, and the
/// queued signup applied to the reader, which decides whether a confirmation or a notice is due.
/// </summary>
public sealed partial class SignupService(
    ReaderUpdates readers,
    ISignupPublisher signups,
    IMailJobPublisher mails,
    TokenService tokens,
    ReaderIdentity identity,
    IpRateLimiter rateLimiter,
    Links links,
    IOptions<SubscriptionOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<SignupService> logger)
{
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

        var valid = FormRules.TryChoices(input.Name, input.Topics, input.Frequency, Options.TopicList, out var choices, out var choiceErrors);
        var errors = new Dictionary<string, string>();
        if (!EmailAddress.TryParse(input.Email, out var address, out var problem))
        {
            errors[FormFields.Email] = FormRules.Message(problem);
        }

        foreach (var (field, message) in choiceErrors)
        {
            errors[field] = message;
        }

        if (!valid || errors.Count > 0)
        {
            return new SubmitResult(SubmitStatus.Invalid, errors, form);
        }

        await signups.EnqueueAsync(new SignupRequest(address!.Address, choices.Name, choices.Topics, choices.Frequency, now, Options.FormVersion,
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
            LogSignupRequeued(error.Message);
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
            LogDroppedSignup("the queued address is not valid");
            return;
        }

        var key = identity.For(address!);
        var now = time.GetUtcNow();
        var consent = new ConsentRecord(request.SubmittedAt, request.FormVersion, request.PrivacyNoticeVersion, request.IpHash, request.UserAgent);
        var limits = new SignupLimits(Options.ConfirmationMailsPerHour, TimeSpan.FromHours(Options.AlreadySubscribedMailHours));
        var mail = await readers.UpdateAsync(key, existing =>
        {
            var reader = existing ?? Reader.NewPending(key.Id, key.Bucket, now);
            return reader.SignUp(address!.Address, new ReaderChoices(request.Name, request.Topics, request.Frequency), now, consent, limits) switch
            {
                SignupOutcome.ConfirmationDue => (reader, MailKind.Confirm),
                SignupOutcome.ConfirmationLimited => (reader, (MailKind?)null),
                SignupOutcome.NoticeDue => (reader, MailKind.AlreadySubscribed),
                _ => (null, null),
            };
        }, cancellationToken);

        if (mail is { } kind)
        {
            await mails.EnqueueAsync(new MailJob(kind, key.Id, now), cancellationToken);
        }
        else
        {
            LogNoMail(key.Id);
        }
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

    [LoggerMessage(LogLevel.Warning, "A signup of a batch failed and was queued again on its own: {Reason}")]
    private partial void LogSignupRequeued(string reason);

    [LoggerMessage(LogLevel.Warning, "Signup dropped: {Reason}")]
    private partial void LogDroppedSignup(string reason);

    [LoggerMessage(LogLevel.Information, "Signup for reader {ReaderId} needs no mail")]
    private partial void LogNoMail(string readerId);
}
