using System.Globalization;
using System.Text;
using CsvHelper;
using Newsletter.Core.Editorial;

namespace Newsletter.Core.Subscriptions.Transfer;

/// <summary>
/// The CSV export of the active readers with their consent records, in the columns <see cref="ReaderCsv"/> reads (so an
/// export imports elsewhere as it is), bucket by bucket, streamed. Each export is recorded in the audit log as
/// <c>readers.exported</c> with who, when and how many: it hands out personal data.
/// </summary>
public sealed class ReaderCsvExport(IReaderStore store, IAuditLog audit, TimeProvider time)
{
    /// <summary>Writes the file (UTF-8 with BOM, so spreadsheets read it as UTF-8) and returns how many readers it holds.</summary>
    public async Task<int> WriteAsync(Stream output, string actor, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var count = 0;
        await using (var writer = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true))
        await using (var csv = new CsvWriter(writer, ReaderCsv.Configuration()))
        {
            foreach (var column in ReaderCsv.Columns)
            {
                csv.WriteField(column);
            }

            await csv.NextRecordAsync();
            for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
            {
                await foreach (var reader in store.ListBucketAsync(bucket, cancellationToken))
                {
                    if (reader is not { State: ReaderState.Active, Address: { } address })
                    {
                        continue;
                    }

                    Write(csv, reader, address);
                    await csv.NextRecordAsync();
                    count++;
                }

                progress?.Report(bucket + 1);
            }
        }

        var now = time.GetUtcNow();
        await audit.RecordAsync(new AuditEntry(AuditEntry.IdFor(AuditActions.ReadersExported, actor, now.ToString("O")), now, actor,
            AuditActions.ReadersExported, "readers", $"Exported the {count} active readers with their consent records as CSV", []), cancellationToken);
        return count;
    }

    private static void Write(CsvWriter csv, Reader reader, string address)
    {
        var consent = reader.Consent;
        csv.WriteField(address);
        csv.WriteField(reader.Name ?? string.Empty);
        csv.WriteField(string.Join(ReaderCsv.TopicSeparator, reader.Topics));
        csv.WriteField(reader.Frequency.ToString().ToLowerInvariant());
        csv.WriteField(reader.Paused ? "true" : "false");
        // The moment consent was complete: the confirmation of a double opt-in, or the date an imported record gave.
        csv.WriteField(Date(consent?.ConfirmedAt ?? consent?.SubmittedAt));
        csv.WriteField(consent is null ? string.Empty : consent.Source ?? $"signup form {consent.FormVersion}, confirmed by mail (double opt-in)");
        csv.WriteField(consent?.PrivacyNoticeVersion ?? string.Empty);
        csv.WriteField(Date(consent?.SubmittedAt));
        csv.WriteField(Date(consent?.ConfirmedAt));
        csv.WriteField(consent?.FormVersion ?? string.Empty);
    }

    private static string Date(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;
}
