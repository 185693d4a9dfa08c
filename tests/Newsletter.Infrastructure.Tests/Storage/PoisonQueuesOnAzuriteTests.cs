using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public class PoisonQueuesOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApproximateCount_IsTheQueuesMessageCount_AndZeroForAQueueNotCreatedYet()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var queues = new StoragePoisonQueues(clients);
        var mailPoison = clients.Queues.GetQueueClient("mail-poison");
        await mailPoison.CreateAsync();
        await mailPoison.SendMessageAsync("a");
        await mailPoison.SendMessageAsync("b");

        Assert.Equal(2, await queues.ApproximateCountAsync("mail-poison", CancellationToken.None));
        Assert.Equal(0, await queues.ApproximateCountAsync("signups-poison", CancellationToken.None));
    }

    [Fact]
    public void Names_AreThePoisonQueueOfEveryTriggeredQueue()
    {
        var queues = new StoragePoisonQueues(StorageClients.FromConnectionString(AzuriteFixture.UnreachableConnectionString()));

        Assert.Equal(["mail-poison", "signups-poison", "dispatch-poison", "dispatch-poison-poison"], queues.Names);
    }
}
