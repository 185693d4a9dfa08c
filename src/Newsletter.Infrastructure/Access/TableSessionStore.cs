using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Access;

/// <summary>Sessions in the <c>sessions</c> table: partition = the SHA-256 of the cookie secret, one row each.</summary>
public sealed class TableSessionStore(StorageClients clients) : ISessionStore
{
    private const string Row = "session";
    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Sessions);

    public Task AddAsync(Session session, CancellationToken cancellationToken) => Table.AddEntityAsync(ToEntity(session), cancellationToken);

    public async Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(sessionId, Row, cancellationToken: cancellationToken);
        return entity.HasValue ? ToSession(entity.Value!) : null;
    }

    public async Task SaveAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await Table.UpdateEntityAsync(ToEntity(session), session.Version is null ? ETag.All : new ETag(session.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Changed meanwhile: a revocation must still win over a last-use update read before it.
            if (session.RevokedAt is not null)
            {
                await Table.UpdateEntityAsync(new TableEntity(session.Id, Row) { ["RevokedAt"] = session.RevokedAt }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }

    public async Task RevokeAllAsync(string personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await foreach (var entity in Table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PersonId eq {personId}"), select: ["PartitionKey", "RevokedAt"], cancellationToken: cancellationToken))
        {
            if (entity.GetDateTimeOffset("RevokedAt") is null)
            {
                await Table.UpdateEntityAsync(new TableEntity(entity.PartitionKey, Row) { ["RevokedAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
        }
    }

    private static TableEntity ToEntity(Session session) => new(session.Id, Row)
    {
        ["PersonId"] = session.PersonId,
        ["CreatedAt"] = session.CreatedAt,
        ["LastSeenAt"] = session.LastSeenAt,
        ["ExpiresAt"] = session.ExpiresAt,
        ["RevokedAt"] = session.RevokedAt,
    };

    private static Session ToSession(TableEntity entity) => new()
    {
        Id = entity.PartitionKey,
        PersonId = entity.GetString("PersonId") ?? string.Empty,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastSeenAt = entity.GetDateTimeOffset("LastSeenAt") ?? DateTimeOffset.MinValue,
        ExpiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        RevokedAt = entity.GetDateTimeOffset("RevokedAt"),
        Version = entity.ETag.ToString(),
    };
}
