using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Delivery;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>What the worker hands a queue-triggered function: the message read with the worker's serializer.</summary>
internal static class QueueBinding
{
    public static T Bind<T>(IServiceProvider services, string message)
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(message));
        return (T)services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!.Deserialize(json, typeof(T), CancellationToken.None)!;
    }
}

/// <summary>
/// The queue-triggered functions take their message types, so the worker must read every message as the publishers
/// write it; these tests put messages on the queues with the real publishers and read them back as the worker would.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueMessagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider services = null!;

    public async Task InitializeAsync() => services = await FunctionServices.StartAsync(azurite);

    public async Task DisposeAsync() => await services.DisposeAsync();

    private async Task<string> TakeAsync(string queue)
    {
        var message = Assert.Single((await services.GetRequiredService<StorageClients>().Queues.GetQueueClient(queue).ReceiveMessagesAsync(32)).Value);
        return message.MessageText;
    }

    [Fact]
    public async Task EveryPublishedMessage_BindsToItsFunctionsMessageType()
    {
        var now = new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.FromHours(1));
        var signup = new SignupRequest("jane@example.org", "Jane", ["Research"], Frequency.Weekly, now, "f1", "p1", "ip", "agent");
        var mail = new MailJob(MailKind.AlreadySubscribed, "reader-1", now);
        var signIn = new SignInMailJob("person-1", "attempt-1", now);
        DispatchWork bucket = new DispatchRequest("edition-1", 7);
        DispatchWork merge = new MergeRequest("edition-1", "Funding|Research");

        await services.GetRequiredService<ISignupPublisher>().EnqueueAsync(signup, CancellationToken.None);
        await services.GetRequiredService<IMailJobPublisher>().EnqueueAsync(mail, CancellationToken.None);
        await services.GetRequiredService<ISignInMailPublisher>().EnqueueAsync(signIn, CancellationToken.None);
        var dispatch = services.GetRequiredService<IDispatchPublisher>();

        var signupRead = Assert.Single(QueueBinding.Bind<SignupRequest[]>(services, await TakeAsync(StorageNames.Queues.Signups)));
        Assert.Equal(signup.Topics, signupRead.Topics);
        Assert.Equal(signup, signupRead with { Topics = signup.Topics });
        Assert.Equal(mail, QueueBinding.Bind<MailJob>(services, await TakeAsync(StorageNames.Queues.Mail)));
        Assert.Equal(signIn, QueueBinding.Bind<SignInMailJob>(services, await TakeAsync(StorageNames.Queues.SignInMail)));
        foreach (var work in new[] { bucket, merge })
        {
            await dispatch.EnqueueAsync([work], CancellationToken.None);
            Assert.Equal(work, QueueBinding.Bind<DispatchWork>(services, await TakeAsync(StorageNames.Queues.Dispatch)));
        }
    }

    [Theory]
    [InlineData("{\"kind\": \"Confirm\", \"readerId\": ")]
    [InlineData("{\"kind\": \"Unheard\", \"readerId\": \"reader-1\", \"queuedAt\": \"2026-03-12T09:30:00+01:00\"}")]
    [InlineData("not json")]
    public void AMessageTheWorkerCannotRead_FailsTheInvocation_SoTheQueueRetriesItAndMovesItToPoison(string message)
    {
        Assert.ThrowsAny<JsonException>(() => QueueBinding.Bind<MailJob>(services, message));
    }

    [Fact]
    public void ADispatchMessageOfUnknownKind_FailsTheInvocation()
    {
        Assert.ThrowsAny<Exception>(() => QueueBinding.Bind<DispatchWork>(services, "{\"kind\": \"everyone\", \"editionId\": \"edition-1\"}"));
    }
}
