namespace Newsletter.Core.Subscriptions;

/// <summary>
/// A signup that passed the form checks, queued so the POST answers at once and in the same time
/// whatever the address's state; the state machine runs when it is processed.
/// </summary>
public sealed record SignupRequest(
    string Address,
    string? Name,
    IReadOnlyList<string> Topics,
    Frequency Frequency,
    DateTimeOffset SubmittedAt,
    string FormVersion,
    string PrivacyNoticeVersion,
    string? IpHash,
    string? UserAgent);

/// <summary>The mails of the subscription flow.</summary>
public enum MailKind
{
    Confirm,
    Welcome,
    AlreadySubscribed,
}

/// <summary>
/// A mail to send to a reader. It names the reader, not the address: the mail is composed when it
/// is sent, from the reader's state then, so a reader who left in between gets nothing.
/// </summary>
public sealed record MailJob(MailKind Kind, string ReaderId, DateTimeOffset QueuedAt);

/// <summary>Port: the queue of signups waiting to be processed.</summary>
public interface ISignupPublisher
{
    Task EnqueueAsync(SignupRequest request, CancellationToken cancellationToken);
}

/// <summary>Port: the queue of mails waiting to be composed and sent.</summary>
public interface IMailJobPublisher
{
    Task EnqueueAsync(MailJob job, CancellationToken cancellationToken);
}

/// <summary>
/// Port: the copies of a reader's address kept outside the reader row (queued signups given up as poison,
/// undelivered digest remainders), so an erasure reaches every one of them.
/// </summary>
public interface IReaderCopies
{
    /// <summary>Removes or blanks every copy of this reader's address and name; returns how many were changed.</summary>
    Task<int> ForgetAsync(ReaderKey reader, CancellationToken cancellationToken);
}
