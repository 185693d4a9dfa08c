using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Updates;

namespace Newsletter.Infrastructure.Storage;

public sealed partial class TableUpdateStore
{
    // A table transaction holds at most 100 operations on one partition, and a payload of at most 4 MiB.
    private const int TransactionSize = 100;
    private const long TransactionBytes = 3 * 1024 * 1024;
    private const int BodyUploads = 16;

    /// <summary>
    /// An archive's updates, 100 at a time: one query finds which are already in; the others are added in table
    /// transactions (they share a partition), each body in its row where it fits. A body too large for its row is
    /// written first, as a blob, and its row is marked as written after its body, so a row added here always has its
    /// body and a second run or a retry after a crash costs one query per 100 and no body writes; a row whose body is
    /// a blob written after it (<see cref="TryAddAsync"/>, or rows of before bodies were kept in rows) gets a missing
    /// body rewritten as there. A row that appears between the query and a transaction makes that transaction add
    /// nothing; its updates then fall back to <see cref="TryAddAsync"/> one by one.
    /// </summary>
    public async Task<IReadOnlyList<UpdateStatus?>> TryAddManyAsync(IReadOnlyList<Update> batch, CancellationToken cancellationToken)
    {
        var added = new UpdateStatus?[batch.Count];
        for (var start = 0; start < batch.Count; start += TransactionSize)
        {
            var chunk = batch.Skip(start).Take(TransactionSize).ToList();
            var existing = await ExistingAsync(chunk, cancellationToken);
            var fresh = chunk.Where(u => !existing.ContainsKey(u.Id)).DistinctBy(u => u.Id, StringComparer.Ordinal).ToList();
            var repairs = chunk.Where(u => existing.TryGetValue(u.Id, out var row) && row.BodyAfterRow && row.ReleaseId == u.ReleaseId)
                .DistinctBy(u => u.Id, StringComparer.Ordinal);
            await Parallel.ForEachAsync(fresh.Where(u => !UpdateBodies.FitsInRow(u)).Concat(repairs), new ParallelOptions { MaxDegreeOfParallelism = BodyUploads, CancellationToken = cancellationToken },
                async (update, token) => await Bodies.WriteAsync(UpdateBodies.DefaultBlob(update.Id), update, token));

            // Each fresh update counts once, at its first place in the batch; a repeat of it is already in, as it was added.
            var outcome = new Dictionary<string, UpdateStatus?>(StringComparer.Ordinal);
            foreach (var group in Transactions(fresh))
            {
                if (await TryAddRowsAsync(group, cancellationToken))
                {
                    group.ForEach(u => outcome[u.Id] = null);
                    continue;
                }

                foreach (var update in group)
                {
                    outcome[update.Id] = await TryAddAsync(update, cancellationToken)
                        ? null
                        : (await GetAsync(update.Id, cancellationToken))?.Status ?? update.Status;
                }
            }

            var counted = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Count; i++)
            {
                var id = chunk[i].Id;
                added[start + i] = existing.TryGetValue(id, out var row) ? row.Status
                    : counted.Add(id) ? outcome[id]
                    : chunk[i].Status;
            }
        }

        return added;
    }

    /// <summary>The fresh rows in transactions of at most 100, each within the payload limit (large bodies are blobs, so a row is at most ~400 KB).</summary>
    private static IEnumerable<List<Update>> Transactions(List<Update> fresh)
    {
        var group = new List<Update>();
        long bytes = 0;
        foreach (var update in fresh)
        {
            var size = UpdateBodies.WireBytes(Row(update));
            if (group.Count > 0 && (group.Count == TransactionSize || bytes + size > TransactionBytes))
            {
                yield return group;
                group = [];
                bytes = 0;
            }

            group.Add(update);
            bytes += size;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    /// <summary>The row an archive's update is added as: its body in it, or marked as written after its body blob.</summary>
    private static TableEntity Row(Update update)
    {
        var entity = ToEntity(update);
        if (UpdateBodies.FitsInRow(update))
        {
            UpdateBodies.PutInRow(entity, update);
        }
        else
        {
            entity[UpdateBodies.BodyFirst] = true;
        }

        return entity;
    }

    private async Task<Dictionary<string, (string? ReleaseId, bool BodyAfterRow, UpdateStatus Status)>> ExistingAsync(List<Update> chunk, CancellationToken cancellationToken)
    {
        var ids = string.Join(" or ", chunk.Select(u => u.Id).Distinct(StringComparer.Ordinal).Select(id => TableClient.CreateQueryFilter($"RowKey eq {id}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") + $" and ({ids})";
        var existing = new Dictionary<string, (string?, bool, UpdateStatus)>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReleaseId", "Status", UpdateBodies.BodyFirst, UpdateBodies.InRow, UpdateBodies.Blob], cancellationToken: cancellationToken))
        {
            // Only a row written before its body blob (one at a time) can lack its body.
            var bodyAfterRow = !(entity.GetBoolean(UpdateBodies.BodyFirst) ?? false) && !UpdateBodies.IsInRow(entity) && entity.GetString(UpdateBodies.Blob) is null;
            existing[entity.RowKey] = (entity.GetString("ReleaseId"), bodyAfterRow, UpdateStatuses.Parse(entity.GetString("Status")) ?? UpdateStatus.PendingReview);
        }

        return existing;
    }

    private async Task<bool> TryAddRowsAsync(List<Update> fresh, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(fresh.Select(u => new TableTransactionAction(TableTransactionActionType.Add, Row(u))), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
