using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editorial;

namespace Newsletter.Core.Subscriptions.Transfer;

/// <summary>What an import did with each row of its file.</summary>
public enum ImportOutcome
{
    /// <summary>New, with consent evidence: active, the evidence kept as the consent record.</summary>
    ImportedActive,

    /// <summary>New, without evidence: pending, and the confirmation mail queued.</summary>
    ImportedPending,

    /// <summary>Imported pending by an earlier run that stopped before its confirmation mail: the mail queued now.</summary>
    ConfirmationQueued,

    AlreadyActive,
    AlreadyPending,

    /// <summary>Bounced or complained: never reactivated.</summary>
    Suppressed,

    /// <summary>Left or erased: the reader's own decision stands; only the reader can sign up again.</summary>
    Left,
}

/// <summary>An import's counts, one per <see cref="ImportOutcome"/>.</summary>
public sealed record ReaderImportReport(IReadOnlyDictionary<ImportOutcome, int> Counts)
{
    public int this[ImportOutcome outcome] => Counts.TryGetValue(outcome, out var n) ? n : 0;

    public int Rows => Counts.Values.Sum();

    public override string ToString() =>
        $"{this[ImportOutcome.ImportedActive]} imported active with their consent, {this[ImportOutcome.ImportedPending]} imported pending (confirmation mailed), " +
        $"{this[ImportOutcome.ConfirmationQueued]} confirmations of an earlier run queued, {this[ImportOutcome.AlreadyActive]} already active, " +
        $"{this[ImportOutcome.AlreadyPending]} already pending, {this[ImportOutcome.Suppressed]} bounced or complained (not reactivated), " +
        $"{this[ImportOutcome.Left]} unsubscribed or erased (not reactivated)";
}

