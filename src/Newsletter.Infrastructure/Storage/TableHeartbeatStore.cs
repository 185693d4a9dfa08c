using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Health;

namespace Newsletter.Infrastructure.Storage;

/// <summary>Keeps one row per heartbeat source in the <c>heartbeats</c> table.</summary>
public sealed class TableHeartbeatStore(StorageClients clients) : IHeartbeatStore
{
    private const string Partition = "heartbeat";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Heartbeats);

    public async Task RecordAsync(string source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, source) { ["At"] = at };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DateTimeOffset?> GetLastAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, source, ["At"], cancellationToken);
            return entity.HasValue ? entity.Value!.GetDateTimeOffset("At") : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
