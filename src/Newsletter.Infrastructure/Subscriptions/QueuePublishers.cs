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

/// <summary>Puts accepted signups on the <c>signups</c> queue.</summary>
public sealed class QueueSignupPublisher(StorageClients clients) : ISignupPublisher
{
    public Task EnqueueAsync(SignupRequest request, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.Signups).SendMessageAsync(QueueMessages.Serialize(request), cancellationToken);
}

/// <summary>Puts subscription mails on the <c>mail</c> queue.</summary>
public sealed class QueueMailJobPublisher(StorageClients clients) : IMailJobPublisher
{
    public Task EnqueueAsync(MailJob job, CancellationToken cancellationToken) =>
        clients.Queues.GetQueueClient(StorageNames.Queues.Mail).SendMessageAsync(QueueMessages.Serialize(job), cancellationToken);
}
