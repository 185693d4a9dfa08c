using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Access;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Access;

[Collection(AzuriteCollection.Name)]
public class AccessStoresOnAzuriteTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Alice = "0123456789abcdef0123456789abcdef";
    private const string Bob = "fedcba9876543210fedcba9876543210";

    [Fact]
    public async Task People_AreFoundWithEveryRole_AndListedByRole()
    {
        var store = new TablePeopleStore(await azurite.NewProvisionedAccountAsync());
        await store.SaveEditorAsync(new Editor(Alice, "Alice@example.org", IsAdmin: true, T0), None);
        await store.SaveContactAsync(new MemberContact(Alice, "kth", "Alice@example.org", IsAdmin: false, T0), None);
        await store.SaveContactAsync(new MemberContact(Bob, "ucl", "bob@ucl.ac.uk", IsAdmin: true, T0.AddHours(1)), None);

        var alice = await store.FindAsync(Alice, None);

        Assert.NotNull(alice);
        Assert.Equal("Alice@example.org", alice.Address);
        Assert.True(alice.Has(Role.Admin));
        Assert.True(alice.IsContactOf("kth"));
        Assert.Equal(T0, alice.Editor!.AddedAt);
        Assert.Equal([Alice], (await store.ListEditorsAsync(None)).Select(e => e.PersonId));
        var contact = Assert.Single(await store.ListContactsAsync("ucl", None));
        Assert.Equal(new MemberContact(Bob, "ucl", "bob@ucl.ac.uk", true, T0.AddHours(1)), contact);
        Assert.False(await store.RemoveContactAsync(Bob, "kth", None));
        Assert.True(await store.RemoveContactAsync(Bob, "ucl", None));
        Assert.Null(await store.FindAsync(Bob, None));
        Assert.True(await store.RemoveEditorAsync(Alice, None));
        Assert.False(await store.RemoveEditorAsync(Alice, None));
        Assert.False((await store.FindAsync(Alice, None))!.Has(Role.Editor));
        Assert.Null(await store.FindAsync("not-a-person-id", None));
    }

    [Fact]
    public async Task Attempt_ComesBackWithEveryField_AndAStaleSaveLoses()
    {
        var store = new TableSignInStore(await azurite.NewProvisionedAccountAsync(), new FakeTimeProvider(T0));
        var attempt = new SignInAttempt { PersonId = Alice, Id = Bob, CreatedAt = T0, ExpiresAt = T0.AddMinutes(15) };
        await store.AddAttemptAsync(attempt, None);
        var read = (await store.GetAttemptAsync(Alice, Bob, None))!;
        Assert.True(await store.TrySaveAttemptAsync(read with { LinkHash = "l", CodeHash = "c", FailedCodes = 2, MailedAt = T0.AddSeconds(1) }, None));

        var loaded = (await store.GetAttemptAsync(Alice, Bob, None))!;

        Assert.Equal(attempt with { LinkHash = "l", CodeHash = "c", FailedCodes = 2, MailedAt = T0.AddSeconds(1), Version = loaded.Version }, loaded);
        // Two posts of one link: the second, holding the version read before the first saved, loses.
        Assert.True(await store.TrySaveAttemptAsync(loaded with { UsedAt = T0.AddMinutes(2) }, None));
        Assert.False(await store.TrySaveAttemptAsync(loaded with { UsedAt = T0.AddMinutes(3) }, None));
        Assert.Equal(T0.AddMinutes(2), (await store.GetAttemptAsync(Alice, Bob, None))!.UsedAt);
        Assert.Null(await store.GetAttemptAsync(Alice, Alice, None));
    }

    [Fact]
    public async Task Attempts_AreCountedInTheirWindow_AndOldOnesAreDeleted()
    {
        var time = new FakeTimeProvider(T0.AddDays(2));
        var store = new TableSignInStore(await azurite.NewProvisionedAccountAsync(), time);
        await store.AddAttemptAsync(new SignInAttempt { PersonId = Alice, Id = "00000000000000000000000000000001", CreatedAt = T0, ExpiresAt = T0 }, None);
        await store.AddAttemptAsync(new SignInAttempt { PersonId = Alice, Id = "00000000000000000000000000000002", CreatedAt = T0.AddDays(2).AddMinutes(-10), ExpiresAt = T0, ClientHash = "c1" }, None);
        await store.AddAttemptAsync(new SignInAttempt { PersonId = Alice, Id = "00000000000000000000000000000005", CreatedAt = T0.AddDays(2).AddMinutes(-5), ExpiresAt = T0, ClientHash = "c2" }, None);
        await store.AddAttemptAsync(new SignInAttempt { PersonId = Alice, Id = "00000000000000000000000000000003", CreatedAt = T0.AddDays(2).AddMinutes(-20), ExpiresAt = T0 }, None);
        await store.AddAttemptAsync(new SignInAttempt { PersonId = Bob, Id = "00000000000000000000000000000004", CreatedAt = T0.AddDays(2), ExpiresAt = T0 }, None);

        Assert.Equal(new AttemptCount(2, 1), await store.CountAttemptsSinceAsync(Alice, T0.AddDays(2).AddMinutes(-15), "c2", None));
        Assert.Equal(new AttemptCount(2, 0), await store.CountAttemptsSinceAsync(Alice, T0.AddDays(2).AddMinutes(-15), "c3", None));
        Assert.Equal("c1", (await store.GetAttemptAsync(Alice, "00000000000000000000000000000002", None))!.ClientHash);
        Assert.Null(await store.GetAttemptAsync(Alice, "00000000000000000000000000000001", None));
        Assert.NotNull(await store.GetAttemptAsync(Alice, "00000000000000000000000000000003", None));
    }

    [Fact]
    public async Task SignIns_AreRecorded_AndListedNewestFirst()
    {
        var store = new TableSignInStore(await azurite.NewProvisionedAccountAsync(), new FakeTimeProvider(T0));
        await store.RecordAsync(new SignInRecord(Alice, "alice@example.org", T0, SignInMethod.Link, "h1"), None);
        await store.RecordAsync(new SignInRecord(Alice, "alice@example.org", T0.AddHours(1), SignInMethod.Code, "h2"), None);
        await store.RecordAsync(new SignInRecord(Alice, "alice@example.org", T0.AddHours(1), SignInMethod.Link, null), None);

        var records = await store.ListRecordsAsync(Alice, 2, None);

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(T0.AddHours(1), r.At));
        Assert.Contains(records, r => r is { Method: SignInMethod.Code, ClientHash: "h2" });
        Assert.Empty(await store.ListRecordsAsync(Bob, 10, None));
    }

    [Fact]
    public async Task Sessions_RoundTrip_AndRevocationWinsOverAStaleSave()
    {
        var store = new TableSessionStore(await azurite.NewProvisionedAccountAsync());
        var session = new Session { Id = new string('a', 64), PersonId = Alice, CreatedAt = T0, LastSeenAt = T0, ExpiresAt = T0.AddDays(7) };
        await store.AddAsync(session, None);
        await store.AddAsync(session with { Id = new string('b', 64) }, None);
        await store.AddAsync(session with { Id = new string('c', 64), PersonId = Bob }, None);
        var read = (await store.GetAsync(session.Id, None))!;
        Assert.Equal(session with { Version = read.Version }, read);

        await store.SaveAsync(read with { RevokedAt = T0.AddHours(1) }, None);
        await store.SaveAsync(read with { LastSeenAt = T0.AddHours(2) }, None);
        await store.RevokeAllAsync(Alice, T0.AddHours(3), None);

        Assert.Equal(T0.AddHours(1), (await store.GetAsync(session.Id, None))!.RevokedAt);
        Assert.Equal(T0.AddHours(3), (await store.GetAsync(new string('b', 64), None))!.RevokedAt);
        Assert.Null((await store.GetAsync(new string('c', 64), None))!.RevokedAt);
        Assert.Null(await store.GetAsync(new string('d', 64), None));
    }

    [Fact]
    public async Task MailJobs_GoOnTheSignInQueue()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var job = new SignInMailJob(Alice, Bob, T0);

        await new QueueSignInMailPublisher(clients).EnqueueAsync(job, None);

        var message = await clients.Queues.GetQueueClient(StorageNames.Queues.SignInMail).ReceiveMessageAsync();
        Assert.Equal(job, QueueMessages.Deserialize<SignInMailJob>(message.Value.MessageText));
    }
}
