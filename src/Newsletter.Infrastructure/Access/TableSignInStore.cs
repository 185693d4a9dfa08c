using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core.Access;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Access;

/// <summary>
/// Sign-in requests in <c>signinattempts</c> (partition = person id, row = attempt id; link and code as
/// SHA-256 hashes only) and the record of sign-ins in <c>signinlog</c> (partition = person id, row =
/// inverted ticks, so a partition reads newest first).
/// </summary>
public sealed class TableSignInStore(StorageClients clients, TimeProvider time) : ISignInStore
{
    /// <summary>Requests older than this are deleted when the person's requests are next counted.</summary>
    private static readonly TimeSpan KeepAttempts = TimeSpan.FromDays(1);

    private TableClient Attempts => clients.Tables.GetTableClient(StorageNames.Tables.SignInAttempts);
    private TableClient Log => clients.Tables.GetTableClient(StorageNames.Tables.SignInLog);

    public Task AddAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken) =>
        Attempts.AddEntityAsync(ToEntity(attempt), cancellationToken);

    public async Task<SignInAttempt?> GetAttemptAsync(string personId, string attemptId, CancellationToken cancellationToken)
    {
        var entity = await Attempts.GetEntityIfExistsAsync<TableEntity>(personId, attemptId, cancellationToken: cancellationToken);
        return entity.HasValue ? ToAttempt(entity.Value!) : null;
    }

    public async Task<bool> TrySaveAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            await Attempts.UpdateEntityAsync(ToEntity(attempt), attempt.Version is null ? ETag.All : new ETag(attempt.Version), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task<AttemptCount> CountAttemptsSinceAsync(string personId, DateTimeOffset since, string? clientHash, CancellationToken cancellationToken)
    {
        var count = 0;
        var fromClient = 0;
        var stale = new List<TableEntity>();
        var keepFrom = time.GetUtcNow() - KeepAttempts;
        await foreach (var entity in Attempts.QueryAsync<TableEntity>(e => e.PartitionKey == personId, select: ["PartitionKey", "RowKey", "CreatedAt", "ClientHash"], cancellationToken: cancellationToken))
        {
            var created = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue;
            if (created > since)
            {
                count++;
                fromClient += string.Equals(entity.GetString("ClientHash"), clientHash, StringComparison.Ordinal) ? 1 : 0;
            }
            else if (created < keepFrom)
            {
                stale.Add(entity);
            }
        }

        foreach (var batch in stale.Chunk(100))
        {
            await Attempts.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }

        return new AttemptCount(count, fromClient);
    }

    public Task RecordAsync(SignInRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = (DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        return Log.AddEntityAsync(new TableEntity(record.PersonId, row)
        {
            ["Address"] = record.Address,
            ["At"] = record.At,
            ["Method"] = record.Method.ToString(),
            ["ClientHash"] = record.ClientHash,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SignInRecord>> ListRecordsAsync(string personId, int max, CancellationToken cancellationToken)
    {
        var result = new List<SignInRecord>();
        await foreach (var entity in Log.QueryAsync<TableEntity>(e => e.PartitionKey == personId, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            result.Add(new SignInRecord(entity.PartitionKey, entity.GetString("Address") ?? string.Empty, entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                Enum.TryParse<SignInMethod>(entity.GetString("Method"), out var method) ? method : SignInMethod.Link, entity.GetString("ClientHash")));
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    private static TableEntity ToEntity(SignInAttempt attempt) => new(attempt.PersonId, attempt.Id)
    {
        ["CreatedAt"] = attempt.CreatedAt,
        ["ExpiresAt"] = attempt.ExpiresAt,
        ["LinkHash"] = attempt.LinkHash,
        ["CodeHash"] = attempt.CodeHash,
        ["FailedCodes"] = attempt.FailedCodes,
        ["ClientHash"] = attempt.ClientHash,
        ["UsedAt"] = attempt.UsedAt,
        ["MailedAt"] = attempt.MailedAt,
    };

    private static SignInAttempt ToAttempt(TableEntity entity) => new()
    {
        PersonId = entity.PartitionKey,
        Id = entity.RowKey,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        ExpiresAt = entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        LinkHash = entity.GetString("LinkHash"),
        CodeHash = entity.GetString("CodeHash"),
        FailedCodes = entity.GetInt32("FailedCodes") ?? 0,
        ClientHash = entity.GetString("ClientHash"),
        UsedAt = entity.GetDateTimeOffset("UsedAt"),
        MailedAt = entity.GetDateTimeOffset("MailedAt"),
        Version = entity.ETag.ToString(),
    };
}
