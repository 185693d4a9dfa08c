using Azure.Data.Tables;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Subscriptions;

[Collection(AzuriteCollection.Name)]
public class TableReaderStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private static Reader NewReader(string id = "00112233445566778899aabbccddeeff", int bucket = 17)
    {
        var reader = Reader.NewPending(id, bucket, T0);
        reader.SignUp("Jane@example.org", new ReaderChoices("Jane Doe", ["Research", "Funding Calls"], Frequency.Daily), T0,
            new ConsentRecord(T0, "1", "2026-01", "iphash", "Mozilla/5.0"));
        return reader;
    }

    [Fact]
    public async Task SavedReader_ComesBackWithEveryField()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var store = new TableReaderStore(clients);
        var reader = NewReader();
        reader.Confirm(T0, T0.AddMinutes(5));
        reader.ChangeChoices(reader.Choices with { Paused = true });
        Assert.Equal(SignupOutcome.NoticeDue, reader.SignUp("Jane@example.org", ReaderChoices.Default, T0.AddHours(1)));

        await store.SaveAsync(reader, None);
        var loaded = await store.GetAsync(reader.Id, reader.Bucket, None);

        Assert.NotNull(loaded);
        Assert.Equal(ReaderState.Active, loaded.State);
        Assert.Equal(T0, loaded.CreatedAt);
        Assert.Equal(T0.AddMinutes(5), loaded.StateChangedAt);
        Assert.Equal(T0, loaded.PendingSince);
        Assert.Equal("Jane@example.org", loaded.Address);
        Assert.Equal("Jane Doe", loaded.Name);
        Assert.Equal(["Research", "Funding Calls"], loaded.Topics);
        Assert.Equal(Frequency.Daily, loaded.Frequency);
        Assert.True(loaded.Paused);
        Assert.Equal(reader.Consent, loaded.Consent);
        Assert.Equal(1, loaded.ConfirmationMails);
        Assert.Equal(T0, loaded.ConfirmationWindowStart);
        Assert.Equal(T0.AddHours(1), loaded.LastNoticeAt);
        Assert.Equal(reader.History, loaded.History);
        Assert.NotNull(loaded.ETag);
    }

    [Fact]
    public async Task Row_IsPartitionedByTwoDigitBucket_AndKeyedByReaderId()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        await new TableReaderStore(clients).SaveAsync(NewReader(bucket: 5), None);

        var row = await clients.Tables.GetTableClient(StorageNames.Tables.Readers).GetEntityAsync<TableEntity>("05", "00112233445566778899aabbccddeeff");

        Assert.Equal("Pending", row.Value.GetString("State"));
        Assert.Equal(TableReaderStore.SchemaVersion, row.Value.GetInt32("SchemaVersion"));
    }

    [Fact]
    public async Task MissingReader_IsNull()
    {
        var store = new TableReaderStore(await azurite.NewProvisionedAccountAsync());

        Assert.Null(await store.GetAsync("ffffffffffffffffffffffffffffffff", 3, None));
    }

    [Fact]
    public async Task SavingAStaleCopy_IsAConflict_AndKeepsTheNewerData()
    {
        var store = new TableReaderStore(await azurite.NewProvisionedAccountAsync());
        await store.SaveAsync(NewReader(), None);
        var first = (await store.GetAsync("00112233445566778899aabbccddeeff", 17, None))!;
        var second = (await store.GetAsync("00112233445566778899aabbccddeeff", 17, None))!;

        first.SignUp(first.Address!, first.Choices with { Name = "First" }, T0);
        await store.SaveAsync(first, None);
        second.SignUp(second.Address!, second.Choices with { Name = "Second" }, T0);

        await Assert.ThrowsAsync<ConflictException>(() => store.SaveAsync(second, None));
        Assert.Equal("First", (await store.GetAsync(first.Id, first.Bucket, None))!.Name);

        // The ETag moved on with the save, so the same copy can be saved again.
        first.SignUp(first.Address!, first.Choices with { Name = "First again" }, T0);
        await store.SaveAsync(first, None);
    }

    [Fact]
    public async Task InsertingAReaderThatExists_IsAConflict()
    {
        var store = new TableReaderStore(await azurite.NewProvisionedAccountAsync());
        await store.SaveAsync(NewReader(), None);

        await Assert.ThrowsAsync<ConflictException>(() => store.SaveAsync(NewReader(), None));
    }

    [Fact]
    public async Task ErasedReader_KeepsNoPersonalDataInTheRow()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var store = new TableReaderStore(clients);
        var reader = NewReader();
        await store.SaveAsync(reader, None);
        reader.Erase(T0.AddDays(1), "erased on request");
        await store.SaveAsync(reader, None);

        var row = (await clients.Tables.GetTableClient(StorageNames.Tables.Readers).GetEntityAsync<TableEntity>("17", reader.Id)).Value;

        Assert.Equal("Erased", row.GetString("State"));
        foreach (var personal in new[] { "Address", "Name", "Topics", "ConsentIpHash", "ConsentUserAgent", "ConsentSubmittedAt" })
        {
            Assert.False(row.ContainsKey(personal), $"{personal} is still stored");
        }

        // The link generation survives the round trip: the links issued before the erasure stay dead.
        var loaded = (await store.GetAsync(reader.Id, reader.Bucket, None))!;
        Assert.Equal(reader.LinksValidSince, loaded.LinksValidSince);
        Assert.False(loaded.AcceptsLinkIssuedAt(T0.AddDays(1)));
        Assert.True(loaded.AcceptsLinkIssuedAt(T0.AddDays(1).AddSeconds(1)));

        var text = string.Join(' ', row.Select(kv => kv.Value?.ToString()));
        Assert.DoesNotContain("Jane", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Mozilla", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBucket_StreamsOnlyThatBucketsReaders()
    {
        var store = new TableReaderStore(await azurite.NewProvisionedAccountAsync());
        for (var i = 0; i < 5; i++)
        {
            await store.SaveAsync(NewReader(id: $"{i:x2}112233445566778899aabbccddeeff", bucket: i % 2), None);
        }

        var bucketOne = new List<string>();
        await foreach (var reader in store.ListBucketAsync(1, None))
        {
            bucketOne.Add(reader.Id);
        }

        Assert.Equal(["01112233445566778899aabbccddeeff", "03112233445566778899aabbccddeeff"], bucketOne.Order());
    }
}
