using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.Core;
using Newsletter.Core.Health;
using Newsletter.Core.Members;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public class StorageOnAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Provisioner_CreatesEveryContainerQueueAndTable_AndCanRunTwice()
    {
        var clients = StorageClients.FromConnectionString(azurite.NewAccount());
        var provisioner = new StorageProvisioner(clients);

        await provisioner.EnsureCreatedAsync(CancellationToken.None);
        await provisioner.EnsureCreatedAsync(CancellationToken.None);

        var containers = new List<string>();
        await foreach (var c in clients.Blobs.GetBlobContainersAsync())
        {
            containers.Add(c.Name);
        }

        var queues = new List<string>();
        await foreach (var q in clients.Queues.GetQueuesAsync())
        {
            queues.Add(q.Name);
        }

        var tables = new List<string>();
        await foreach (var t in clients.Tables.QueryAsync())
        {
            tables.Add(t.Name);
        }

        Assert.Equal(StorageNames.Containers.All.Order(), containers.Order());
        Assert.Equal(StorageNames.Queues.All.Order(), queues.Order());
        Assert.Equal(StorageNames.Tables.All.Order(), tables.Order());
    }

    [Fact]
    public async Task SavingAStaleMemberOrUpdate_IsAConflict_AndKeepsTheNewerData()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var members = new TableMemberStore(clients);
        await members.TryAddAsync(new Member { Id = "ucl", DisplayName = "UCL" }, CancellationToken.None);
        var member = (await members.GetAsync("ucl", CancellationToken.None))!;
        await members.SaveAsync(member with { DisplayName = "University College London" }, CancellationToken.None);

        await Assert.ThrowsAsync<ConflictException>(() => members.SaveAsync(member with { DisplayName = "Stale" }, CancellationToken.None));
        Assert.Equal("University College London", (await members.GetAsync("ucl", CancellationToken.None))!.DisplayName);

        var updates = new TableUpdateStore(clients);
        await updates.TryAddAsync(TestData.PublishedUpdate("u1", "First title", DateTimeOffset.UnixEpoch), CancellationToken.None);
        var update = (await updates.GetAsync("u1", CancellationToken.None))!;
        await updates.SaveAsync(update with { Title = "Second title" }, CancellationToken.None);

        await Assert.ThrowsAsync<ConflictException>(() => updates.SaveAsync(update with { Title = "Stale" }, CancellationToken.None));
        Assert.Equal("Second title", (await updates.GetAsync("u1", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Accounts_AreIsolatedFromEachOther()
    {
        var first = await azurite.NewProvisionedAccountAsync();
        var second = StorageClients.FromConnectionString(azurite.NewAccount());

        await first.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync("m/a.txt", BinaryData.FromString("x"));

        Assert.False((await second.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).ExistsAsync()).Value);
    }

    [Fact]
    public async Task HealthProbe_ReportsHealthy_WhenEverythingAnswers()
    {
        var probe = new StorageHealthProbe(await azurite.NewProvisionedAccountAsync(), NullLogger<StorageHealthProbe>.Instance);

        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.True(health.Healthy, health.ToString());
    }

    [Fact]
    public async Task HealthProbe_NamesTheMissingPieces_WhenNotProvisioned()
    {
        var probe = new StorageHealthProbe(StorageClients.FromConnectionString(azurite.NewAccount()), NullLogger<StorageHealthProbe>.Instance);

        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.Equal("missing:container:incoming", health.Blobs.Reason);
        Assert.Equal("missing:queue:mail", health.Queues.Reason);
        Assert.Equal("missing:table:readers", health.Tables.Reason);
    }

    [Fact]
    public async Task HealthProbe_ReportsTheReason_WhenStorageIsDown()
    {
        var probe = new StorageHealthProbe(StorageClients.FromConnectionString(AzuriteFixture.UnreachableConnectionString()), NullLogger<StorageHealthProbe>.Instance);

        var health = await probe.CheckAsync(CancellationToken.None);

        Assert.False(health.Blobs.Healthy);
        Assert.False(health.Queues.Healthy);
        Assert.False(health.Tables.Healthy);
        Assert.Equal(HealthReasons.Unreachable, health.Blobs.Reason);
        Assert.Equal(HealthReasons.Unreachable, health.Tables.Reason);
    }

    [Fact]
    public async Task HeartbeatStore_KeepsTheLastBeat()
    {
        var store = new TableHeartbeatStore(await azurite.NewProvisionedAccountAsync());
        var at = new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

        Assert.Null(await store.GetLastAsync("timer", CancellationToken.None));
        await store.RecordAsync("timer", at.AddMinutes(-5), CancellationToken.None);
        await store.RecordAsync("timer", at, CancellationToken.None);

        Assert.Equal(at, await store.GetLastAsync("timer", CancellationToken.None));
    }
}
