using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Newsletter.Core;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

/// <summary>
/// <see cref="TableUpdateStore"/> when a save moves a body while another call is between its steps, or a request is
/// sent again, against a real Azurite: the other call's blob request is held until the save is done (or the answer
/// dropped after the service applied the request), so the interleaving is the same every run.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class UpdateBodyRacesOnAzuriteTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    // Longer than a table column holds, so the body is a blob.
    private static readonly string LargeText = string.Concat(Enumerable.Repeat("Réaction « catalytique » & <b>résultats</b>. ", 900));

    private sealed record World(TableUpdateStore Store, string ConnectionString, StorageClients Clients)
    {
        /// <summary>Another store on the same account whose blob request for <paramref name="blobName"/> (a GET or a DELETE) first runs <paramref name="meanwhile"/>.</summary>
        public TableUpdateStore Holding(RequestMethod method, string blobName, Func<Task> meanwhile)
        {
            var options = new BlobClientOptions();
            options.AddPolicy(new BeforeBlobRequest(method, blobName, meanwhile), HttpPipelinePosition.PerCall);
            return new TableUpdateStore(new StorageClients(new BlobServiceClient(ConnectionString, options), Clients.Queues, Clients.Tables));
        }
    }

    /// <summary>The answer to the first PUT of an update's row is lost after the service applied it, so the client sends it again.</summary>
    private sealed class FirstRowAnswerLost : HttpPipelinePolicy
    {
        private int _lost;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store calls storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains("updates(", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _lost, 1) == 0)
            {
                throw new IOException("The connection was reset before the answer came.");
            }
        }
    }

    private sealed class BeforeBlobRequest(RequestMethod method, string blobName, Func<Task> meanwhile) : HttpPipelinePolicy
    {
        private int _ran;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store calls storage asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == method && message.Request.Uri.Path.EndsWith("/" + blobName, StringComparison.Ordinal)
                && Interlocked.Exchange(ref _ran, 1) == 0)
            {
                await meanwhile();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASaveSentAgainAfterItsAnswerWasLost_IsDone_NotAConflict(bool large)
    {
        var w = await CreateAsync();
        var update = (large ? Large("u1", "first") : TestData.PublishedUpdate("u1", "Catalyst splits water", At) with { BodyHtml = "<p>Small</p>", BodyText = "Small" })
            with { Status = UpdateStatus.PendingReview, PublishedAt = null };
        Assert.True(await w.Store.TryAddAsync(update, CancellationToken.None));
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(new FirstRowAnswerLost(), HttpPipelinePosition.PerRetry);
        var losing = new TableUpdateStore(new StorageClients(w.Clients.Blobs, w.Clients.Queues, new TableServiceClient(w.ConnectionString, options)));
        var read = (await losing.GetAsync("u1", CancellationToken.None))!;

        await losing.SaveAsync(read with { Status = UpdateStatus.Published, PublishedAt = At, Title = "Approved" }, CancellationToken.None);

        var saved = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        Assert.Equal((UpdateStatus.Published, "Approved", update.BodyHtml, update.BodyText), (saved.Status, saved.Title, saved.BodyHtml, saved.BodyText));
        // A save that really met another one is still a conflict.
        await Assert.ThrowsAsync<ConflictException>(() => losing.SaveAsync(read with { Title = "Stale" }, CancellationToken.None));
    }

    private async Task<World> CreateAsync()
    {
        var connectionString = azurite.NewAccount();
        var clients = StorageClients.FromConnectionString(connectionString);
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        return new World(new TableUpdateStore(clients), connectionString, clients);
    }

    private static Update Large(string id, string words) =>
        TestData.PublishedUpdate(id, "A long report", At) with { BodyHtml = $"<p>{words}</p>{LargeText}", BodyText = $"{words} {LargeText}" };

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task AReaderBetweenTheRowAndItsBlob_WhileASaveMovesTheBody_GetsTheBody(bool large, bool list)
    {
        var w = await CreateAsync();
        var update = large ? Large("u1", "first") : TestData.PublishedUpdate("u1", "Catalyst splits water", At) with { BodyHtml = "<p>Small</p>", BodyText = "Small" };
        await AddAsBeforeAsync(w, update);

        // An editor's save of the update read with its body moves the body (into the row, or a blob of its own) and
        // removes u1.json, after the reader read the row and before it reads the blob the row named.
        var reader = w.Holding(RequestMethod.Get, "u1.json", async () =>
        {
            var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;
            await w.Store.SaveAsync(read with { Title = "Corrected" }, CancellationToken.None);
        });

        var got = list ? Assert.Single(await reader.ListAsync(null, 10, CancellationToken.None)) : (await reader.GetAsync("u1", CancellationToken.None))!;
        Assert.Equal(("Corrected", update.BodyHtml, update.BodyText), (got.Title, got.BodyHtml, got.BodyText));
        Assert.DoesNotContain("u1.json", await BlobsAsync(w));
    }

    [Fact]
    public async Task ABodyChangedBack_WhileTheSaveThatChangedItRemovesTheOldBlob_StaysReadable()
    {
        var w = await CreateAsync();
        Assert.True(await w.Store.TryAddAsync(Large("u1", "original"), CancellationToken.None));
        var original = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        var first = original with { BodyHtml = "<p>first</p>" + LargeText, BodyText = "first " + LargeText };
        await w.Store.SaveAsync(first, CancellationToken.None);
        var firstBlob = Assert.Single(await BlobsAsync(w));

        // A save to a second body removes the first body's blob after its row is written; just before that, another
        // editor reads the update and changes the body back to the first one.
        var saving = w.Holding(RequestMethod.Delete, firstBlob, async () =>
        {
            var current = (await w.Store.GetAsync("u1", CancellationToken.None))!;
            await w.Store.SaveAsync(current with { BodyHtml = first.BodyHtml, BodyText = first.BodyText, Title = "Changed back" }, CancellationToken.None);
        });
        var second = (await w.Store.GetAsync("u1", CancellationToken.None))! with { BodyHtml = "<p>second</p>" + LargeText, BodyText = "second " + LargeText };
        await saving.SaveAsync(second, CancellationToken.None);

        var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        Assert.Equal(("Changed back", first.BodyHtml, first.BodyText), (read.Title, read.BodyHtml, read.BodyText));
        Assert.Single(await BlobsAsync(w));
    }

    /// <summary>A row as the store wrote it before bodies were kept in rows: no body columns, the body in <c>{id}.json</c>.</summary>
    private static async Task AddAsBeforeAsync(World w, Update update)
    {
        Assert.True(await w.Store.TryAddAsync(update with { BodyHtml = string.Empty, BodyText = string.Empty }, CancellationToken.None));
        var table = w.Clients.Tables.GetTableClient(StorageNames.Tables.Updates);
        var row = (await table.GetEntityAsync<TableEntity>("update", update.Id)).Value;
        row.Remove("BodyHtml");
        row.Remove("BodyText");
        row.Remove("BodyInRow");
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        await w.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates).UploadBlobAsync(update.Id + ".json",
            BinaryData.FromString(JsonSerializer.Serialize(new { bodyHtml = update.BodyHtml, bodyText = update.BodyText })));
    }

    private static async Task<List<string>> BlobsAsync(World w)
    {
        var names = new List<string>();
        await foreach (var blob in w.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
