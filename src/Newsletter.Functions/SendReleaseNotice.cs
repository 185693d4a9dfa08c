using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions;

/// <summary>Queue <c>release-notices</c>: sends a release mail to each of its contacts not yet mailed about that event.</summary>
public sealed class SendReleaseNotice(ReleaseNotices notices)
{
    [Function(nameof(SendReleaseNotice))]
    public Task Run([QueueTrigger(StorageNames.Queues.ReleaseNotices, Connection = StorageNames.Connection)] ReleaseNoticeJob job, CancellationToken cancellationToken) =>
        notices.DeliverAsync(job, cancellationToken);
}
