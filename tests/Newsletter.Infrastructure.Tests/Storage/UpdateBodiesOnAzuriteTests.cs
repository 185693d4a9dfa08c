using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

/// <summary>
/// Where <see cref="TableUpdateStore"/> keeps an update's body (in its row when it fits, else a blob), against a real
/// Azurite: every reader gets the same body whatever the layout, rows written before bodies were kept in rows still
/// read, and a save never leaves a stale body.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class UpdateBodiesOnAzuriteTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    // Longer than a table column holds (32,768 UTF-16 code units), with characters the JSON writer escapes.
    private static readonly string LargeText = string.Concat(Enumerable.Repeat("Réaction « catalytique » & <b>résultats</b>. ", 900));

    private sealed record World(StorageClients Clients, TableUpdateStore Store)
    {
        public BlobContainerClient Bodies => Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates);
        public TableClient Table => Clients.Tables.GetTableClient(StorageNames.Tables.Updates);

        public async Task<List<string>> BlobsAsync()
        {
            var names = new List<string>();
            await foreach (var blob in Bodies.GetBlobsAsync())
            {
                names.Add(blob.Name);
            }

            return names;
        }

        /// <summary>
        /// A row as the store wrote it before bodies were kept in rows: the same columns without the body, and the body
        /// in <c>{id}.json</c>.
        /// </summary>
        public async Task AddAsBeforeAsync(Update update)
        {
            await Store.TryAddAsync(update with { BodyHtml = string.Empty, BodyText = string.Empty }, CancellationToken.None);
            var row = (await Table.GetEntityAsync<TableEntity>("update", update.Id)).Value;
            foreach (var column in new[] { "BodyHtml", "BodyText", "BodyInRow" })
            {
                row.Remove(column);
            }

            await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
            await Bodies.UploadBlobAsync(update.Id + ".json", BinaryData.FromString(JsonSerializer.Serialize(new { bodyHtml = update.BodyHtml, bodyText = update.BodyText })));
        }
    }

    private async Task<World> CreateAsync()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        return new World(clients, new TableUpdateStore(clients));
    }

    private static Update Small(string id) =>
        TestData.PublishedUpdate(id, "Catalyst splits water", At) with { BodyHtml = $"<p>Body of {id}: «quoted» &amp; more</p>", BodyText = $"Body of {id}: «quoted» & more" };

    private static Update Large(string id) =>
        TestData.PublishedUpdate(id, "A long report", At) with { BodyHtml = $"<p>{id} {LargeText}</p>", BodyText = $"{id} {LargeText}" };

    private static async Task AssertBodyAsync(TableUpdateStore store, Update expected)
    {
        var read = await store.GetAsync(expected.Id, CancellationToken.None);
        Assert.Equal((expected.BodyHtml, expected.BodyText), (read!.BodyHtml, read.BodyText));
        var listed = Assert.Single(await store.ListAsync(null, 100, CancellationToken.None), u => u.Id == expected.Id);
        Assert.Equal((expected.BodyHtml, expected.BodyText), (listed.BodyHtml, listed.BodyText));
    }

    [Fact]
    public async Task ASmallBody_IsKeptInItsRow_OneByOneOrInABatch_AndReadsTheSame()
    {
        var w = await CreateAsync();
        var one = Small("u1");
        var batch = Enumerable.Range(2, 150).Select(i => Small($"u{i}")).ToList();

        Assert.True(await w.Store.TryAddAsync(one, CancellationToken.None));
        Assert.All(await w.Store.TryAddManyAsync(batch, CancellationToken.None), a => Assert.Null(a));

        Assert.Empty(await w.BlobsAsync());
        await AssertBodyAsync(w.Store, one);
        await AssertBodyAsync(w.Store, batch[^1]);
        // The lists that return updates without their bodies still do.
        Assert.All(await w.Store.ListPublishedAsync(At.AddDays(-1), At, CancellationToken.None), u => Assert.Equal((string.Empty, string.Empty), (u.BodyHtml, u.BodyText)));
    }

    [Fact]
    public async Task TheLists_ReadEveryColumnButTheBody()
    {
        var w = await CreateAsync();
        var full = Small("u1") with
        {
            CanonicalUrl = "https://example.org/r", Language = "fr", Embargo = At.AddHours(-1), CorrectedAt = At, Topics = ["energy"], Warnings = ["w"],
            Imported = true, WordCount = 42, AlsoSubmittedBy = [new CoSubmission("m2", "r2", At)],
        };
        await w.Store.TryAddAsync(full, CancellationToken.None);
        var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        static string Json(Update u) => JsonSerializer.Serialize(u with { BodyHtml = string.Empty, BodyText = string.Empty });

        Assert.Equal(Json(full with { Version = read.Version }), Json(read));
        Assert.Equal(Json(read), Json(Assert.Single(await w.Store.ListPublishedAsync(At.AddDays(-1), At, CancellationToken.None))));
        Assert.Equal(Json(read), Json(Assert.Single(await w.Store.ListAsync(null, 10, CancellationToken.None))));
    }

    [Fact]
    public async Task ABodyLargerThanAColumn_IsABlob_OneByOneOrInABatch_AndReadsTheSame()
    {
        var w = await CreateAsync();
        var one = Large("u1");
        var batch = new List<Update> { Small("u2"), Large("u3"), Small("u4") };

        Assert.True(await w.Store.TryAddAsync(one, CancellationToken.None));
        Assert.Equal([null, null, null], await w.Store.TryAddManyAsync(batch, CancellationToken.None));

        Assert.Equal(["u1.json", "u3.json"], (await w.BlobsAsync()).Order(StringComparer.Ordinal));
        await AssertBodyAsync(w.Store, one);
        await AssertBodyAsync(w.Store, batch[1]);
        await AssertBodyAsync(w.Store, batch[2]);
    }

    [Fact]
    public async Task ARowWrittenBeforeBodiesWereKeptInRows_StillReads_AndAnotherRunLeavesIt()
    {
        var w = await CreateAsync();
        var old = Small("u1");
        await w.AddAsBeforeAsync(old);

        await AssertBodyAsync(w.Store, old);
        Assert.Equal([UpdateStatus.Published], await w.Store.TryAddManyAsync([old], CancellationToken.None));
        Assert.False(await w.Store.TryAddAsync(old, CancellationToken.None));
        await AssertBodyAsync(w.Store, old);
    }

    [Fact]
    public async Task ARowWhoseBodyBlobWasLost_GetsItBackFromTheNextRun()
    {
        var w = await CreateAsync();
        var old = Small("u1");
        var large = Large("u2");
        await w.AddAsBeforeAsync(old);
        await w.Store.TryAddAsync(large, CancellationToken.None);
        // A crash after the row and before its body blob.
        await w.Bodies.DeleteBlobAsync("u1.json");
        await w.Bodies.DeleteBlobAsync("u2.json");

        Assert.Equal([UpdateStatus.Published, UpdateStatus.Published], await w.Store.TryAddManyAsync([old, large], CancellationToken.None));

        await AssertBodyAsync(w.Store, old);
        await AssertBodyAsync(w.Store, large);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task SavingAnUpdateReadWithoutItsBody_KeepsTheStoredBody(bool large, bool before)
    {
        var w = await CreateAsync();
        var update = (large ? Large("u1") : Small("u1")) with { Status = UpdateStatus.Scheduled, Embargo = At, PublishedAt = null };
        if (before)
        {
            await w.AddAsBeforeAsync(update);
        }
        else
        {
            await w.Store.TryAddAsync(update, CancellationToken.None);
        }

        var due = Assert.Single(await w.Store.ListDueAsync(At, CancellationToken.None));
        Assert.Equal(string.Empty, due.BodyText);
        await w.Store.SaveAsync(due with { Status = UpdateStatus.Published, PublishedAt = At }, CancellationToken.None);

        await AssertBodyAsync(w.Store, update);
        Assert.Equal(UpdateStatus.Published, (await w.Store.GetAsync("u1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task WithdrawingAnUpdate_KeepsItsBody_WhereverItIs()
    {
        var w = await CreateAsync();
        var time = new FakeTimeProvider(At);
        var review = new ReviewService(w.Store, time, NullLogger<ReviewService>.Instance);
        var updates = new[] { Small("u1"), Large("u2"), Small("u3") }.Select(u => u with { Status = UpdateStatus.PendingReview, PublishedAt = null }).ToArray();
        await w.Store.TryAddAsync(updates[0], CancellationToken.None);
        await w.Store.TryAddAsync(updates[1], CancellationToken.None);
        await w.AddAsBeforeAsync(updates[2]);

        foreach (var update in updates)
        {
            Assert.Equal(ReviewOutcome.Done, (await review.WithdrawAsync(update.Id, "alice", "duplicate", CancellationToken.None)).Outcome);
            var read = await w.Store.GetAsync(update.Id, CancellationToken.None);
            Assert.Equal((UpdateStatus.Withdrawn, update.BodyHtml, update.BodyText), (read!.Status, read.BodyHtml, read.BodyText));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task AChangedBody_IsTheOneEveryReaderGets_AndNoBlobOfTheOldOneStays(bool largeBefore, bool largeAfter)
    {
        var w = await CreateAsync();
        var update = largeBefore ? Large("u1") : Small("u1");
        await w.Store.TryAddAsync(update, CancellationToken.None);
        var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        var changed = largeAfter
            ? read with { Title = "Corrected", BodyHtml = "<p>corrected</p>" + LargeText, BodyText = "corrected " + LargeText }
            : read with { Title = "Corrected", BodyHtml = "<p>corrected</p>", BodyText = "corrected" };

        await w.Store.SaveAsync(changed, CancellationToken.None);

        await AssertBodyAsync(w.Store, changed);
        Assert.Equal("Corrected", (await w.Store.GetAsync("u1", CancellationToken.None))!.Title);
        var blobs = await w.BlobsAsync();
        Assert.Equal(largeAfter ? 1 : 0, blobs.Count);
        Assert.DoesNotContain("u1.json", blobs);
    }

    [Fact]
    public async Task AChangedBodyOfARowWrittenBefore_MovesIntoTheRow_AndItsOldBlobGoes()
    {
        var w = await CreateAsync();
        await w.AddAsBeforeAsync(Small("u1"));
        var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;

        await w.Store.SaveAsync(read with { BodyHtml = "<p>corrected</p>", BodyText = "corrected" }, CancellationToken.None);

        await AssertBodyAsync(w.Store, read with { BodyHtml = "<p>corrected</p>", BodyText = "corrected" });
        Assert.Empty(await w.BlobsAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStaleSave_ChangesNoBody(bool large)
    {
        var w = await CreateAsync();
        var update = large ? Large("u1") : Small("u1");
        await w.Store.TryAddAsync(update, CancellationToken.None);
        var read = (await w.Store.GetAsync("u1", CancellationToken.None))!;
        await w.Store.SaveAsync(read with { Title = "First change" }, CancellationToken.None);

        await Assert.ThrowsAsync<ConflictException>(() => w.Store.SaveAsync(read with { BodyText = "stale " + LargeText, BodyHtml = "<p>stale</p>" }, CancellationToken.None));

        await AssertBodyAsync(w.Store, update);
        Assert.Equal("First change", (await w.Store.GetAsync("u1", CancellationToken.None))!.Title);
    }
}
