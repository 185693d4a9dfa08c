using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Newsletter.Core;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// Updates: the metadata in the <c>updates</c> table (one partition, row key = update id), the bodies in
/// <c>updates/{id}.json</c> (a body can exceed a table column's 64 KiB). The table row is written first:
/// its conditional insert is what makes the same content one update, however often it is uploaded.
/// </summary>
public sealed class TableUpdateStore(StorageClients clients) : IUpdateStore
{
    private const string Partition = "update";

    // A table transaction holds at most 100 operations on one partition.
    private const int TransactionSize = 100;
    private const int BodyUploads = 16;

    // Set on a row written after its body (an archive import): such a row never lacks its body.
    private const string BodyFirst = "BodyFirst";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Updates);
    private BlobContainerClient Bodies => clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates);

    private sealed record Body(string BodyHtml, string BodyText);

    public async Task<bool> TryAddAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(update), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same upload again after an interruption: make sure its body was written too.
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, update.Id, ["ReleaseId"], cancellationToken);
            if (existing.HasValue && existing.Value!.GetString("ReleaseId") == update.ReleaseId)
            {
                await WriteBodyAsync(update, cancellationToken);
            }

            return false;
        }

        await WriteBodyAsync(update, cancellationToken);
        return true;
    }

    /// <summary>
    /// An archive's updates, 100 at a time: one query finds which are already in; the bodies of the others are written,
    /// then their rows in one table transaction (they share a partition). Writing the body before the row means a row
    /// added here always has its body, so a second run or a retry after a crash costs one query per 100 and no body
    /// writes; a row added one at a time (<see cref="TryAddAsync"/>, row first) gets its body rewritten as there. A row
    /// that appears between the query and the transaction makes the transaction add nothing; that batch then falls back
    /// to <see cref="TryAddAsync"/> one by one.
    /// </summary>
    public async Task<IReadOnlyList<UpdateStatus?>> TryAddManyAsync(IReadOnlyList<Update> batch, CancellationToken cancellationToken)
    {
        var added = new UpdateStatus?[batch.Count];
        for (var start = 0; start < batch.Count; start += TransactionSize)
        {
            var chunk = batch.Skip(start).Take(TransactionSize).ToList();
            var existing = await ExistingAsync(chunk, cancellationToken);
            var fresh = chunk.Where(u => !existing.ContainsKey(u.Id)).DistinctBy(u => u.Id, StringComparer.Ordinal).ToList();
            var repairs = chunk.Where(u => existing.TryGetValue(u.Id, out var row) && !row.BodyFirst && row.ReleaseId == u.ReleaseId)
                .DistinctBy(u => u.Id, StringComparer.Ordinal);
            await Parallel.ForEachAsync(fresh.Concat(repairs), new ParallelOptions { MaxDegreeOfParallelism = BodyUploads, CancellationToken = cancellationToken },
                async (update, token) => await WriteBodyAsync(update, token));

            if (fresh.Count > 0 && !await TryAddRowsAsync(fresh, cancellationToken))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    added[start + i] = await TryAddAsync(chunk[i], cancellationToken)
                        ? null
                        : (await GetAsync(chunk[i].Id, cancellationToken))?.Status ?? chunk[i].Status;
                }

                continue;
            }

            // Each fresh update counts once, at its first place in the batch; a repeat of it is already in, as it was added.
            var counted = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Count; i++)
            {
                added[start + i] = existing.TryGetValue(chunk[i].Id, out var row) ? row.Status
                    : counted.Add(chunk[i].Id) ? null
                    : chunk[i].Status;
            }
        }

        return added;
    }

    private async Task<Dictionary<string, (string? ReleaseId, bool BodyFirst, UpdateStatus Status)>> ExistingAsync(List<Update> chunk, CancellationToken cancellationToken)
    {
        var ids = string.Join(" or ", chunk.Select(u => u.Id).Distinct(StringComparer.Ordinal).Select(id => TableClient.CreateQueryFilter($"RowKey eq {id}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") + $" and ({ids})";
        var existing = new Dictionary<string, (string?, bool, UpdateStatus)>(StringComparer.Ordinal);
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReleaseId", BodyFirst, "Status"], cancellationToken: cancellationToken))
        {
            existing[entity.RowKey] = (entity.GetString("ReleaseId"), entity.GetBoolean(BodyFirst) ?? false,
                UpdateStatuses.Parse(entity.GetString("Status")) ?? UpdateStatus.PendingReview);
        }

        return existing;
    }

    private async Task<bool> TryAddRowsAsync(List<Update> fresh, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(fresh.Select(u =>
            {
                var entity = ToEntity(u);
                entity[BodyFirst] = true;
                return new TableTransactionAction(TableTransactionActionType.Add, entity);
            }), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<Update?> GetAsync(string updateId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, updateId, cancellationToken: cancellationToken);
        return entity.HasValue ? await WithBodyAsync(ToUpdate(entity.Value!), cancellationToken) : null;
    }

    public async Task SaveAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(update), update.Version is null ? ETag.All : new ETag(update.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409)
        {
            throw new ConflictException($"Update '{update.Id}' changed meanwhile.");
        }
    }

    public async Task<IReadOnlyList<Update>> ListPublishedAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and Status eq {UpdateStatuses.Name(UpdateStatus.Published)} and PublishedAt gt {after} and PublishedAt le {upTo}");
        var found = new List<Update>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(ToUpdate(entity));
        }

        return found;
    }

    public async Task<IReadOnlyList<Update>> ListDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and Status eq {UpdateStatuses.Name(UpdateStatus.Scheduled)} and Embargo le {upTo}");
        var found = new List<Update>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(ToUpdate(entity));
        }

        return found;
    }

    public async Task<IReadOnlyList<Update>> ListAsync(UpdateStatus? status, int max, CancellationToken cancellationToken)
    {
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {UpdateStatuses.Name(s)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        var found = new List<Update>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(ToUpdate(entity));
        }

        // Published updates are ordered by when they were published: an old upload approved today is news today.
        var newest = found.OrderByDescending(u => u.Status == UpdateStatus.Published ? u.PublishedAt ?? u.CreatedAt : u.CreatedAt).Take(max).ToArray();
        return await Task.WhenAll(newest.Select(u => WithBodyAsync(u, cancellationToken)));
    }

    private async Task WriteBodyAsync(Update update, CancellationToken cancellationToken) =>
        await Bodies.GetBlobClient(update.Id + ".json")
            .UploadAsync(BinaryData.FromString(StorageJson.Write(new Body(update.BodyHtml, update.BodyText))), overwrite: true, cancellationToken);

    private async Task<Update> WithBodyAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Bodies.GetBlobClient(update.Id + ".json").DownloadContentAsync(cancellationToken);
            var body = StorageJson.Read<Body?>(content.Value.Content.ToString(), null);
            return body is null ? update : update with { BodyHtml = body.BodyHtml, BodyText = body.BodyText };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return update;
        }
    }

    private static TableEntity ToEntity(Update update) => new(Partition, update.Id)
    {
        ["MemberId"] = update.MemberId,
        ["ReleaseId"] = update.ReleaseId,
        ["AlsoSubmittedBy"] = update.AlsoSubmittedBy.Count == 0 ? null : StorageJson.Write(update.AlsoSubmittedBy),
        ["Title"] = update.Title,
        ["Date"] = update.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Organisation"] = update.Organisation,
        ["Summary"] = update.Summary,
        ["WordCount"] = update.WordCount,
        ["Topics"] = StorageJson.Write(update.Topics),
        ["CanonicalUrl"] = update.CanonicalUrl,
        ["Language"] = update.Language,
        ["Format"] = ReleaseFormats.Name(update.Format),
        ["ContentHash"] = update.ContentHash,
        ["Status"] = UpdateStatuses.Name(update.Status),
        ["Warnings"] = StorageJson.Write(update.Warnings),
        ["History"] = StorageJson.Write(update.History),
        ["CreatedAt"] = update.CreatedAt,
        ["PublishedAt"] = update.PublishedAt,
        ["CorrectedAt"] = update.CorrectedAt,
        ["Imported"] = update.Imported,
        ["Embargo"] = update.Embargo,
        ["Image"] = update.Image is null ? null : StorageJson.Write(update.Image),
    };

    private static Update ToUpdate(TableEntity entity) => new()
    {
        Id = entity.RowKey,
        MemberId = entity.GetString("MemberId") ?? string.Empty,
        ReleaseId = entity.GetString("ReleaseId") ?? string.Empty,
        AlsoSubmittedBy = StorageJson.Read<CoSubmission[]>(entity.GetString("AlsoSubmittedBy"), []),
        Title = entity.GetString("Title") ?? string.Empty,
        Date = DateOnly.ParseExact(entity.GetString("Date") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Organisation = entity.GetString("Organisation") ?? string.Empty,
        Summary = entity.GetString("Summary") ?? string.Empty,
        BodyHtml = string.Empty,
        BodyText = string.Empty,
        WordCount = entity.GetInt32("WordCount") ?? 0,
        Topics = StorageJson.Read<string[]>(entity.GetString("Topics"), []),
        CanonicalUrl = entity.GetString("CanonicalUrl"),
        Language = entity.GetString("Language"),
        Format = Enum.GetValues<ReleaseFormat>().FirstOrDefault(f => ReleaseFormats.Name(f) == entity.GetString("Format")),
        ContentHash = entity.GetString("ContentHash") ?? string.Empty,
        Status = UpdateStatuses.Parse(entity.GetString("Status")) ?? UpdateStatus.PendingReview,
        Warnings = StorageJson.Read<string[]>(entity.GetString("Warnings"), []),
        History = StorageJson.Read<StatusChange[]>(entity.GetString("History"), []),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        PublishedAt = entity.GetDateTimeOffset("PublishedAt"),
        CorrectedAt = entity.GetDateTimeOffset("CorrectedAt"),
        Imported = entity.GetBoolean("Imported") ?? false,
        Embargo = entity.GetDateTimeOffset("Embargo"),
        Image = StorageJson.Read<UpdateImage?>(entity.GetString("Image"), null),
        Version = entity.ETag.ToString(),
    };
}
