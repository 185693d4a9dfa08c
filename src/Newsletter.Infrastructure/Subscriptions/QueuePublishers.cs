using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
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
/// lost, but a burst of posts costs one queue write per batch instead of one per post. A batch is
/// bounded by its encoded size (the queue takes 64 KiB of base64, and names in other scripts take up
/// to six bytes a character in JSON), and a batch whose write fails is split and written again in
/// halves, so one failed write fails no one whose own signup could be stored.
/// </summary>
public sealed class QueueSignupPublisher(StorageClients clients, int maxMessageChars = QueueSignupPublisher.QueueMessageLimit) : ISignupPublisher
{
    /// <summary>The queue's limit on a message as sent: 64 KiB of base64 text.</summary>
    public const int QueueMessageLimit = 64 * 1024;

    /// <summary>At most this many signups per message, so one message is quick to process.</summary>
    public const int MaxBatch = 50;

    private readonly int _maxJsonBytes = maxMessageChars / 4 * 3;
    private readonly Lock _gate = new();
    private List<Pending> _waiting = [];
    private bool _flushing;

    public Task EnqueueAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(request, QueueMessages.Json);
        if (json.Length + 2 > _maxJsonBytes)
        {
            throw new ArgumentException($"A signup of {json.Length} bytes does not fit in a queue message.", nameof(request));
        }

        var pending = new Pending(json, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

                var take = 0;
                for (var size = 2; take < _waiting.Count && take < MaxBatch; take++)
                {
                    size += _waiting[take].Json.Length + (take > 0 ? 1 : 0);
                    if (size > _maxJsonBytes && take > 0)
                    {
                        break;
                    }
                }

                batch = _waiting[..take];
                _waiting = _waiting[take..];
            }

            await WriteAsync(queue, batch);
        }
    }

    private static async Task WriteAsync(QueueClient queue, List<Pending> batch)
    {
        try
        {
            await queue.SendMessageAsync(Message(batch));
            batch.ForEach(p => p.Done.TrySetResult());
        }
#pragma warning disable CA1031 // Every waiting caller gets the failure of its own write; the loop goes on for the next batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetException(ex);
                return;
            }

            // The storage SDK has already retried what it retries; a batch refused as a whole (too large,
            // or a write that failed for good) is tried again in halves, down to one signup a message.
            await WriteAsync(queue, batch[..(batch.Count / 2)]);
            await WriteAsync(queue, batch[(batch.Count / 2)..]);
        }
    }

    private static BinaryData Message(List<Pending> batch)
    {
        var bytes = new byte[2 + batch.Sum(p => p.Json.Length) + batch.Count - 1];
        var at = 0;
        bytes[at++] = (byte)'[';
        foreach (var pending in batch)
        {
            if (at > 1)
            {
                bytes[at++] = (byte)',';
            }

            pending.Json.CopyTo(bytes, at);
            at += pending.Json.Length;
        }

        bytes[at] = (byte)']';
        return new BinaryData(bytes);
    }

    private sealed record Pending(byte[] Json, TaskCompletionSource Done);
}

/// <summary>Puts subscription mails on the <c>mail</c> queue.</summary>
public sealed class QueueMailJobPublisher(StorageClients clients) : IMailJobPublisher
{
    public Task EnqueueAsync(MailJob job, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.Mail).SendMessageAsync(QueueMessages.Serialize(job), cancellationToken);
}
