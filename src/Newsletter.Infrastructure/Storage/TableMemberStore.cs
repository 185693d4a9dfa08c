using Azure;
using Azure.Data.Tables;
using Newsletter.Core;
using Newsletter.Core.Members;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// Members in the <c>members</c> table: one partition (there are hundreds at most), row key = member id,
/// keys and topics as JSON columns. Only hashes of API keys are stored.
/// </summary>
public sealed class TableMemberStore(StorageClients clients) : IMemberStore
{
    private const string Partition = "member";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Members);

    public async Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, memberId, cancellationToken: cancellationToken);
        return entity.HasValue ? ToMember(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<Member>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            result.Add(ToMember(entity));
        }

        return result;
    }

    public async Task<bool> TryAddAsync(Member member, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(member), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task SaveAsync(Member member, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(member), member.Version is null ? ETag.All : new ETag(member.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 409)
        {
            throw new ConflictException($"Member '{member.Id}' changed meanwhile.");
        }
    }

    private static TableEntity ToEntity(Member member) => new(Partition, member.Id)
    {
        ["DisplayName"] = member.DisplayName,
        ["AllowedTopics"] = StorageJson.Write(member.AllowedTopics),
        ["AutoPublish"] = member.AutoPublish,
        ["Keys"] = StorageJson.Write(member.Keys),
        ["CreatedAt"] = member.CreatedAt,
    };

    private static Member ToMember(TableEntity entity) => new()
    {
        Id = entity.RowKey,
        DisplayName = entity.GetString("DisplayName") ?? entity.RowKey,
        AllowedTopics = StorageJson.Read<string[]>(entity.GetString("AllowedTopics"), []),
        AutoPublish = entity.GetBoolean("AutoPublish") ?? false,
        Keys = StorageJson.Read<MemberApiKey[]>(entity.GetString("Keys"), []),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        Version = entity.ETag.ToString(),
    };
}
