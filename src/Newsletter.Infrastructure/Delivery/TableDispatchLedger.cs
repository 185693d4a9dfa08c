using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>
/// The dispatch ledger in the <c>ledger</c> table: partition = edition id, row key =
/// <c>{bucket:D2}-{chunk:D5}</c> for chunks (merge buckets, 64 and up, sort after the reader buckets),
/// <c>started</c> for the start mark, <c>merges</c> once the merge messages are enqueued, <c>planned-{bucket:D2}</c> for a bucket that has formed its chunks
/// and <c>incomplete-{bucket:D2}</c> for a bucket given up. A chunk's readers are stored as 16-byte ids
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

    /// <summary>
    /// Bytes per recipients column: a column may hold 64 KiB, but the client reads a binary value as a base64
    /// string first, and 30,000 bytes keep that string (80 KB) off the large object heap.
    /// </summary>
    private const int ColumnBytes = 30_000;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Entity group transactions take at most 100 rows (and 4 MB: 100 chunks are about 1.7 MB).</summary>
    private const int BatchSize = 100;

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Ledger);

    public async Task<bool> IsStartedAsync(string editionId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(editionId, StartedRow, cancellationToken: cancellationToken)).HasValue;

    public async Task MarkStartedAsync(string editionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(editionId, StartedRow) { ["StartedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

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

    public async Task MarkIncompleteAsync(string editionId, int bucket, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(editionId, $"{IncompletePrefix}{bucket:D2}") { ["Bucket"] = bucket, ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<int>> IncompleteBucketsAsync(string editionId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey ge {IncompletePrefix} and RowKey lt {"incomplete."}");
        var buckets = new List<int>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            buckets.Add(entity.GetInt32("Bucket") ?? 0);
        }

        return buckets.Order().ToArray();
    }

    public async IAsyncEnumerable<DispatchChunk> ListEditionAsync(string editionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Chunk rows start with the two-digit bucket; the mark rows ("started", "incomplete-..") with a letter.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey lt {"a"}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
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
            throw new DispatchConflictException($"Bucket {bucket} of {editionId} was planned by another dispatcher.", ex);
        }
    }

    public async Task<IReadOnlyDictionary<int, int>> PlannedBucketsAsync(string editionId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {editionId} and RowKey ge {PlannedPrefix} and RowKey lt {"planned."}");
        var buckets = new Dictionary<int, int>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["Bucket", "LastNumber"], cancellationToken: cancellationToken))
        {
            buckets[entity.GetInt32("Bucket") ?? -1] = entity.GetInt32("LastNumber") ?? int.MaxValue;
        }

        return buckets;
    }

    public async Task<bool> AreMergesStartedAsync(string editionId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(editionId, MergesRow, cancellationToken: cancellationToken)).HasValue;

    public async Task MarkMergesStartedAsync(string editionId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(editionId, MergesRow) { ["StartedAt"] = at }, TableUpdateMode.Replace, cancellationToken);

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
                throw new DispatchConflictException($"Chunks of {batch[0].Chunk.EditionId} bucket {batch[0].Chunk.Bucket} were formed by another dispatcher.", ex);
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
        var (readers, packed) = PackIds(chunk.ReaderIds);
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
        var columns = PackRecipients(chunk.Recipients);
        for (var column = 0; column < columns.Count; column++)
        {
            entity[$"Recipients{column}"] = columns[column];
        }

        return entity;
    }

    private static DispatchChunk FromEntity(TableEntity entity) => new()
    {
        EditionId = entity.PartitionKey,
        Bucket = entity.GetInt32("Bucket") ?? 0,
        Number = entity.GetInt32("Number") ?? 0,
        VariantKey = entity.GetString("Variant") ?? string.Empty,
        ReaderIds = UnpackIds(entity.GetBinary("Readers") ?? [], entity.GetBoolean("Packed") ?? false),
        Kind = Enum.TryParse<ChunkKind>(entity.GetString("Kind"), out var kind) ? kind : ChunkKind.Bucket,
        Recipients = UnpackRecipients(entity, UnpackIds(entity.GetBinary("Readers") ?? [], entity.GetBoolean("Packed") ?? false)),
        State = Enum.TryParse<ChunkState>(entity.GetString("State"), out var state) ? state : ChunkState.Formed,
        Attempts = entity.GetInt32("Attempts") ?? 0,
        UnknownResends = entity.GetInt32("UnknownResends") ?? 0,
        Error = entity.GetString("Error") is { Length: > 0 } error ? error : null,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
        ETag = entity.ETag.ToString(),
    };

    /// <summary>Reader ids are 32 lower-case hex digits, packed as 16 bytes each; other ids (test data) are kept as UTF-8 lines.</summary>
    internal static (byte[] Bytes, bool Packed) PackIds(IReadOnlyList<string> ids)
    {
        var bytes = new byte[ids.Count * 16];
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (id.Length != 32 || id.AsSpan().ContainsAnyExcept(LowerHex)
                || Convert.FromHexString(id, bytes.AsSpan(i * 16, 16), out _, out _) != System.Buffers.OperationStatus.Done)
            {
                return (System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ids)), false);
            }
        }

        return (bytes, true);
    }

    /// <summary>One line per recipient, in the order of the reader ids: address and name separated by a tab (neither holds a tab or a line break).</summary>
    private static List<byte[]> PackRecipients(IReadOnlyList<Recipient> recipients)
    {
        // Written straight into column-sized arrays: no string or array of the whole remainder on the way.
        var columns = new List<byte[]>();
        if (recipients.Count == 0)
        {
            return columns;
        }

        var column = new byte[ColumnBytes];
        var at = 0;
        Span<byte> buffer = stackalloc byte[1024];
        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            var most = System.Text.Encoding.UTF8.GetMaxByteCount(recipient.Address.Length + (recipient.Name?.Length ?? 0)) + 2;
            var line = most <= buffer.Length ? buffer : new byte[most];
            var length = 0;
            if (i > 0)
            {
                line[length++] = (byte)'\n';
            }

            length += System.Text.Encoding.UTF8.GetBytes(recipient.Address, line[length..]);
            line[length++] = (byte)'\t';
            length += System.Text.Encoding.UTF8.GetBytes(recipient.Name ?? string.Empty, line[length..]);
            for (var written = 0; written < length;)
            {
                if (at == ColumnBytes)
                {
                    columns.Add(column);
                    column = new byte[ColumnBytes];
                    at = 0;
                }

                var part = Math.Min(length - written, ColumnBytes - at);
                line.Slice(written, part).CopyTo(column.AsSpan(at));
                written += part;
                at += part;
            }
        }

        columns.Add(column.AsSpan(0, at).ToArray());
        return columns;
    }

    private static Recipient[] UnpackRecipients(TableEntity entity, string[] ids)
    {
        var parts = new List<byte[]>();
        for (var column = 0; entity.GetBinary($"Recipients{column}") is { } part; column++)
        {
            parts.Add(part);
        }

        var total = parts.Sum(p => p.Length);
        if (total == 0)
        {
            return [];
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var at = 0;
            foreach (var part in parts)
            {
                part.CopyTo(buffer, at);
                at += part.Length;
            }

            var recipients = new Recipient[ids.Length];
            ReadOnlySpan<byte> rest = buffer.AsSpan(0, total);
            for (var i = 0; i < ids.Length; i++)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                var tab = line.IndexOf((byte)'\t');
                if (tab < 0 || (end < 0) != (i == ids.Length - 1))
                {
                    throw new InvalidDataException($"Ledger row {entity.PartitionKey}/{entity.RowKey} does not hold one recipient line for each of its {ids.Length} readers.");
                }

                recipients[i] = new Recipient(ids[i], System.Text.Encoding.UTF8.GetString(line[..tab]),
                    tab == line.Length - 1 ? null : System.Text.Encoding.UTF8.GetString(line[(tab + 1)..]));
                rest = end < 0 ? [] : rest[(end + 1)..];
            }

            return recipients;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string[] UnpackIds(byte[] bytes, bool packed)
    {
        if (bytes.Length == 0)
        {
            return [];
        }

        if (!packed)
        {
            return System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        }

        var ids = new string[bytes.Length / 16];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Convert.ToHexStringLower(bytes, i * 16, 16);
        }

        return ids;
    }
}
