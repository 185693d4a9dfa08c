using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Access;

/// <summary>
/// Sign-in by mailed link and one-time code. A request stores an attempt and queues its mail, the same
/// work whether the address is known or not; the mail job, not the request, looks the person up, so
/// the answer and its timing reveal nothing. Opening a link only checks it (<see cref="CheckLinkAsync"/>);
/// signing in is a POST that uses the attempt up, once, within <see cref="SignInOptions.LinkMinutes"/>.
/// </summary>
public sealed partial class SignInService(
    ISignInStore store,
    IPeopleStore people,
    ISignInMailPublisher mailQueue,
    ISignInMailTemplate template,
    IMailSender sender,
    SessionService sessions,
    PersonIds ids,
    SignInLimiter limiter,
    AccessLinks links,
    IOptions<SignInOptions> options,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    public const int CodeLength = 6;

    private SignInOptions Options => options.Value;

    /// <summary>Asks for a sign-in link for the address typed on <c>/signin</c>.</summary>
    public async Task<SignInRequestResult> RequestAsync(string? email, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!EmailAddress.TryParse(email, out var address, out var problem))
        {
            return new SignInRequestResult(SignInRequestStatus.Invalid, null, null, problem, TimeSpan.Zero);
        }

        if (limiter.AcquireRequest(client.Ip) is { Allowed: false } refused)
        {
            return new SignInRequestResult(SignInRequestStatus.RateLimited, null, null, AddressProblem.None, refused.RetryAfter);
        }

        var personId = ids.For(address!);
        var attemptId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        var clientHash = ids.HashClient(client.Ip);
        var recent = await store.CountAttemptsSinceAsync(personId, now.AddMinutes(-Options.AddressWindowMinutes), clientHash, cancellationToken);
        if (recent.FromClient < Options.AddressLimit && recent.All < Options.AddressCeiling)
        {
            await store.AddAttemptAsync(new SignInAttempt
            {
                PersonId = personId, Id = attemptId, CreatedAt = now, ExpiresAt = now.AddMinutes(Options.LinkMinutes), ClientHash = clientHash,
            }, cancellationToken);
            await mailQueue.EnqueueAsync(new SignInMailJob(personId, attemptId, now), cancellationToken);
        }
        else
        {
            LogAddressLimited(personId);
        }

        return new SignInRequestResult(SignInRequestStatus.Accepted, address!.Address, personId + "." + attemptId, AddressProblem.None, TimeSpan.Zero);
    }

    /// <summary>
    /// The queued mail: a fresh link and code for an open attempt of a known person, nothing for anyone
    /// else. A retry after a failed send issues a new pair, so only the last mail's link and code work.
    /// </summary>
    public async Task<bool> SendMailAsync(SignInMailJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var attempt = PersonIds.IsValid(job.PersonId) && IsHex32(job.AttemptId) ? await store.GetAttemptAsync(job.PersonId, job.AttemptId, cancellationToken) : null;
        if (attempt is null || !attempt.IsOpen(time.GetUtcNow()) || attempt.MailedAt is not null)
        {
            LogNoMail(job.PersonId, attempt is null ? "no such request" : "request closed or already mailed");
            return false;
        }

        if (await people.FindAsync(attempt.PersonId, cancellationToken) is not { } person)
        {
            LogNoMail(job.PersonId, "nobody with that address may sign in");
            return false;
        }

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var issued = attempt with { LinkHash = Hash(secret), CodeHash = Hash(attempt.Id + ":" + code) };
        if (!await store.TrySaveAttemptAsync(issued, cancellationToken))
        {
            return false;
        }

        var link = links.Complete(attempt.PersonId + "." + attempt.Id + "." + secret);
        var content = await template.RenderAsync(new SignInMailModel(app.Value.NetworkName, person.Address, link, code, Options.LinkMinutes));
        var from = mail.Value.Sender(app.Value);
        await sender.SendAsync(new MailMessage(from, new Mailbox(person.Address), content.Subject, content.Html, content.Text), cancellationToken);
        if (await store.GetAttemptAsync(attempt.PersonId, attempt.Id, cancellationToken) is { } sent)
        {
            await store.TrySaveAttemptAsync(sent with { MailedAt = time.GetUtcNow() }, cancellationToken);
        }

        LogMailed(job.PersonId);
        return true;
    }

    /// <summary>Whether a link would sign in now; changes nothing (mail scanners open links).</summary>
    public async Task<SignInFailure> CheckLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var (attempt, failure) = await FindByLinkAsync(token, cancellationToken);
        return attempt is null ? failure : Closed(attempt) ?? SignInFailure.None;
    }

    /// <summary>Signs in with a mailed link: the button on the link's page posts here.</summary>
    public async Task<SignInResult> CompleteWithLinkAsync(string? token, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (attempt, failure) = await FindByLinkAsync(token, cancellationToken);
        if (attempt is null)
        {
            return new SignInResult(failure);
        }

        return await UseAsync(attempt, SignInMethod.Link, client, cancellationToken);
    }

    /// <summary>Signs in with the code typed on the page that asked for the link.</summary>
    public async Task<SignInResult> CompleteWithCodeAsync(string? attemptRef, string? code, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (limiter.AcquireCode(client.Ip) is { Allowed: false })
        {
            return new SignInResult(SignInFailure.RateLimited);
        }

        var parts = (attemptRef ?? string.Empty).Split('.');
        if (parts.Length != 2 || !PersonIds.IsValid(parts[0]) || !IsHex32(parts[1]))
        {
            return new SignInResult(SignInFailure.Invalid);
        }

        var attempt = await store.GetAttemptAsync(parts[0], parts[1], cancellationToken);
        if (attempt is null)
        {
            // A request over the address limit stores nothing; it answers as a wrong code would.
            return new SignInResult(SignInFailure.WrongCode);
        }

        // Each guess is counted before it is compared, under the version read: a count that loses to a
        // parallel one reads again, so no more than MaxCodeAttempts codes are ever compared.
        var checkedCodes = 0;
        while (checkedCodes == 0)
        {
            if (Closed(attempt) is { } closed)
            {
                return new SignInResult(closed);
            }

            if (attempt.FailedCodes >= Options.MaxCodeAttempts)
            {
                return new SignInResult(SignInFailure.TooManyCodes);
            }

            if (await store.TrySaveAttemptAsync(attempt with { FailedCodes = attempt.FailedCodes + 1 }, cancellationToken))
            {
                checkedCodes = attempt.FailedCodes + 1;
            }
            else if ((attempt = await store.GetAttemptAsync(parts[0], parts[1], cancellationToken)) is null)
            {
                return new SignInResult(SignInFailure.WrongCode);
            }
        }

        var typed = new string((code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (typed.Length != CodeLength || attempt.CodeHash is null || !SameHash(attempt.CodeHash, Hash(attempt.Id + ":" + typed)))
        {
            // The last allowed guess closes the code, not the request: whoever typed the codes cannot use up
            // the link, which went only to the owner's inbox and is never guessed.
            return new SignInResult(checkedCodes < Options.MaxCodeAttempts ? SignInFailure.WrongCode : SignInFailure.TooManyCodes);
        }

        return await MarkUsedAsync(parts[0], parts[1], cancellationToken) is { } used
            ? await StartAsync(used, SignInMethod.Code, client, cancellationToken)
            : new SignInResult(SignInFailure.Used);
    }

    /// <summary>The person's sign-ins, newest first.</summary>
    public Task<IReadOnlyList<SignInRecord>> HistoryAsync(string personId, int max, CancellationToken cancellationToken) =>
        store.ListRecordsAsync(personId, max, cancellationToken);

    private async Task<SignInResult> UseAsync(SignInAttempt attempt, SignInMethod method, ClientInfo client, CancellationToken cancellationToken)
    {
        // Marked used before anything else, under the version read: of two posts, one wins.
        var used = attempt with { UsedAt = time.GetUtcNow() };
        return await store.TrySaveAttemptAsync(used, cancellationToken)
            ? await StartAsync(used, method, client, cancellationToken)
            : new SignInResult(SignInFailure.Used);
    }

    /// <summary>Marks a request used, reading again when a parallel count changed it; null when it was closed first.</summary>
    private async Task<SignInAttempt?> MarkUsedAsync(string personId, string attemptId, CancellationToken cancellationToken)
    {
        while (await store.GetAttemptAsync(personId, attemptId, cancellationToken) is { } attempt && Closed(attempt) is null)
        {
            var used = attempt with { UsedAt = time.GetUtcNow() };
            if (await store.TrySaveAttemptAsync(used, cancellationToken))
            {
                return used;
            }
        }

        return null;
    }

    private async Task<SignInResult> StartAsync(SignInAttempt attempt, SignInMethod method, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = attempt.UsedAt ?? time.GetUtcNow();
        if (await people.FindAsync(attempt.PersonId, cancellationToken) is not { } person)
        {
            // The role was removed after the mail went out.
            return new SignInResult(SignInFailure.Invalid);
        }

        var (session, secret) = await sessions.StartAsync(person.Id, cancellationToken);
        await store.RecordAsync(new SignInRecord(person.Id, person.Address, now, method, ids.HashClient(client.Ip)), cancellationToken);
        LogSignedIn(person.Id, method);
        return new SignInResult(SignInFailure.None, person, secret, session);
    }

    private async Task<(SignInAttempt? Attempt, SignInFailure Failure)> FindByLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = (token ?? string.Empty).Split('.');
        if (parts.Length != 3 || !PersonIds.IsValid(parts[0]) || !IsHex32(parts[1]) || parts[2].Length is < 40 or > 50)
        {
            return (null, SignInFailure.Invalid);
        }

        var attempt = await store.GetAttemptAsync(parts[0], parts[1], cancellationToken);
        if (attempt?.LinkHash is null || !SameHash(attempt.LinkHash, Hash(parts[2])))
        {
            return (null, SignInFailure.Invalid);
        }

        return Closed(attempt) is { } closed ? (null, closed) : (attempt, SignInFailure.None);
    }

    private SignInFailure? Closed(SignInAttempt attempt) =>
        attempt.UsedAt is not null ? SignInFailure.Used : time.GetUtcNow() >= attempt.ExpiresAt ? SignInFailure.Expired : null;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool SameHash(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static bool IsHex32(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    [LoggerMessage(LogLevel.Information, "Sign-in request for person {PersonId} over the address limit: nothing mailed")]
    private partial void LogAddressLimited(string personId);

    [LoggerMessage(LogLevel.Information, "No sign-in mail for {PersonId}: {Reason}")]
    private partial void LogNoMail(string personId, string reason);

    [LoggerMessage(LogLevel.Information, "Sign-in mail sent to person {PersonId}")]
    private partial void LogMailed(string personId);

    [LoggerMessage(LogLevel.Information, "Person {PersonId} signed in by {Method}")]
    private partial void LogSignedIn(string personId, SignInMethod method);
}

/// <summary>Per-client limits of sign-in requests and of code entries, counted apart.</summary>
public sealed class SignInLimiter(IOptions<SignInOptions> options, TimeProvider time)
{
    private readonly IpRateLimiter _requests = new(Limits(options), time);
    private readonly IpRateLimiter _codes = new(Limits(options), time);

    public RateDecision AcquireRequest(string? clientIp) => _requests.Acquire(clientIp);

    public RateDecision AcquireCode(string? clientIp) => _codes.Acquire(clientIp);

    // The subscription limiter's fixed-window counter, with the sign-in limits.
    private static IOptions<SubscriptionOptions> Limits(IOptions<SignInOptions> options) => Microsoft.Extensions.Options.Options.Create(
        new SubscriptionOptions { IpRateLimit = options.Value.ClientLimit, IpRateLimitWindowSeconds = options.Value.ClientWindowSeconds });
}
