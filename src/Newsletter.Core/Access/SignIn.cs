namespace Newsletter.Core.Access;

/// <summary>
/// One request to sign in: a link secret and a code, both kept only as hashes, usable once until
/// <see cref="ExpiresAt"/>. A request for an unknown address is stored the same way, with no hashes,
/// so nothing about it differs until the mail job finds nobody to mail.
/// </summary>
public sealed record SignInAttempt
{
    public required string PersonId { get; init; }
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? LinkHash { get; init; }
    public string? CodeHash { get; init; }
    /// <summary>Wrong codes typed; at <see cref="SignInOptions.MaxCodeAttempts"/> the code is closed, the mailed link is not.</summary>
    public int FailedCodes { get; init; }

    /// <summary>The hashed address of the client that asked, so the per-address limit counts each client apart.</summary>
    public string? ClientHash { get; init; }

    /// <summary>When it was used to sign in.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    public DateTimeOffset? MailedAt { get; init; }

    /// <summary>Opaque store version for optimistic concurrency.</summary>
    public string? Version { get; init; }

    public bool IsOpen(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}

/// <summary>How a sign-in was completed.</summary>
public enum SignInMethod
{
    Link,
    Code,
}

/// <summary>A completed sign-in, kept for the record: who, when, how, from which (hashed) client.</summary>
public sealed record SignInRecord(string PersonId, string Address, DateTimeOffset At, SignInMethod Method, string? ClientHash);

/// <summary>Port: sign-in requests and the record of sign-ins.</summary>
public interface ISignInStore
{
    Task AddAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken);

    Task<SignInAttempt?> GetAttemptAsync(string personId, string attemptId, CancellationToken cancellationToken);

    /// <summary>Replaces an attempt read earlier; false when it changed since (someone else used it).</summary>
    Task<bool> TrySaveAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken);

    /// <summary>How many attempts for the person were made after that moment: in all, and by the client with that hash.</summary>
    Task<AttemptCount> CountAttemptsSinceAsync(string personId, DateTimeOffset since, string? clientHash, CancellationToken cancellationToken);

    Task RecordAsync(SignInRecord record, CancellationToken cancellationToken);

    /// <summary>The person's sign-ins, newest first.</summary>
    Task<IReadOnlyList<SignInRecord>> ListRecordsAsync(string personId, int max, CancellationToken cancellationToken);
}

/// <summary>Recent sign-in requests for one person: from every client, and from the one asking now.</summary>
public sealed record AttemptCount(int All, int FromClient);

/// <summary>A sign-in mail waiting to be sent; it names the attempt, never an address or a secret.</summary>
public sealed record SignInMailJob(string PersonId, string AttemptId, DateTimeOffset QueuedAt);

/// <summary>Port: the queue of sign-in mails.</summary>
public interface ISignInMailPublisher
{
    Task EnqueueAsync(SignInMailJob job, CancellationToken cancellationToken);
}

/// <summary>What the sign-in mail says.</summary>
public sealed record SignInMailModel(string NetworkName, string Address, string Link, string Code, int Minutes);

/// <summary>The parts of a mail a template makes.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);

/// <summary>Port: the template of the sign-in mail (a component in the web layer).</summary>
public interface ISignInMailTemplate
{
    Task<RenderedMail> RenderAsync(SignInMailModel model);
}

/// <summary>The absolute addresses of the sign-in pages and the signed-in areas, from <c>App:BaseUrl</c>.</summary>
public sealed class AccessLinks(Microsoft.Extensions.Options.IOptions<AppOptions> app)
{
    private string Root => field ??= app.Value.Root;

    public string SignIn => Root + "/signin";
    public string SignInCode => Root + "/signin/code";
    public string SignInComplete => Root + "/signin/complete";
    public string SignOut => Root + "/signout";
    public string Portal => Root + "/portal";
    public string Console => Root + "/console";

    public string Complete(string token) => $"{SignInComplete}?token={Uri.EscapeDataString(token)}";

    /// <summary>Where a person lands after signing in: the console for editors, the portal for member contacts.</summary>
    public string Landing(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Has(Role.Editor) ? Console : Portal;
    }

    /// <summary>True when the site is served over https, so cookies must be Secure (the request cannot tell behind the Functions host).</summary>
    public bool IsHttps => Root.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
