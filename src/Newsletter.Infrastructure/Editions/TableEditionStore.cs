using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Editions;

/// <summary>
/// Editions: an index row in the <c>editions</c> table (partition = frequency, row key = edition id),
/// the edition itself in <c>editions/{id}/{attempt}/edition.json</c> and each variant's rendering in
/// <c>editions/{id}/{attempt}/{variant}.json</c> (an edition can outgrow a table column). The table's
/// conditional insert is what makes one edition per (frequency, slot).
/// </summary>
public sealed class TableEditionStore(StorageClients clients) : IEditionStore
{
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Editions);
    private BlobContainerClient Blobs => clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Editions);

    private sealed record Document(IReadOnlyList<EditionItem> Items, IReadOnlyList<EditionVariant> Variants);

    public async Task<bool> TryCreateAsync(Edition edition, CancellationToken cancellationToken)
    {
        await Blobs.GetBlobClient($"{edition.Id}/{edition.Attempt}/edition.json").UploadAsync(
            BinaryData.FromString(StorageJson.Write(new Document(edition.Items, edition.Variants))), overwrite: true, cancellationToken);
        try
        {
            await Table.AddEntityAsync(new TableEntity(Edition.FrequencyName(edition.Frequency), edition.Id)
            {
                ["ScheduledFor"] = edition.ScheduledFor,
                ["WindowStart"] = edition.WindowStart,
                ["Cutoff"] = edition.Cutoff,
                ["CreatedAt"] = edition.CreatedAt,
                ["Status"] = edition.Status.ToString(),
                ["Reason"] = edition.Reason,
                ["Updates"] = edition.Items.Count,
                ["Attempt"] = edition.Attempt,
                ["Approval"] = edition.Approval.ToString(),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<Edition?> GetAsync(string editionId, CancellationToken cancellationToken)
    {
        var frequency = editionId.Split('-')[0];
        if (frequency is not ("daily" or "weekly"))
        {
            return null;
        }

        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(frequency, editionId, cancellationToken: cancellationToken);
        return entity.HasValue ? await WithDocumentAsync(entity.Value!, cancellationToken) : null;
    }

    public async Task<Edition?> LatestAsync(Frequency frequency, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Edition.FrequencyName(frequency)} and ScheduledFor lt {before}");
        TableEntity? latest = null;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (latest is null || entity.GetDateTimeOffset("ScheduledFor") > latest.GetDateTimeOffset("ScheduledFor"))
            {
                latest = entity;
            }
        }

        return latest is null ? null : await WithDocumentAsync(latest, cancellationToken);
    }

    public async Task<IReadOnlyList<Edition>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var entities = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        var newest = entities.OrderByDescending(e => e.GetDateTimeOffset("ScheduledFor")).Take(max);
        return await Task.WhenAll(newest.Select(e => WithDocumentAsync(e, cancellationToken)));
    }

    public async Task RecordDeliveryAsync(string editionId, EditionDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var frequency = editionId.Split('-')[0];
        await Table.UpdateEntityAsync(new TableEntity(frequency, editionId)
        {
            ["Delivery"] = delivery.Outcome.ToString(),
            ["Sent"] = delivery.Sent,
            ["DeliveredAt"] = delivery.At,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<bool> TryDecideAsync(string editionId, EditionApproval decision, EditionDecision by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var frequency = editionId.Split('-')[0];
        var row = frequency is "daily" or "weekly"
            ? await Table.GetEntityIfExistsAsync<TableEntity>(frequency, editionId, ["Approval"], cancellationToken)
            : null;
        if (row is not { HasValue: true } || row.Value!.GetString("Approval") != nameof(EditionApproval.Held))
        {
            return false;
        }

        try
        {
            // Conditional on the row as read: of an editor's click and the next timer fire, exactly one decides.
            await Table.UpdateEntityAsync(new TableEntity(frequency, editionId)
            {
                ["Approval"] = decision.ToString(),
                ["DecidedBy"] = by.Actor,
                ["DecidedAt"] = by.At,
                ["DecisionNote"] = by.Note,
            }, row.Value.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task SaveRenderingAsync(string editionId, string attempt, string variantKey, RenderedEdition rendering, CancellationToken cancellationToken) =>
        await Blobs.GetBlobClient($"{editionId}/{attempt}/{variantKey}.json").UploadAsync(BinaryData.FromString(StorageJson.Write(rendering)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);

    public async Task<RenderedEdition?> GetRenderingAsync(string editionId, string variantKey, CancellationToken cancellationToken)
    {
        var frequency = editionId.Split('-')[0];
        var row = frequency is "daily" or "weekly"
            ? await Table.GetEntityIfExistsAsync<TableEntity>(frequency, editionId, ["Attempt"], cancellationToken)
            : null;
        if (row is not { HasValue: true })
        {
            return null;
        }

        try
        {
            var content = await Blobs.GetBlobClient($"{editionId}/{row.Value!.GetString("Attempt")}/{variantKey}.json").DownloadContentAsync(cancellationToken);
            return StorageJson.Read<RenderedEdition?>(content.Value.Content.ToString(), null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<Edition> WithDocumentAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        Document? document = null;
        try
        {
            var content = await Blobs.GetBlobClient($"{entity.RowKey}/{entity.GetString("Attempt")}/edition.json").DownloadContentAsync(cancellationToken);
            document = StorageJson.Read<Document?>(content.Value.Content.ToString(), null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return new Edition
        {
            Id = entity.RowKey,
            Frequency = entity.PartitionKey == "daily" ? Frequency.Daily : Frequency.Weekly,
            ScheduledFor = entity.GetDateTimeOffset("ScheduledFor") ?? DateTimeOffset.MinValue,
            WindowStart = entity.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue,
            Cutoff = entity.GetDateTimeOffset("Cutoff") ?? DateTimeOffset.MinValue,
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            Status = Enum.TryParse<EditionStatus>(entity.GetString("Status"), out var status) ? status : EditionStatus.Composed,
            Reason = entity.GetString("Reason"),
            Attempt = entity.GetString("Attempt") ?? string.Empty,
            Items = document?.Items ?? [],
            Variants = document?.Variants ?? [],
            // Editions stored before approvals existed have no column: they were never held.
            Approval = Enum.TryParse<EditionApproval>(entity.GetString("Approval"), out var approval) ? approval : EditionApproval.NotRequired,
            Decision = entity.GetString("DecidedBy") is { } decidedBy
                ? new EditionDecision(decidedBy, entity.GetDateTimeOffset("DecidedAt") ?? DateTimeOffset.MinValue, entity.GetString("DecisionNote"))
                : null,
            Delivery = Enum.TryParse<DeliveryOutcome>(entity.GetString("Delivery"), out var outcome)
                ? new EditionDelivery(outcome, entity.GetInt32("Sent") ?? 0, entity.GetDateTimeOffset("DeliveredAt") ?? DateTimeOffset.MinValue)
                : null,
        };
    }
}
