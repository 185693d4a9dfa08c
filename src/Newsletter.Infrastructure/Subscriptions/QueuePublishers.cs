using System.Text.Json;
using System.Text.Json.Serialization;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Subscriptions;

/// <summary>The JSON shape of queue messages, shared by the publishers and the queue-triggered functions.</summary>
public static class QueueMessages
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json);

    public static T Deserialize<T>(string message) =>
        JsonSerializer.Deserialize<T>(message, Json) ?? throw new JsonException($"The queue message is not a {typeof(T).Name}.");
}

/// <summary>
/// Puts accepted signups on the <c>signups</c> queue, several to a message (group commit): while one
/// message is being written, the signups that arrive wait and go together in the next. Each caller
/// still waits until its signup is stored in the queue, so nothing is acknowledged that could be
/// lost, but a burst of posts costs one queue write per batch instead of one per post.
/// </summary>
public sealed class QueueSignupPublisher(StorageClients clients) : ISignupPublisher
{
    /// <summary>About 25 KB of JSON at most, well under the 64 KB queue message limit after base64.</summary>
    public const int MaxBatch = 50;

    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _flushing;

    public Task EnqueueAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var pending = new Pending(request, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var start = false;
        lock (_gate)
        {
            _waiting.Add(pending);
            if (!_flushing)
            {
                _flushing = start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(FlushAsync, CancellationToken.None);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Signups);
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = _waiting.Count <= MaxBatch ? _waiting : _waiting[..MaxBatch];
                _waiting = _waiting.Count <= MaxBatch ? [] : _waiting[MaxBatch..];
            }

            try
            {
                await queue.SendMessageAsync(QueueMessages.Serialize(batch.Select(p => p.Request).ToArray()));
                batch.ForEach(p => p.Done.TrySetResult());
            }
#pragma warning disable CA1031 // Every waiting caller gets the failure; the loop goes on for the next batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private sealed record Pending(SignupRequest Request, TaskCompletionSource Done);
}

/// <summary>Puts subscription mails on the <c>mail</c> queue.</summary>
public sealed class QueueMailJobPublisher(StorageClients clients) : IMailJobPublisher
{
    public Task EnqueueAsync(MailJob job, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.Mail).SendMessageAsync(QueueMessages.Serialize(job), cancellationToken);
}
