namespace Newsletter.Core.Portal;

/// <summary>
/// One release mail waiting on the <c>release-notices</c> queue: what it says, composed when the event happened (so a
/// later change of the release does not change the mail about an earlier event), and whom it goes to.
/// <see cref="Key"/> names the release's event; with each address it makes the mail's idempotency key.
/// </summary>
public sealed record ReleaseNoticeJob(string MemberId, string ReleaseId, string Key, ReleaseNoticeMail Mail, IReadOnlyList<string> To, DateTimeOffset QueuedAt);

/// <summary>Port: the queue of release mails (<c>SendReleaseNotice</c> sends them).</summary>
public interface IReleaseNoticePublisher
{
    Task EnqueueAsync(ReleaseNoticeJob job, CancellationToken cancellationToken);
}
