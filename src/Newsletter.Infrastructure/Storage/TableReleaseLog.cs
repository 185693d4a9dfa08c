using Azure.Data.Tables;
using Newsletter.Core.Releases;

namespace Newsletter.Infrastructure.Storage;

/// <summary>The upload log in the <c>releases</c> table: partition = member id, row key = release id.</summary>
public sealed class TableReleaseLog(StorageClients clients) : IReleaseLog
{
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Releases);

    public async Task SaveAsync(ReleaseRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(record.MemberId, record.ReleaseId)
        {
            ["FileName"] = record.FileName,
            ["State"] = ReleaseStates.Name(record.State),
            ["UpdateId"] = record.UpdateId,
            ["RejectionCode"] = record.Rejection?.Code,
            ["RejectionMessage"] = record.Rejection?.Message,
            ["Warnings"] = StorageJson.Write(record.Warnings),
            ["ReceivedAt"] = record.ReceivedAt,
            ["CompletedAt"] = record.CompletedAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ReleaseRecord?> GetAsync(string memberId, string releaseId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(memberId, releaseId, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        return Read(response.Value!);
    }

    public async Task<IReadOnlyList<ReleaseRecord>> ListAsync(string memberId, CancellationToken cancellationToken)
    {
        var records = new List<ReleaseRecord>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {memberId}"), cancellationToken: cancellationToken))
        {
            records.Add(Read(entity));
        }

        return records;
    }

    private static ReleaseRecord Read(TableEntity entity)
    {
        var code = entity.GetString("RejectionCode");
        return new ReleaseRecord
        {
            MemberId = entity.PartitionKey,
            ReleaseId = entity.RowKey,
            FileName = entity.GetString("FileName") ?? string.Empty,
            State = Enum.GetValues<ReleaseState>().First(s => ReleaseStates.Name(s) == entity.GetString("State")),
            UpdateId = entity.GetString("UpdateId"),
            Rejection = code is null ? null : new Rejection(code, entity.GetString("RejectionMessage") ?? string.Empty),
            Warnings = StorageJson.Read<string[]>(entity.GetString("Warnings"), []),
            ReceivedAt = entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
        };
    }
}
