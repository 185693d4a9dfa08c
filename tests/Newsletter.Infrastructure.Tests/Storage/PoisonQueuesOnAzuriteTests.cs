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
    public void Names_AreThePoisonQueueOfEveryQueue()
    {
        var queues = new StoragePoisonQueues(StorageClients.FromConnectionString(AzuriteFixture.UnreachableConnectionString()));

        Assert.Contains("mail-poison", queues.Names);
        Assert.Contains("signups-poison", queues.Names);
        Assert.Contains(StorageNames.Queues.DispatchPoison, queues.Names);
        Assert.Contains("dispatch-poison-poison", queues.Names);
        Assert.Equal(StorageNames.Queues.All.Count, queues.Names.Count);
    }
}
