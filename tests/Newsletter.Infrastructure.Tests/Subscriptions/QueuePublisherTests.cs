using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Subscriptions;

[Collection(AzuriteCollection.Name)]
public class QueuePublisherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Signup_LandsOnTheSignupsQueue_AsJsonTheFunctionCanRead()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var request = new SignupRequest("jane@example.org", "Jane", ["Research"], Frequency.Daily,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "1", "2026-01", "hash", "Mozilla");

        await new QueueSignupPublisher(clients).EnqueueAsync(request, CancellationToken.None);
        var message = (await clients.Queues.GetQueueClient(StorageNames.Queues.Signups).ReceiveMessageAsync()).Value;

        var read = QueueMessages.Deserialize<SignupRequest>(message.Body.ToString());
        Assert.Equal(request with { Topics = read.Topics }, read);
        Assert.Equal(request.Topics, read.Topics);
        Assert.Contains("\"frequency\":\"Daily\"", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailJob_LandsOnTheMailQueue()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var job = new MailJob(MailKind.Confirm, "00112233445566778899aabbccddeeff", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        await new QueueMailJobPublisher(clients).EnqueueAsync(job, CancellationToken.None);
        var message = (await clients.Queues.GetQueueClient(StorageNames.Queues.Mail).ReceiveMessageAsync()).Value;

        Assert.Equal(job, QueueMessages.Deserialize<MailJob>(message.Body.ToString()));
    }
}
