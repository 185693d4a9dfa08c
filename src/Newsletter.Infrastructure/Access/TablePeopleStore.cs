using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Access;

/// <summary>
/// People in the <c>people</c> table: partition = person id (a keyed hash of the address), one row per
/// role: <c>editor</c> and <c>contact</c> (a person is a contact of one member at most). One partition
/// read gives a person with every role.
/// </summary>
public sealed class TablePeopleStore(StorageClients clients) : IPeopleStore
{
    private const string EditorRow = "editor";
    private const string ContactRow = "contact";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.People);

    public Task SaveEditorAsync(Editor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(editor);
        return Table.UpsertEntityAsync(new TableEntity(editor.PersonId, EditorRow)
        {
            ["Address"] = editor.Address,
            ["IsAdmin"] = editor.IsAdmin,
            ["AddedAt"] = editor.AddedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public Task<bool> RemoveEditorAsync(string personId, CancellationToken cancellationToken) => DeleteAsync(personId, EditorRow, cancellationToken);

    public async Task<IReadOnlyList<Editor>> ListEditorsAsync(CancellationToken cancellationToken)
    {
        var result = new List<Editor>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.RowKey == EditorRow, cancellationToken: cancellationToken))
        {
            result.Add(ToEditor(entity));
        }

        return result.OrderBy(e => e.Address, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public Task SaveContactAsync(MemberContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Table.UpsertEntityAsync(new TableEntity(contact.PersonId, ContactRow)
        {
            ["MemberId"] = contact.MemberId,
            ["Address"] = contact.Address,
            ["IsAdmin"] = contact.IsAdmin,
            ["AddedAt"] = contact.AddedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> RemoveContactAsync(string personId, string memberId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(personId, ContactRow, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("MemberId") != memberId)
        {
            return false;
        }

        try
        {
            var response = await Table.DeleteEntityAsync(personId, ContactRow, row.Value.ETag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<MemberContact>> ListContactsAsync(string memberId, CancellationToken cancellationToken)
    {
        var result = new List<MemberContact>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"RowKey eq {ContactRow} and MemberId eq {memberId}"), cancellationToken: cancellationToken))
        {
            result.Add(ToContact(entity));
        }

        return result.OrderBy(c => c.Address, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<Person?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        if (!PersonIds.IsValid(personId))
        {
            return null;
        }

        Editor? editor = null;
        MemberContact? contact = null;
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == personId, cancellationToken: cancellationToken))
        {
            switch (entity.RowKey)
            {
                case EditorRow:
                    editor = ToEditor(entity);
                    break;
                case ContactRow:
                    contact = ToContact(entity);
                    break;
            }
        }

        var address = editor?.Address ?? contact?.Address;
        return address is null ? null : new Person(personId, address, editor, contact);
    }

    private async Task<bool> DeleteAsync(string partition, string row, CancellationToken cancellationToken)
    {
        // The SDK answers a delete of a missing row without throwing; its status tells.
        var response = await Table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        return response.Status != 404;
    }

    private static Editor ToEditor(TableEntity entity) => new(entity.PartitionKey, entity.GetString("Address") ?? string.Empty,
        entity.GetBoolean("IsAdmin") ?? false, entity.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.MinValue);

    private static MemberContact ToContact(TableEntity entity) => new(entity.PartitionKey, entity.GetString("MemberId") ?? string.Empty,
        entity.GetString("Address") ?? string.Empty, entity.GetBoolean("IsAdmin") ?? false, entity.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.MinValue);
}