/// <summary>
/// Imports readers from a checked CSV file (<see cref="ReaderCsv.Read"/>): rows with consent evidence become active readers
/// with that evidence, rows without it pending readers who get the confirmation mail (never a digest first); an address
/// already known is left as it is, so suppressed, unsubscribed and erased readers are never reactivated. Each bucket's new
/// readers are written in batches, then their confirmation mails queued, then counted as queued: a rerun after a stop at
/// any point writes nothing twice and queues each confirmation once. A queue failing part way is handled (the mails that
/// went are counted first); only a process killed between queuing a batch's mails and counting them leaves those few to be
/// queued again by the rerun.
/// </summary>
public sealed partial class ReaderCsvImport(
    IReaderStore store,
    ReaderIdentity identity,
    IMailJobPublisher mails,
    IAuditLog audit,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<ReaderCsvImport> logger)
{
    private const int BatchSize = 100;
    private const int BucketsAtOnce = 8;
    private const int MailsAtOnce = 16;

    /// <summary>Reads and checks a whole file against the configured topics; nothing is stored.</summary>
    public ReaderCsvFile Check(ReadOnlySpan<byte> content) => ReaderCsv.Read(content, options.Value.TopicList, time.GetUtcNow());

    /// <summary>
    /// Imports a checked file; <paramref name="progress"/> hears how many rows are done so far. Refuses a file with problems.
    /// Recorded in the audit log as <c>readers.imported</c> with the counts.
    /// </summary>
    public async Task<ReaderImportReport> ImportAsync(ReaderCsvFile file, string actor, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (!file.IsValid)
        {
            throw new ArgumentException($"The file has {file.ProblemCount} problems; nothing is imported until they are fixed.", nameof(file));
        }

        var now = time.GetUtcNow();
        var counts = new int[Enum.GetValues<ImportOutcome>().Length];
        var done = 0;
        var byBucket = file.Rows.Select(r => (Row: r, Key: identity.For(r.Address))).GroupBy(r => r.Key.Bucket).ToList();
        await Parallel.ForEachAsync(byBucket, new ParallelOptions { MaxDegreeOfParallelism = BucketsAtOnce, CancellationToken = cancellationToken },
            async (bucket, ct) => await ImportBucketAsync(bucket.Key, [.. bucket], now, outcome => Interlocked.Increment(ref counts[(int)outcome]),
                rows => progress?.Report(Interlocked.Add(ref done, rows)), ct));

        var report = new ReaderImportReport(Enum.GetValues<ImportOutcome>().ToDictionary(o => o, o => counts[(int)o]));
        var digest = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', file.Rows.Select(r => r.Address.Key)))))[..16];
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(AuditActions.ReadersImported, digest, actor, now.ToString("O")), now, actor,
            AuditActions.ReadersImported, "readers", $"Imported a CSV file of {file.Rows.Count} readers: {report}", []), cancellationToken);
        LogImported(file.Rows.Count, report.ToString());
        return report;
    }

    private async Task ImportBucketAsync(int bucket, List<(ReaderCsvRow Row, ReaderKey Key)> rows, DateTimeOffset now, Action<ImportOutcome> count,
        Action<int> tick, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Key.Id).ToHashSet(StringComparer.Ordinal);
        var known = new Dictionary<string, Reader>(StringComparer.Ordinal);
        await foreach (var reader in store.ListBucketAsync(bucket, cancellationToken))
        {
            if (ids.Contains(reader.Id))
            {
                known[reader.Id] = reader;
            }
        }

        var notice = options.Value.PrivacyNoticeVersion;
        var unmailed = new List<Reader>();
        var fresh = new List<Reader>();
        foreach (var (row, key) in rows)
        {
            if (!known.TryGetValue(key.Id, out var reader))
            {
                fresh.Add(Reader.Imported(key, row.Address.Address, row.Choices, row.Consent, notice, now));
            }
            else if (reader.AwaitsImportConfirmationMail)
            {
                unmailed.Add(reader);
            }
            else
            {
                count(Standing(reader));
            }
        }

        tick(rows.Count - fresh.Count - unmailed.Count);
        foreach (var batch in fresh.Chunk(BatchSize))
        {
            var written = await WriteNewAsync(batch, count, cancellationToken);
            foreach (var reader in written.Where(r => r.State == ReaderState.Active))
            {
                count(ImportOutcome.ImportedActive);
            }

            await MailAsync([.. written.Where(r => r.AwaitsImportConfirmationMail)], ImportOutcome.ImportedPending, count, now, cancellationToken);
            tick(batch.Length);
        }

        foreach (var batch in unmailed.Chunk(BatchSize))
        {
            await MailAsync(batch, ImportOutcome.ConfirmationQueued, count, now, cancellationToken);
            tick(batch.Length);
        }
    }

    /// <summary>
    /// Inserts a batch of new readers at once; should someone have signed up meanwhile (a conflict), one by one, leaving
    /// each address already taken as it now is. Returns the readers written.
    /// </summary>
    private async Task<IReadOnlyList<Reader>> WriteNewAsync(Reader[] batch, Action<ImportOutcome> count, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveBatchAsync(batch, cancellationToken);
            return batch;
        }
        catch (ConflictException)
        {
            var written = new List<Reader>();
            foreach (var reader in batch)
            {
                reader.ETag = null;
                try
                {
                    await store.SaveAsync(reader, cancellationToken);
                    written.Add(reader);
                }
                catch (ConflictException)
                {
                    var now = await store.GetAsync(reader.Id, reader.Bucket, cancellationToken);
                    count(now is null ? ImportOutcome.AlreadyPending : Standing(now));
                }
            }

            return written;
        }
    }

    /// <summary>
    /// Queues the confirmation mail of each reader, then counts it as queued on the reader, so no rerun queues it again.
    /// Should the queue fail part way, the mails that did go are counted before the failure is passed on.
    /// </summary>
    private async Task MailAsync(Reader[] readers, ImportOutcome outcome, Action<ImportOutcome> count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (readers.Length == 0)
        {
            return;
        }

        var queued = new System.Collections.Concurrent.ConcurrentBag<Reader>();
        Exception? failure = null;
        try
        {
            await Parallel.ForEachAsync(readers, new ParallelOptions { MaxDegreeOfParallelism = MailsAtOnce, CancellationToken = cancellationToken },
                async (reader, _) =>
                {
                    // A cancelled send may still have reached the queue, unknown to us: once started, a send is seen through.
                    await mails.EnqueueAsync(new MailJob(MailKind.Confirm, reader.Id, now), CancellationToken.None);
                    queued.Add(reader);
                });
        }
#pragma warning disable CA1031 // Whatever stopped the queue, the mails already queued are recorded first; the failure is rethrown below.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        Reader[] done = [.. queued];
        foreach (var reader in done)
        {
            reader.CountImportConfirmationMail(now);
        }

        // Not cancelled with the import: a mail that went must be counted, or the rerun would queue it again.
        try
        {
            await store.SaveBatchAsync(done, CancellationToken.None);
        }
        catch (ConflictException)
        {
            // Someone changed one of them meanwhile (confirmed already, say): count the others one by one; that one needs nothing more.
            foreach (var reader in done)
            {
                try
                {
                    await store.SaveAsync(reader, CancellationToken.None);
                }
                catch (ConflictException)
                {
                    LogChangedMeanwhile(reader.Id);
                }
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        foreach (var _ in done)
        {
            count(outcome);
        }
    }

    private static ImportOutcome Standing(Reader reader) => reader.State switch
    {
        ReaderState.Active => ImportOutcome.AlreadyActive,
        ReaderState.Pending => ImportOutcome.AlreadyPending,
        ReaderState.Bounced or ReaderState.Complained => ImportOutcome.Suppressed,
        _ => ImportOutcome.Left,
    };

    [LoggerMessage(LogLevel.Information, "Imported a CSV file of {Rows} readers: {Report}")]
    private partial void LogImported(int rows, string report);

    [LoggerMessage(LogLevel.Information, "Reader {ReaderId} changed while their imported confirmation was queued; left as it is")]
    private partial void LogChangedMeanwhile(string readerId);
}
