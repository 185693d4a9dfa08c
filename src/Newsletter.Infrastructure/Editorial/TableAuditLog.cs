using System.Globalization;
using Azure.Data.Tables;
using Newsletter.Core.Editorial;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Editorial;

/// <summary>
/// The audit log in the <c>audit</c> table: one partition, row keys that sort newest first (inverted ticks,
/// then the entry's id), so the page reads the latest entries without sorting. Filters run in storage.
/// </summary>
public sealed class TableAuditLog(StorageClients clients) : IAuditLog
{
    private const string Partition = "audit";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Audit);

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = new TableEntity(Partition, RowKey(entry.At, entry.Id))
        {
            ["EntryId"] = entry.Id,
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action,
            ["Subject"] = entry.Subject,
            ["Summary"] = entry.Summary,
            ["Changes"] = StorageJson.Write(entry.Changes),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") };
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            parts.Add(TableClient.CreateQueryFilter($"Action eq {filter.Action.Trim()}"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            parts.Add(TableClient.CreateQueryFilter($"Actor eq {filter.Actor.Trim()}"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Subject))
        {
            parts.Add(TableClient.CreateQueryFilter($"Subject eq {filter.Subject.Trim()}"));
        }

        // Newer entries have smaller row keys: "from" bounds the row key from above, "to" from below. A bound at the
        // first or last day there is (typed by hand) bounds nothing, and must not reach past what a date can hold.
        if (filter.From is { } from && from > DateOnly.MinValue)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {Inverted(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1))}"));
        }

        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {Inverted(new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}"));
        }

        var found = new List<AuditEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(string.Join(" and ", parts), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            found.Add(new AuditEntry(
                entity.GetString("EntryId") ?? entity.RowKey,
                entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                entity.GetString("Actor") ?? string.Empty,
                entity.GetString("Action") ?? string.Empty,
                entity.GetString("Subject") ?? string.Empty,
                entity.GetString("Summary") ?? string.Empty,
                StorageJson.Read<FieldChange[]>(entity.GetString("Changes"), [])));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    private static string RowKey(DateTimeOffset at, string id) => Inverted(at) + "-" + id;

    private static string Inverted(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
