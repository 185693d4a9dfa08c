using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>
/// Provider events already applied, in the <c>feedback</c> table: partition = the first two hex digits
/// of the event id's SHA-256, row key = the whole hash (event ids may hold characters a row key cannot).
/// </summary>
public sealed class TableFeedbackLog(StorageClients clients) : IFeedbackLog
{
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Feedback);

    public async Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        return (await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).HasValue;
    }

    public async Task RecordAsync(string eventId, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        try
        {
            await Table.AddEntityAsync(new TableEntity(partition, row) { ["Kind"] = kind, ["At"] = at }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Recorded by a concurrent delivery of the same event.
        }
    }

    private static (string Partition, string Row) Keys(string eventId)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
        return (hash[..2], hash);
    }
}
