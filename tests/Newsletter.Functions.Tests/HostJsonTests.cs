using System.Text.Json;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>What host.json tells the Functions host in Azure agrees with what Core and the local host assume.</summary>
public class HostJsonTests
{
    [Fact]
    public void QueueMessages_GoToThePoisonQueueAfterCoresMaxAttempts()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));

        var maxDequeueCount = hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.Equal(QueueDelivery.MaxAttempts, maxDequeueCount);
        Assert.Equal(QueueDelivery.MaxAttempts, ChunkSender.MaxAttemptsBeforePoison);
    }
}
