using Azure;
using Azure.Storage.Queues;
using Newsletter.Core.Delivery;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Subscriptions;

/// <summary>
/// Finds a reader's address where it is copied outside the reader row: signups the queue gave up on (the
/// <c>signups-poison</c> queue, which nothing reads) and digest remainders not yet merged (the ledger).
/// A poison message naming the reader is deleted, and written again without that signup if it held others.
/// </summary>
public sealed class StoredReaderCopies(StorageClients clients, IDispatchLedger ledger, ReaderIdentity identity) : IReaderCopies
{
    public const string SignupsPoison = StorageNames.Queues.Signups + "-poison";

    public async Task<int> ForgetAsync(ReaderKey reader, CancellationToken cancellationToken)
    {
        var changed = await ledger.ForgetRecipientAsync(reader.Id, reader.Bucket, cancellationToken);
        var queue = clients.Queues.GetQueueClient(SignupsPoison);
        var untouched = new List<(string Id, string PopReceipt)>();
        try
        {
            // Each message read is hidden for a while, so the loop ends once every message has been seen;
            // the ones left alone are shown again at the end.
            while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Value is { Length: > 0 } messages)
            {
                foreach (var message in messages)
                {
                    var signups = QueueMessages.Deserialize<SignupRequest[]>(message.Body.ToString());
                    var kept = signups.Where(s => !IsReader(s, reader)).ToArray();
                    if (kept.Length == signups.Length)
                    {
                        untouched.Add((message.MessageId, message.PopReceipt));
                        continue;
                    }

                    if (kept.Length > 0)
                    {
                        await queue.SendMessageAsync(new BinaryData(QueueMessages.Serialize(kept)), cancellationToken: cancellationToken);
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    changed++;
                }
            }

            foreach (var (id, popReceipt) in untouched)
            {
                await queue.UpdateMessageAsync(id, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No signup was ever given up: there is no poison queue.
        }

        return changed;
    }

    private bool IsReader(SignupRequest signup, ReaderKey reader) =>
        EmailAddress.TryParse(signup.Address, out var address, out _) && identity.For(address!).Id == reader.Id;
}
