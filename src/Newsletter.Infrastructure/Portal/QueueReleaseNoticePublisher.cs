using Newsletter.Core.Portal;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Infrastructure.Portal;

/// <summary>Puts release mails on the <c>release-notices</c> queue.</summary>
public sealed class QueueReleaseNoticePublisher(StorageClients clients) : IReleaseNoticePublisher
{
    public Task EnqueueAsync(ReleaseNoticeJob job, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.ReleaseNotices).SendMessageAsync(QueueMessages.Serialize(job), cancellationToken);
}
