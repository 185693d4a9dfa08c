using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>
/// The dispatch ledger in the <c>ledger</c> table: partition = edition id, row key =
/// <c>{bucket:D2}-{chunk:D5}</c> for chunks (merge buckets, 64 and up, sort after the reader buckets),
/// <c>started</c> for the start mark, <c>merges</c> once the merge messages are enqueued, <c>planned-{bucket:D2}</c> for a bucket that has formed its chunks,
/// <c>incomplete-{bucket:D2}</c> for a bucket given up and <c>incomplete-m-{variant}</c> for a merge given up. A chunk's readers are stored as 16-byte ids
/// in one binary column (1,000 readers = 16 KB, well under the 64 KB a column holds). A remainder also
/// keeps its recipients (address and name, one UTF-8 line each, in reader order) in binary columns of 30,000 bytes
/// (<c>Recipients0</c>, <c>Recipients1</c>, ...) until it is merged.
/// </summary>
public sealed class TableDispatchLedger(StorageClients clients) : IDispatchLedger
{
    private const string StartedRow = "started";
    private const string IncompletePrefix = "incomplete-";
    private const string PlannedPrefix = "planned-";
    private const string MergesRow = "merges";

    /// <summary>Entity group transactions take at most 100 rows (and 4 MB: 100 chunks are about 1.7 MB).</summary>
    private const int BatchSize = 100;

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Ledger);

    public async Task<DispatchMarks> MarksAsync(string editionId, CancellationToken cancellationToken)
    {
        // Mark rows start with a letter; chunk rows with the two-digit bucket.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey ge {"a"}");
        bool started = false, merges = false;
        var planned = new Dictionary<int, int>();
        var incompleteBuckets = new List<int>();
        var incompleteMerges = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Bucket", "LastNumber", "Variant"], cancellationToken: cancellationToken))
        {
            var row = entity.RowKey;
            if (row == StartedRow)
            {
                started = true;
            }
            else if (row == MergesRow)
            {
                merges = true;
            }
            else if (row.StartsWith(PlannedPrefix, StringComparison.Ordinal))
            {
                planned[entity.GetInt32("Bucket") ?? -1] = entity.GetInt32("LastNumber") ?? int.MaxValue;
            }
            else if (row.StartsWith(IncompletePrefix, StringComparison.Ordinal))
            {
                if (entity.GetString("Variant") is { } variant)
                {
                    incompleteMerges.Add(variant);
                }
                else
                {
                    incompleteBuckets.Add(entity.GetInt32("Bucket") ?? 0);
                }
            }
        }

        return new DispatchMarks(started, merges, planned, incompleteBuckets.Order().ToArray(), incompleteMerges.Order(StringComparer.Ordinal).ToArray());
    }

    public async Task MarkAsync(string editionId, DispatchStage stage, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(editionId, stage == DispatchStage.Started ? StartedRow : MergesRow) { ["StartedAt"] = at },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<DispatchChunk>> ListAsync(string editionId, int bucket, CancellationToken cancellationToken)
    {
        var prefix = $"{bucket:D2}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey ge {prefix} and RowKey lt {$"{bucket:D2}."}");
        var chunks = new List<DispatchChunk>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            chunks.Add(FromEntity(entity));
        }

        return chunks;
    }

    public async Task MarkIncompleteAsync(DispatchWork work, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var entity = work switch
        {
            DispatchRequest bucket => new TableEntity(bucket.EditionId, $"{IncompletePrefix}{bucket.Bucket:D2}") { ["Bucket"] = bucket.Bucket },
            MergeRequest merge => new TableEntity(merge.EditionId, $"{IncompletePrefix}m-{merge.VariantKey}") { ["Variant"] = merge.VariantKey },
            _ => throw new ArgumentException($"Unknown dispatch message {work.GetType().Name}.", nameof(work)),
        };
        entity["At"] = at;
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async IAsyncEnumerable<ChunkSummary> SummarizeEditionAsync(string editionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey lt {"a"}");
        string[] columns = ["Bucket", "Number", "Variant", "Kind", "State", "Count", "UnknownResends"];
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            yield return new ChunkSummary(
                entity.GetInt32("Bucket") ?? 0,
                entity.GetInt32("Number") ?? 0,
                entity.GetString("Variant") ?? string.Empty,
                Enum.TryParse<ChunkKind>(entity.GetString("Kind"), out var kind) ? kind : ChunkKind.Bucket,
                Enum.TryParse<ChunkState>(entity.GetString("State"), out var state) ? state : ChunkState.Formed,
                entity.GetInt32("Count") ?? 0,
                entity.GetInt32("UnknownResends") ?? 0);
        }
    }

    public async Task MarkPlannedAsync(string editionId, int bucket, int lastNumber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(editionId, $"{PlannedPrefix}{bucket:D2}") { ["Bucket"] = bucket, ["LastNumber"] = lastNumber, ["At"] = at }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new ConflictException($"Bucket {bucket} of {editionId} was planned by another dispatcher.", ex);
        }
    }

    public async IAsyncEnumerable<DispatchChunk> ListRemaindersAsync(string editionId, string variantKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Returned in row-key order: bucket, then chunk number.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {editionId} and RowKey lt {"a"} and Kind eq {nameof(ChunkKind.Remainder)} and Variant eq {variantKey}");
        // Small pages: a remainder row can hold ~60 KB of recipients (more with long addresses), and a merge reads them in turn.
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 8, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<IReadOnlyList<DispatchChunk>> AddAsync(IReadOnlyList<DispatchChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var added = new List<DispatchChunk>(chunks.Count);
        foreach (var batch in Batches(chunks.Select(c => (Chunk: c, Entity: ToEntity(c)))))
        {
            try
            {
                var response = await Table.SubmitTransactionAsync(batch.Select(b => new TableTransactionAction(TableTransactionActionType.Add, b.Entity)), cancellationToken);
                // Sub-responses come in the order of the actions; their ETags make the first update conditional.
                added.AddRange(batch.Zip(response.Value, (b, r) => b.Chunk with { ETag = r.Headers.ETag?.ToString() }));
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                throw new ConflictException($"Chunks of {batch[0].Chunk.EditionId} bucket {batch[0].Chunk.Bucket} were formed by another dispatcher.", ex);
            }
        }

        return added;
    }

    /// <summary>
    /// Transactions of at most 100 rows and well under the 4 MB a transaction may carry: binary columns
    /// travel as base64 (4 characters per 3 bytes), and a remainder with long addresses holds ~350 KB.
    /// </summary>
    private static IEnumerable<List<(DispatchChunk Chunk, TableEntity Entity)>> Batches(IEnumerable<(DispatchChunk Chunk, TableEntity Entity)> rows)
    {
        const long MaxPayload = 3 * 1024 * 1024;
        var batch = new List<(DispatchChunk, TableEntity)>();
        long payload = 0;
        foreach (var row in rows)
        {
            var size = 2048 + (row.Entity.Select(p => p.Value).OfType<byte[]>().Sum(b => (long)b.Length) * 4 / 3);
            if (batch.Count > 0 && (batch.Count == BatchSize || payload + size > MaxPayload))
            {
                yield return batch;
                batch = [];
                payload = 0;
            }

            batch.Add(row);
            payload += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    public async Task MarkMergedAsync(string editionId, string variantKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Every column but the recipients: replacing the row with these drops them.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {editionId} and RowKey lt {"a"} and Kind eq {nameof(ChunkKind.Remainder)} and Variant eq {variantKey} and State ne {nameof(ChunkState.Merged)}");
        string[] columns = ["PartitionKey", "RowKey", "Bucket", "Number", "Kind", "Variant", "Readers", "Packed", "Count", "State", "Attempts", "UnknownResends", "Error", "UpdatedAt"];
        var remainders = new List<DispatchChunk>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            remainders.Add(FromEntity(entity) with { State = ChunkState.Merged, UpdatedAt = at });
        }

        // Unconditional: a remainder changes only this once, the same way whoever does it.
        foreach (var batch in Batches(remainders.Select(r => (Chunk: r, Entity: ToEntity(r)))))
        {
            await Table.SubmitTransactionAsync(batch.Select(b => new TableTransactionAction(TableTransactionActionType.UpdateReplace, b.Entity, ETag.All)), cancellationToken);
        }
    }

    public async Task<int> ForgetRecipientAsync(string readerId, int bucket, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"Kind eq {nameof(ChunkKind.Remainder)} and State eq {nameof(ChunkState.Formed)} and Bucket eq {bucket}");
        return await RewriteRemaindersAsync(filter, chunk =>
        {
            var at = Array.IndexOf(chunk.ReaderIds.ToArray(), readerId);
            if (at < 0 || at >= chunk.Recipients.Count || chunk.Recipients[at].Address.Length == 0)
            {
                return null;
            }

            var recipients = chunk.Recipients.ToArray();
            recipients[at] = new Recipient(readerId, string.Empty, null);
            return recipients;
        }, cancellationToken);
    }

    public async Task<int> ExpireRecipientsAsync(DateTimeOffset formedBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"Kind eq {nameof(ChunkKind.Remainder)} and State eq {nameof(ChunkState.Formed)} and UpdatedAt lt {formedBefore}");
        return await RewriteRemaindersAsync(filter, chunk => chunk.Recipients.Count == 0 ? null : [], cancellationToken);
    }

    /// <summary>
    /// Replaces the recipients of the remainders the filter finds, as <paramref name="change"/> says (null: leave it),
    /// each conditionally on its ETag and read again when another writer changed it first (a merge drops them anyway).
    /// </summary>
    private async Task<int> RewriteRemaindersAsync(string filter, Func<DispatchChunk, IReadOnlyList<Recipient>?> change, CancellationToken cancellationToken)
    {
        var changed = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 8, cancellationToken: cancellationToken))
        {
            var current = entity;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var chunk = FromEntity(current);
                if (chunk.State != ChunkState.Formed || change(chunk) is not { } recipients)
                {
                    break;
                }

                try
                {
                    await Table.UpdateEntityAsync(ToEntity(chunk with { Recipients = recipients }), current.ETag, TableUpdateMode.Replace, cancellationToken);
                    changed++;
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    current = (await Table.GetEntityAsync<TableEntity>(current.PartitionKey, current.RowKey, cancellationToken: cancellationToken)).Value;
                }
            }
        }

        return changed;
    }

    public async Task<DispatchChunk?> TryUpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        try
        {
            // Never unconditional: two dispatchers of one bucket must not both move a chunk to in flight.
            var etag = chunk.ETag ?? throw new ArgumentException("A chunk is updated only as read, with its ETag.", nameof(chunk));
            // Readers never change after a chunk is formed: a state change merges the state columns only,
            // so the 16 KB of reader ids are not sent again; a remainder is replaced whole, which drops its recipients.
            var response = chunk.Kind == ChunkKind.Remainder
                ? await Table.UpdateEntityAsync(ToEntity(chunk), new ETag(etag), TableUpdateMode.Replace, cancellationToken)
                : await Table.UpdateEntityAsync(StateOf(chunk), new ETag(etag), TableUpdateMode.Merge, cancellationToken);
            return chunk with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    private static TableEntity StateOf(DispatchChunk chunk) => new(chunk.EditionId, $"{chunk.Bucket:D2}-{chunk.Number:D5}")
    {
        ["State"] = chunk.State.ToString(),
        ["Attempts"] = chunk.Attempts,
        ["UnknownResends"] = chunk.UnknownResends,
        // Merge leaves a column with a null value as it was: an empty string clears an earlier error.
        ["Error"] = Truncate(chunk.Error) ?? string.Empty,
        ["UpdatedAt"] = chunk.UpdatedAt,
    };

    private static string? Truncate(string? error) => error is { Length: > 1000 } e ? e[..1000] : error;

    private static TableEntity ToEntity(DispatchChunk chunk)
    {
        var (readers, packed) = LedgerColumns.PackIds(chunk.ReaderIds);
        var entity = new TableEntity(chunk.EditionId, $"{chunk.Bucket:D2}-{chunk.Number:D5}")
        {
            ["Bucket"] = chunk.Bucket,
            ["Number"] = chunk.Number,
            ["Kind"] = chunk.Kind.ToString(),
            ["Variant"] = chunk.VariantKey,
            ["Readers"] = readers,
            ["Packed"] = packed,
            ["Count"] = chunk.ReaderIds.Count,
            ["State"] = chunk.State.ToString(),
            ["Attempts"] = chunk.Attempts,
            ["UnknownResends"] = chunk.UnknownResends,
            ["Error"] = Truncate(chunk.Error),
            ["UpdatedAt"] = chunk.UpdatedAt,
        };
        var columns = LedgerColumns.PackRecipients(chunk.Recipients);
        for (var column = 0; column < columns.Count; column++)
        {
            entity[$"Recipients{column}"] = columns[column];
        }

        return entity;
    }

    private static DispatchChunk FromEntity(TableEntity entity)
    {
        var ids = LedgerColumns.UnpackIds(entity.GetBinary("Readers") ?? [], entity.GetBoolean("Packed") ?? false);
        return new DispatchChunk
        {
            EditionId = entity.PartitionKey,
            Bucket = entity.GetInt32("Bucket") ?? 0,
            Number = entity.GetInt32("Number") ?? 0,
            VariantKey = entity.GetString("Variant") ?? string.Empty,
            ReaderIds = ids,
            Kind = Enum.TryParse<ChunkKind>(entity.GetString("Kind"), out var kind) ? kind : ChunkKind.Bucket,
            Recipients = LedgerColumns.UnpackRecipients(entity, ids),
            State = Enum.TryParse<ChunkState>(entity.GetString("State"), out var state) ? state : ChunkState.Formed,
            Attempts = entity.GetInt32("Attempts") ?? 0,
            UnknownResends = entity.GetInt32("UnknownResends") ?? 0,
            Error = entity.GetString("Error") is { Length: > 0 } error ? error : null,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
            ETag = entity.ETag.ToString(),
        };
    }
}
