using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Editorial;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Editorial;

/// <summary>
/// The review-waiting mails in the <c>reminders</c> table: partition <c>announced</c> holds one row with the ids the last
/// mail covered; <c>claims</c> a row per hour and per (batch, editor) mailed, added once (a conditional insert);
/// <c>choices</c> a row per editor who turned the mails off or on again.
/// </summary>
public sealed class TableReviewReminderStore(StorageClients clients) : IReviewReminderStore
{
    private const string Announced = "announced";
    private const string Claims = "claims";
    private const string Choices = "choices";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Reminders);

    public async Task<IReadOnlySet<string>> AnnouncedAsync(CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Announced, "last", cancellationToken: cancellationToken);
        var ids = row.HasValue ? StorageJson.Read<string[]?>(row.Value!.GetString("UpdateIds") ?? "[]", null) ?? [] : [];
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    public Task SaveAnnouncedAsync(IReadOnlyCollection<string> updateIds, DateTimeOffset at, CancellationToken cancellationToken) =>
        // At most 200 ids of 25 characters: well inside one string column (32K characters).
        Table.UpsertEntityAsync(new TableEntity(Announced, "last")
        {
            ["UpdateIds"] = StorageJson.Write(updateIds),
            ["At"] = at,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(Claims, key) { ["At"] = at }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public Task ReleaseAsync(string key, CancellationToken cancellationToken) => Table.DeleteEntityAsync(Claims, key, ETag.All, cancellationToken);

    public async Task<bool> WantsReviewMailAsync(string personId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Choices, personId, cancellationToken: cancellationToken);
        return !row.HasValue || (row.Value!.GetBoolean("ReviewMail") ?? true);
    }

    public Task SaveReviewMailAsync(string personId, bool wanted, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Choices, personId) { ["ReviewMail"] = wanted }, TableUpdateMode.Replace, cancellationToken);
}
