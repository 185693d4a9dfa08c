using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Access;

/// <summary>
/// A signed-in browser. The cookie holds a random secret; the record is kept under the secret's
/// SHA-256, so the table alone cannot be turned into a cookie.
/// </summary>
public sealed record Session
{
    public required string Id { get; init; }
    public required string PersonId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? Version { get; init; }
}

/// <summary>Port: the session records.</summary>
public interface ISessionStore
{
    Task AddAsync(Session session, CancellationToken cancellationToken);

    Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Saves a session read earlier (last use, revocation); a concurrent change wins.</summary>
    Task SaveAsync(Session session, CancellationToken cancellationToken);

    /// <summary>Revokes every session of the person.</summary>
    Task RevokeAllAsync(string personId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A session just started, with the secret for the cookie (shown nowhere else).</summary>
public sealed record StartedSession(Session Session, string Secret);

/// <summary>A session found for a request: the record, the person as they are now, and the form token.</summary>
public sealed record SignedIn(Session Session, Person Person, string AntiForgeryToken);

/// <summary>
/// Starts, finds and ends sessions. A session ends after <see cref="SignInOptions.SessionIdleHours"/>
/// unused or <see cref="SignInOptions.SessionDays"/> after sign-in, and at once when revoked; roles are
/// read afresh on every request, so removing one takes effect on the next click.
/// </summary>
public sealed class SessionService(ISessionStore sessions, IPeopleStore people, TokenService tokens, IOptions<SignInOptions> options, TimeProvider time)
{
    /// <summary>Last use is written at most this often, so reading pages does not mean writing the table.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(5);

    /// <summary>Starts a session; returns the secret for the cookie, shown nowhere else.</summary>
    public async Task<StartedSession> StartAsync(string personId, CancellationToken cancellationToken)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var session = new Session
        {
            Id = IdOf(secret),
            PersonId = personId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now.AddDays(options.Value.SessionDays),
        };
        await sessions.AddAsync(session, cancellationToken);
        return new StartedSession(session, secret);
    }

    /// <summary>The live session the cookie names, with its person; null when there is none, it ended, or the person has no role left.</summary>
    public async Task<SignedIn?> FindAsync(string? secret, CancellationToken cancellationToken)
    {
        if (secret is null || secret.Length is < 20 or > 100)
        {
            return null;
        }

        var session = await sessions.GetAsync(IdOf(secret), cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || session.RevokedAt is not null || now >= session.ExpiresAt
            || now - session.LastSeenAt >= TimeSpan.FromHours(options.Value.SessionIdleHours))
        {
            return null;
        }

        var person = await people.FindAsync(session.PersonId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        if (now - session.LastSeenAt >= TouchEvery)
        {
            session = session with { LastSeenAt = now };
            await sessions.SaveAsync(session, cancellationToken);
        }

        return new SignedIn(session, person, tokens.Issue(TokenPurpose.AntiForgery, AntiForgerySubject(session), session.ExpiresAt - now));
    }

    /// <summary>Ends the session at once, on every instance.</summary>
    public async Task EndAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await sessions.SaveAsync(session with { RevokedAt = time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>
    /// True when the token was issued for this session (signed with the app's token keys, purpose
    /// <see cref="TokenPurpose.AntiForgery"/>): a post without it, or with another session's, is refused.
    /// </summary>
    public bool IsValidAntiForgery(SignedIn signedIn, string? token)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        var check = tokens.Verify(token, TokenPurpose.AntiForgery);
        return check.IsValid && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(check.Claims!.Subject), Encoding.ASCII.GetBytes(AntiForgerySubject(signedIn.Session)));
    }

    /// <summary>The stored id of a cookie secret: SHA-256, hex.</summary>
    public static string IdOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // Derived from the session id, so a form token names its session without showing the table key.
    private static string AntiForgerySubject(Session session) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("antiforgery:" + session.Id)).AsSpan(0, 16));
}
