using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

/// <summary><see cref="TableUpdateStore.TryAddManyAsync"/>, the archive import's write, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class UpdateBatchOnAzuriteTests(AzuriteFixture azurite)
{
    private static List<Update> Updates(int count, string prefix = "b") =>
        Enumerable.Range(0, count)
            .Select(i => TestData.PublishedUpdate($"{prefix}{i:D4}", $"Release {i}", DateTimeOffset.UnixEpoch.AddDays(i)) with { BodyHtml = $"<p>Body {i}</p>", BodyText = $"Body {i}" })
            .ToList();

    [Fact]
    public async Task ManyUpdates_AreAllAdded_WithTheirBodies_AcrossSeveralTransactions()
    {
        var store = new TableUpdateStore(await azurite.NewProvisionedAccountAsync());
        var batch = Updates(230);

        var added = await store.TryAddManyAsync(batch, CancellationToken.None);

        Assert.All(added, a => Assert.Null(a));
        foreach (var index in new[] { 0, 99, 100, 229 })
        {
            var stored = await store.GetAsync(batch[index].Id, CancellationToken.None);
            Assert.Equal($"Release {index}", stored!.Title);
            Assert.Equal($"<p>Body {index}</p>", stored.BodyHtml);
        }
    }

    [Fact]
    public async Task ABatchAlreadyIn_AddsNothing_AndSaysSoForEach()
    {
        var store = new TableUpdateStore(await azurite.NewProvisionedAccountAsync());
        var batch = Updates(120);
        await store.TryAddManyAsync(batch, CancellationToken.None);

        var again = await store.TryAddManyAsync(batch.Select(u => u with { Title = "Changed" }).ToList(), CancellationToken.None);

        Assert.All(again, a => Assert.Equal(UpdateStatus.Published, a));
        Assert.Equal("Release 5", (await store.GetAsync(batch[5].Id, CancellationToken.None))!.Title);
        Assert.Equal(120, (await store.ListAsync(null, 500, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ABatchWithSomeAlreadyIn_AddsTheOthers_AndCompletesABodyLostBeforeARetry()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var store = new TableUpdateStore(clients);
        var batch = Updates(50);
        // A body too large for its row is a blob, written after the row when added one at a time.
        var large = string.Concat(Enumerable.Repeat("<p>Body 10</p>", 3000));
        batch[10] = batch[10] with { BodyHtml = large };
        await store.TryAddAsync(batch[10], CancellationToken.None);

        // A crash after the row and before the body: the retry must leave the update whole.
        await clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates).DeleteBlobAsync(batch[10].Id + ".json");

        var added = await store.TryAddManyAsync(batch, CancellationToken.None);

        Assert.Equal(49, added.Count(a => a is null));
        Assert.Equal(UpdateStatus.Published, added[10]);
        Assert.Equal(large, (await store.GetAsync(batch[10].Id, CancellationToken.None))!.BodyHtml);
        Assert.Equal("<p>Body 49</p>", (await store.GetAsync(batch[49].Id, CancellationToken.None))!.BodyHtml);
    }

    [Fact]
    public async Task AnUpdateAlreadyIn_IsReportedWithItsStatus_SoARejectedOneIsToldApart()
    {
        var store = new TableUpdateStore(await azurite.NewProvisionedAccountAsync());
        var batch = Updates(3);
        await store.TryAddAsync(batch[1] with { Status = UpdateStatus.Rejected }, CancellationToken.None);

        var added = await store.TryAddManyAsync(batch, CancellationToken.None);

        Assert.Equal([null, UpdateStatus.Rejected, null], added);
        Assert.Equal(UpdateStatus.Rejected, (await store.GetAsync(batch[1].Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TheSameUpdateTwiceInOneBatch_IsAddedOnce()
    {
        var store = new TableUpdateStore(await azurite.NewProvisionedAccountAsync());
        var batch = Updates(3);
        batch.Add(batch[1]);

        var added = await store.TryAddManyAsync(batch, CancellationToken.None);

        Assert.Equal([null, null, null, UpdateStatus.Published], added);
    }

    [Fact]
    public async Task RowsWithLargeBodies_GoInTransactionsWithinTheServicesPayloadLimit()
    {
        var connection = azurite.NewAccount();
        var plain = StorageClients.FromConnectionString(connection);
        await new StorageProvisioner(plain).EnsureCreatedAsync(CancellationToken.None);
        var sizes = new TransactionSizes();
        var options = new TableClientOptions();
        options.AddPolicy(sizes, HttpPipelinePosition.PerCall);
        var store = new TableUpdateStore(new StorageClients(plain.Blobs, plain.Queues, new TableServiceClient(connection, options)));
        // Bodies that just fit in their rows, every character one the JSON writer escapes.
        var body = string.Concat(Enumerable.Repeat("<é>", 10_000));
        var batch = Updates(60).Select(u => u with { BodyHtml = body, BodyText = body }).ToList();

        var added = await store.TryAddManyAsync(batch, CancellationToken.None);

        Assert.All(added, a => Assert.Null(a));
        Assert.True(sizes.Largest is > 0 and < 4 * 1024 * 1024, $"largest transaction: {sizes.Largest:N0} bytes");
        Assert.Equal(body, (await store.GetAsync(batch[59].Id, CancellationToken.None))!.BodyText);
        Assert.Empty(plain.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates).GetBlobs());
    }

    /// <summary>The largest table transaction request sent, in bytes.</summary>
    private sealed class TransactionSizes : HttpPipelineSynchronousPolicy
    {
        public long Largest { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.ToString().Contains("$batch", StringComparison.Ordinal) && message.Request.Content is { } content)
            {
                if (!content.TryComputeLength(out var length))
                {
                    using var copy = new MemoryStream();
                    content.WriteTo(copy, CancellationToken.None);
                    length = copy.Length;
                }

                Largest = Math.Max(Largest, length);
            }
        }
    }
}
