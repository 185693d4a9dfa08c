using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Subscriptions;

/// <summary>
/// Readers in the <c>readers</c> table: partition = bucket (<c>00</c>-<c>63</c>), row = reader id
/// (the salted hash of the canonical address). The schema is described in <c>docs/storage.md</c>.
/// </summary>
public sealed class TableReaderStore(StorageClients clients) : IReaderStore
{
    /// <summary>Raised when the row layout changes, so old rows can be recognised.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private TableClient Table => clients.Tables.GetTableClient(StorageNames.Tables.Readers);

    public static string PartitionOf(int bucket) => bucket.ToString("D2", CultureInfo.InvariantCulture);

    public async Task<Reader?> GetAsync(string id, int bucket, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(bucket), id, cancellationToken: cancellationToken);
        return row.HasValue ? ToReader(row.Value!) : null;
    }

    public async Task SaveAsync(Reader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entity = ToEntity(reader);
        try
        {
            var response = reader.ETag is null
                ? await Table.AddEntityAsync(entity, cancellationToken)
                : await Table.UpdateEntityAsync(entity, new ETag(reader.ETag), TableUpdateMode.Replace, cancellationToken);
            reader.ETag = response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConflictException($"Reader {reader.Id} was changed by someone else.", ex);
        }
    }

    public async Task SaveBatchAsync(IReadOnlyList<Reader> readers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readers);
        if (readers.Count == 0)
        {
            return;
        }

        if (readers.Count > 100 || readers.Any(r => r.Bucket != readers[0].Bucket))
        {
            throw new ArgumentException("A batch holds at most 100 readers, all of one bucket.", nameof(readers));
        }

        var actions = readers.Select(r => r.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(r), new ETag(r.ETag))).ToList();
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            for (var i = 0; i < readers.Count; i++)
            {
                readers[i].ETag = response.Value[i].Headers.ETag?.ToString();
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConflictException($"A reader of bucket {readers[0].Bucket} was changed by someone else.", ex);
        }
    }

    public async IAsyncEnumerable<Reader> ListBucketAsync(int bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = PartitionOf(bucket);
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            yield return ToReader(row);
        }
    }

    internal static TableEntity ToEntity(Reader reader) => new(PartitionOf(reader.Bucket), reader.Id)
    {
        ["SchemaVersion"] = SchemaVersion,
        ["State"] = reader.State.ToString(),
        ["StateChangedAt"] = reader.StateChangedAt,
        ["CreatedAt"] = reader.CreatedAt,
        ["PendingSince"] = reader.PendingSince,
        ["LinksValidSince"] = reader.LinksValidSince,
        ["Address"] = reader.Address,
        ["Name"] = reader.Name,
        ["Topics"] = reader.Topics.Count == 0 ? null : string.Join('\n', reader.Topics),
        ["Frequency"] = reader.Frequency.ToString(),
        ["Paused"] = reader.Paused,
        ["ConsentSubmittedAt"] = reader.Consent?.SubmittedAt,
        ["ConsentFormVersion"] = reader.Consent?.FormVersion,
        ["ConsentPrivacyNoticeVersion"] = reader.Consent?.PrivacyNoticeVersion,
        ["ConsentIpHash"] = reader.Consent?.IpHash,
        ["ConsentUserAgent"] = reader.Consent?.UserAgent,
        ["ConsentConfirmedAt"] = reader.Consent?.ConfirmedAt,
        ["ConsentSource"] = reader.Consent?.Source,
        ["ConfirmationWindowStart"] = reader.ConfirmationWindowStart,
        ["ConfirmationMails"] = reader.ConfirmationMails,
        ["LastNoticeAt"] = reader.LastNoticeAt,
        ["History"] = JsonSerializer.Serialize(reader.History, Json),
    };

    internal static Reader ToReader(TableEntity row)
    {
        var history = JsonSerializer.Deserialize<List<StateChange>>(row.GetString("History") ?? "[]", Json) ?? [];
        var choices = new ReaderChoices(
            row.GetString("Name"),
            row.GetString("Topics") is { Length: > 0 } topics ? topics.Split('\n') : [],
            Enum.TryParse<Frequency>(row.GetString("Frequency"), out var frequency) ? frequency : Frequency.Weekly,
            row.GetBoolean("Paused") ?? false);
        var consent = row.GetDateTimeOffset("ConsentSubmittedAt") is { } submitted
            ? new ConsentRecord(submitted, row.GetString("ConsentFormVersion") ?? string.Empty, row.GetString("ConsentPrivacyNoticeVersion") ?? string.Empty,
                row.GetString("ConsentIpHash"), row.GetString("ConsentUserAgent"), row.GetDateTimeOffset("ConsentConfirmedAt"),
                row.GetString("ConsentSource"))
            : null;
        return Reader.Restore(new ReaderRecord(
            row.RowKey,
            int.Parse(row.PartitionKey, CultureInfo.InvariantCulture),
            Enum.Parse<ReaderState>(row.GetString("State")),
            row.GetDateTimeOffset("CreatedAt")!.Value,
            row.GetDateTimeOffset("StateChangedAt")!.Value,
            row.GetDateTimeOffset("PendingSince"),
            row.GetDateTimeOffset("LinksValidSince"),
            row.GetString("Address"),
            choices,
            consent,
            row.GetDateTimeOffset("ConfirmationWindowStart"),
            row.GetInt32("ConfirmationMails") ?? 0,
            row.GetDateTimeOffset("LastNoticeAt"),
            history,
            row.ETag.ToString()));
    }
}
