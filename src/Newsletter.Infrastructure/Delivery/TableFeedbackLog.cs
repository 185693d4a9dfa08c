using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Delivery;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>
/// Provider events already applied, in the <c>feedback</c> table: partition = the first two hex digits
/// of the event id's SHA-256, row key = the whole hash (event ids may hold characters a row key cannot).
/// An event that names its edition is written a second time under partition <c>edition|{editionId}</c>, so
/// an edition's bounces and complaints are one partition query.
/// </summary>
public sealed class TableFeedbackLog(StorageClients clients) : IFeedbackLog
{
    private const string EditionPrefix = "edition|";

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Feedback);

    public async Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        return (await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).HasValue;
    }

    public async Task RecordAsync(FeedbackEvent feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var (partition, row) = Keys(feedback.EventId);
        if (IsEditionId(feedback.EditionId))
        {
            // Written first: a crash between the two leaves the event unseen, and its redelivery writes both again.
            await Table.UpsertEntityAsync(Entity(EditionPrefix + feedback.EditionId, row, feedback), TableUpdateMode.Replace, cancellationToken);
        }

        try
        {
            await Table.AddEntityAsync(Entity(partition, row, feedback), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by a concurrent delivery of the same event.
        }
    }

    public async Task<IReadOnlyList<FeedbackEvent>> ListForEditionAsync(string editionId, int max, CancellationToken cancellationToken)
    {
        if (!IsEditionId(editionId))
        {
            return [];
        }

        var events = new List<FeedbackEvent>();
        var partition = EditionPrefix + editionId;
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            events.Add(new FeedbackEvent(
                e.GetString("EventId") ?? e.RowKey,
                e.GetString("Kind") ?? "",
                Enum.TryParse<ReaderState>(e.GetString("State"), out var state) ? state : ReaderState.Bounced,
                e.GetDateTimeOffset("At") ?? default,
                editionId,
                e.GetString("ReaderId"),
                e.GetString("Reason")));
            if (events.Count >= max)
            {
                break;
            }
        }

        return [.. events.OrderBy(e => e.At)];
    }

    private static TableEntity Entity(string partition, string row, FeedbackEvent feedback) => new(partition, row)
    {
        ["Kind"] = feedback.Kind,
        ["At"] = feedback.At,
        ["State"] = feedback.To.ToString(),
        ["EventId"] = feedback.EventId.Length <= 200 ? feedback.EventId : null,
        ["EditionId"] = feedback.EditionId,
        ["ReaderId"] = feedback.ReaderId,
        ["Reason"] = feedback.Reason,
    };

    /// <summary>Edition ids are the composer's (<c>daily-20261130T0700</c>); anything else from a webhook is not made a key.</summary>
    private static bool IsEditionId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static (string Partition, string Row) Keys(string eventId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
        return (hash[..2], hash);
    }
}
