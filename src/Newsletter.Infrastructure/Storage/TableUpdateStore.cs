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
/// Updates: the metadata in the <c>updates</c> table (one partition, row key = update id), the body in the row when it
/// fits (two string columns), else in <c>updates/{id}.json</c> (see <see cref="UpdateBodies"/> and docs/storage.md).
/// The table row is written first: its conditional insert is what makes the same content one update, however often it
/// is uploaded.
/// </summary>
public sealed partial class TableUpdateStore(StorageClients clients) : IUpdateStore
{
    private const string Partition = "update";

    // The id of the save that wrote the row last (see SaveAsync); no list reads it.
    private const string SaveColumn = "SaveId";

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Updates);
    private UpdateBodies Bodies => new(clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Updates));

    /// <summary>Every column but the body's own two: what the lists read (they return updates without their bodies).</summary>
    private static readonly string[] ListColumns =
    [
        .. ToEntity(new Update { Id = "x", MemberId = "", ReleaseId = "", Title = "", Organisation = "", Summary = "", BodyHtml = "", BodyText = "", ContentHash = "", Date = default }).Keys,
        UpdateBodies.InRow, UpdateBodies.Blob, UpdateBodies.BodyFirst,
    ];

    public async Task<bool> TryAddAsync(Update update, CancellationToken cancellationToken)
    {
        var entity = ToEntity(update);
        var inRow = UpdateBodies.FitsInRow(update);
        if (inRow)
        {
            UpdateBodies.PutInRow(entity, update);
        }

        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same upload again after an interruption: a row whose body is a blob written after it gets that body.
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, update.Id, ["ReleaseId", UpdateBodies.InRow, UpdateBodies.Blob], cancellationToken);
            if (existing.HasValue && existing.Value!.GetString("ReleaseId") == update.ReleaseId
                && !UpdateBodies.IsInRow(existing.Value) && existing.Value.GetString(UpdateBodies.Blob) is null)
            {
                await Bodies.WriteAsync(UpdateBodies.DefaultBlob(update.Id), update, cancellationToken);
            }

            return false;
        }

        if (!inRow)
        {
            await Bodies.WriteAsync(UpdateBodies.DefaultBlob(update.Id), update, cancellationToken);
        }

        return true;
    }

    public async Task<Update?> GetAsync(string updateId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, updateId, cancellationToken: cancellationToken);
        return entity.HasValue ? await WithBodyAsync(entity.Value!, cancellationToken) : null;
    }

    /// <summary>
    /// Replaces the row, conditionally on the version read. The body is the one the update carries; an update without
    /// one (as the lists return them) keeps the body stored. A changed body goes where a new one would: into the row
    /// when it fits, else into a new blob (see <see cref="UpdateBodies.NewBlob"/>), written before the row, so the row never names a body
    /// that is not there, and a blob the row no longer names is removed after it.
    /// </summary>
    public async Task SaveAsync(Update update, CancellationToken cancellationToken)
    {
        // Written with the row: a request the client sent again after its answer was lost finds the version it was
        // conditional on gone, and this id in the row tells that the write was this save's own, not a conflict.
        var saveId = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            var current = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, update.Id, [.. UpdateBodies.LayoutColumns, "RowKey"], cancellationToken);
            if (!current.HasValue)
            {
                await Table.UpdateEntityAsync(ToEntity(update), update.Version is null ? ETag.All : new ETag(update.Version), TableUpdateMode.Replace, cancellationToken);
                return;
            }

            var stored = current.Value!;
            if (update.Version is not null && update.Version != stored.ETag.ToString())
            {
                throw new ConflictException($"Update '{update.Id}' changed meanwhile.");
            }

            var entity = ToEntity(update);
            entity[SaveColumn] = saveId;
            var unused = await PlaceBodyAsync(update, stored, entity, cancellationToken);
            try
            {
                // The version just read, even for an update read without one: the body's place must not change meanwhile.
                await Table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 409)
            {
                if (!await IsSavedByAsync(update.Id, saveId, cancellationToken))
                {
                    if (update.Version is null && attempt < 3)
                    {
                        continue;
                    }

                    throw new ConflictException($"Update '{update.Id}' changed meanwhile.");
                }
            }

            if (unused is not null)
            {
                await Bodies.DeleteUnusedAsync(unused, cancellationToken);
            }

            return;
        }
    }

    private async Task<bool> IsSavedByAsync(string updateId, string saveId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, updateId, [SaveColumn], cancellationToken);
        return row.HasValue && row.Value!.GetString(SaveColumn) == saveId;
    }

    /// <summary>Puts the body into the row about to be written, or names its blob there; returns the blob no longer used.</summary>
    private async Task<string?> PlaceBodyAsync(Update update, TableEntity stored, TableEntity entity, CancellationToken cancellationToken)
    {
        var carried = update.BodyHtml.Length > 0 || update.BodyText.Length > 0;
        if (!carried || UpdateBodies.FromRow(stored) == (update.BodyHtml, update.BodyText))
        {
            UpdateBodies.CopyLayout(stored, entity);
            return null;
        }

        var previous = UpdateBodies.BlobOf(stored);
        if (UpdateBodies.FitsInRow(update))
        {
            UpdateBodies.PutInRow(entity, update);
            return previous;
        }

        if (UpdateBodies.Holds(previous, update))
        {
            entity[UpdateBodies.Blob] = previous;
            return null;
        }

        var blob = UpdateBodies.NewBlob(update);
        await Bodies.WriteAsync(blob, update, cancellationToken);
        entity[UpdateBodies.Blob] = blob;
        return previous;
    }

    public async Task<IReadOnlyList<Update>> ListPublishedAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and Status eq {UpdateStatuses.Name(UpdateStatus.Published)} and PublishedAt gt {after} and PublishedAt le {upTo}");
        var found = new List<Update>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ListColumns, cancellationToken: cancellationToken))
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
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ListColumns, cancellationToken: cancellationToken))
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
        var found = new List<(TableEntity Row, Update Update)>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ListColumns, cancellationToken: cancellationToken))
        {
            found.Add((entity, ToUpdate(entity)));
        }

        // Published updates are ordered by when they were published: an old upload approved today is news today.
        var newest = found.OrderByDescending(f => f.Update.Status == UpdateStatus.Published ? f.Update.PublishedAt ?? f.Update.CreatedAt : f.Update.CreatedAt).Take(max).ToArray();
        return await Task.WhenAll(newest.Select(f => WithBodyAsync(f.Row, cancellationToken)));
    }

    /// <summary>
    /// The update of a row with its body: from the row itself (read whole, or read again for it), else from its blob. A
    /// blob the row named but that is gone was moved meanwhile by a save (which removes the old blob after the row
    /// names the new place): the row is read again, and the update is the one it now holds. A row unchanged since is
    /// one whose body blob was lost before a retry; it reads without a body.
    /// </summary>
    private async Task<Update> WithBodyAsync(TableEntity row, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var update = ToUpdate(row);
            if (UpdateBodies.IsInRow(row) && !row.ContainsKey(UpdateBodies.Html))
            {
                var bodyColumns = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, row.RowKey, [UpdateBodies.Html, UpdateBodies.Text, UpdateBodies.InRow, UpdateBodies.Blob, "RowKey"], cancellationToken);
                row = bodyColumns.HasValue ? bodyColumns.Value! : row;
            }

            var blob = UpdateBodies.BlobOf(row);
            var body = UpdateBodies.FromRow(row) ?? (blob is not null ? await Bodies.ReadAsync(blob, cancellationToken) : null);
            if (body is { } b)
            {
                return update with { BodyHtml = b.Html, BodyText = b.Text };
            }

            var now = blob is not null && attempt < 3 ? await Table.GetEntityIfExistsAsync<TableEntity>(Partition, row.RowKey, cancellationToken: cancellationToken) : null;
            if (now is not { HasValue: true } || now.Value!.ETag == row.ETag)
            {
                return update;
            }

            row = now.Value;
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
