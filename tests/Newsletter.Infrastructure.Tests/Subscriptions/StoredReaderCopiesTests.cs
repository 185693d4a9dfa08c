using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Subscriptions;

[Collection(AzuriteCollection.Name)]
public class StoredReaderCopiesTests(AzuriteFixture azurite)
{
    private static SignupRequest Signup(string address, string name) =>
        new(address, name, [], Frequency.Weekly, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "1", "2026-01", null, null);

    [Fact]
    public async Task Forget_RemovesTheReadersSignupsFromThePoisonQueue_AndKeepsEveryoneElse()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var poison = clients.Queues.GetQueueClient(StoredReaderCopies.SignupsPoison);
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(QueueMessages.Serialize(new[] { Signup("Jane@Example.org", "Jane Doe"), Signup("ann@example.org", "Ann") }));
        await poison.SendMessageAsync(QueueMessages.Serialize(new[] { Signup("bob@example.org", "Bob") }));
        await poison.SendMessageAsync(QueueMessages.Serialize(new[] { Signup("jane@example.org", "Jane D.") }));
        var identity = new ReaderIdentity(Options.Create(new SubscriptionOptions { AddressHashKey = Convert.ToBase64String(new byte[32]) }));
        var copies = new StoredReaderCopies(clients, new TableDispatchLedger(clients), identity);

        var changed = await copies.ForgetAsync(identity.For(EmailAddress.Parse("jane@example.org")), CancellationToken.None);

        Assert.Equal(2, changed);
        var left = (await poison.PeekMessagesAsync(32)).Value.SelectMany(m => QueueMessages.Deserialize<SignupRequest[]>(m.Body.ToString())).ToArray();
        Assert.Equal(["ann@example.org", "bob@example.org"], left.Select(s => s.Address).Order());
        Assert.DoesNotContain(left, s => s.Name!.Contains("Jane", StringComparison.Ordinal));
    }
}
