using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Subscriptions;

[Collection(AzuriteCollection.Name)]
public class QueuePublisherTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Signup_LandsOnTheSignupsQueue_AsJsonTheFunctionCanRead()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var request = new SignupRequest("jane@example.org", "Jane", ["Research"], Frequency.Daily,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "1", "2026-01", "hash", "Mozilla");

        await new QueueSignupPublisher(clients).EnqueueAsync(request, CancellationToken.None);
        var message = (await clients.Queues.GetQueueClient(StorageNames.Queues.Signups).ReceiveMessageAsync()).Value;

        var read = Assert.Single(QueueMessages.Deserialize<SignupRequest[]>(message.Body.ToString()));
        Assert.Equal(request with { Topics = read.Topics }, read);
        Assert.Equal(request.Topics, read.Topics);
        Assert.Contains("\"frequency\":\"Daily\"", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManySignupsAtOnce_ShareQueueMessages_AndEveryOneIsStored()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var publisher = new QueueSignupPublisher(clients);
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => publisher.EnqueueAsync(
            new SignupRequest($"reader{i}@example.org", null, [], Frequency.Weekly, at, "1", "2026-01", null, null), CancellationToken.None))));

        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Signups);
        var addresses = new List<string>();
        var messages = 0;
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
        {
            foreach (var message in received)
            {
                messages++;
                var batch = QueueMessages.Deserialize<SignupRequest[]>(message.Body.ToString());
                Assert.InRange(batch.Length, 1, QueueSignupPublisher.MaxBatch);
                addresses.AddRange(batch.Select(s => s.Address));
            }
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"reader{i}@example.org").Order(), addresses.Order());
        Assert.True(messages < 300, $"{messages} messages for 300 signups: nothing was grouped");
    }

    private static SignupRequest LongNonAsciiSignup(int i) => new(
        $"reader{i}@example.org",
        // 100 characters of Cyrillic and Greek: six bytes each once JSON escapes them.
        string.Concat(Enumerable.Repeat("Жанна Ωμέγα ", 9))[..FormRules.MaxNameLength],
        ["Research", "Innovation", "Funding", "Events", "People"], Frequency.Daily,
        new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "1", "2026-01", "0123456789abcdef0123456789abcdef",
        new string('ü', FormRules.MaxUserAgentLength));

    private static async Task<List<SignupRequest>> ReadAllAsync(StorageClients clients, List<int> sizes)
    {
        var queue = clients.Queues.GetQueueClient(StorageNames.Queues.Signups);
        var read = new List<SignupRequest>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } received)
        {
            foreach (var message in received)
            {
                sizes.Add(Convert.ToBase64String(message.Body.ToArray()).Length);
                read.AddRange(QueueMessages.Deserialize<SignupRequest[]>(message.Body.ToString()));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return read;
    }

    [Fact]
    public async Task BurstOfLongNonAsciiSignups_IsBatchedUnderTheQueueLimit_AndEveryOneIsStored()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var publisher = new QueueSignupPublisher(clients);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => publisher.EnqueueAsync(LongNonAsciiSignup(i), CancellationToken.None))));

        var sizes = new List<int>();
        var read = await ReadAllAsync(clients, sizes);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"reader{i}@example.org").Order(), read.Select(r => r.Address).Order());
        Assert.All(sizes, size => Assert.InRange(size, 1, QueueSignupPublisher.QueueMessageLimit));
        Assert.Equal(LongNonAsciiSignup(7).Name, read.Single(r => r.Address == "reader7@example.org").Name);
    }

    [Fact]
    public async Task BatchRefusedByTheQueue_IsWrittenAgainInParts_AndNoSignupIsLost()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        // A limit above the queue's own: every full batch is refused by storage (413) and must be split.
        var publisher = new QueueSignupPublisher(clients, maxMessageChars: 1024 * 1024);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => publisher.EnqueueAsync(LongNonAsciiSignup(i), CancellationToken.None))));

        var read = await ReadAllAsync(clients, []);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"reader{i}@example.org").Order(), read.Select(r => r.Address).Order());
    }

    [Fact]
    public async Task FailedWrite_FailsTheWaitingSignup()
    {
        var clients = StorageClients.FromConnectionString(azurite.NewAccount());
        var request = new SignupRequest("jane@example.org", null, [], Frequency.Weekly, DateTimeOffset.UnixEpoch, "1", "1", null, null);

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => new QueueSignupPublisher(clients).EnqueueAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task MailJob_LandsOnTheMailQueue()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var job = new MailJob(MailKind.Confirm, "00112233445566778899aabbccddeeff", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        await new QueueMailJobPublisher(clients).EnqueueAsync(job, CancellationToken.None);
        var message = (await clients.Queues.GetQueueClient(StorageNames.Queues.Mail).ReceiveMessageAsync()).Value;

        Assert.Equal(job, QueueMessages.Deserialize<MailJob>(message.Body.ToString()));
    }
}
