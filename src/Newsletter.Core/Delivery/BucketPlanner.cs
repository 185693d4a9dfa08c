using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// Plans and sends one reader bucket of an edition, in one pass over the bucket's readers in key order.
/// Until the bucket is planned, mailable readers not yet in a chunk are collected per variant, and each
/// time a variant has a full chunk it is written to the ledger and sent while the pass goes on, so
/// memory holds at most one open chunk per variant and the requests in flight. What is left per variant
/// becomes a remainder (with the recipients' addresses, as the merge never reads the readers again), then
/// the bucket is marked planned. Chunks formed by an earlier delivery and not yet accepted are sent again
/// with their readers as they are now (left, erased or bounced readers are left out).
/// </summary>
public sealed class BucketPlanner(
    IReaderStore readers,
    IDispatchLedger ledger,
    ChunkSender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider time)
{
    public async Task<DispatchOutcome> SendAsync(Edition edition, DispatchRequest request, DispatchProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(request);
        var bucket = request.Bucket;
        var variants = edition.Variants.ToDictionary(v => v.Key, StringComparer.Ordinal);
        var size = options.Value.ChunkSize;
        var existing = await ledger.ListAsync(edition.Id, bucket, cancellationToken);
        var planned = (await ledger.MarksAsync(edition.Id, cancellationToken)).PlannedBuckets.ContainsKey(bucket);
        var covered = planned ? null : existing.SelectMany(c => c.ReaderIds).ToHashSet(StringComparer.Ordinal);
        var waiting = existing.Where(c => c.Kind == ChunkKind.Bucket && !c.IsFinal).ToArray();
        var wanted = waiting.SelectMany(c => c.ReaderIds).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, Recipient>(StringComparer.Ordinal);
        var open = new Dictionary<string, List<Recipient>>(StringComparer.Ordinal);
        var next = existing.Count == 0 ? 0 : existing.Max(c => c.Number) + 1;
        using var pass = sender.Begin(edition, progress);
        foreach (var chunk in existing.Where(c => c.Kind == ChunkKind.Bucket && c.IsFinal))
        {
            pass.Count(chunk);
        }

        var noVariant = 0;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var reader in readers.ListBucketAsync(bucket, cancellationToken))
            {
                if (!reader.IsMailable || reader.Frequency != edition.Frequency)
                {
                    continue;
                }

                if (wanted.Contains(reader.Id))
                {
                    found[reader.Id] = DigestMessageFactory.RecipientOf(reader);
                }

                if (covered is null || covered.Contains(reader.Id))
                {
                    continue;
                }

                var key = VariantOf(reader.Topics, keys);
                if (!variants.TryGetValue(key, out var variant))
                {
                    // Chose a topic set no reader had when the edition was composed: nothing was rendered for it.
                    noVariant++;
                    continue;
                }

                if (variant.Skipped)
                {
                    continue;
                }

                if (!open.TryGetValue(key, out var list))
                {
                    open[key] = list = new List<Recipient>(Math.Min(size, 1000));
                }

                list.Add(DigestMessageFactory.RecipientOf(reader));
                if (list.Count == size)
                {
                    open.Remove(key);
                    var formed = (await ledger.AddAsync([NewChunk(edition.Id, bucket, next++, key, ChunkKind.Bucket, list.Select(r => r.Id).ToArray())], cancellationToken))[0];
                    await pass.SendAsync(formed, list, cancellationToken);
                }
            }

            foreach (var chunk in waiting)
            {
                var recipients = chunk.ReaderIds.Select(id => found.GetValueOrDefault(id)).OfType<Recipient>().ToArray();
                await pass.SendAsync(chunk, recipients, cancellationToken);
            }

            if (!planned)
            {
                var remainders = open.OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => NewChunk(edition.Id, bucket, next++, o.Key, ChunkKind.Remainder, o.Value.Select(r => r.Id).ToArray()) with { Recipients = o.Value })
                    .ToArray();
                if (remainders.Length > 0)
                {
                    await ledger.AddAsync(remainders, cancellationToken);
                }

                // Insert only: a duplicate delivery that planned first makes this throw, and what this one
                // formed (numbered above the other's last) stays out of the edition.
                await ledger.MarkPlannedAsync(edition.Id, bucket, next - 1, time.GetUtcNow(), cancellationToken);
            }
        }
        finally
        {
            await pass.DrainAsync();
        }

        await pass.WhenAllAsync();
        return pass.Outcome(request, noVariant);
    }

    private DispatchChunk NewChunk(string editionId, int bucket, int number, string variantKey, ChunkKind kind, IReadOnlyList<string> readerIds) => new()
    {
        EditionId = editionId, Bucket = bucket, Number = number, VariantKey = variantKey, Kind = kind,
        ReaderIds = readerIds, UpdatedAt = time.GetUtcNow(),
    };

    /// <summary>The variant key of a topic set as stored, computed once per distinct set in a pass (a bucket holds few of them).</summary>
    private static string VariantOf(IReadOnlyList<string> topics, Dictionary<string, string> keys)
    {
        if (topics.Count == 0)
        {
            return EditionComposer.VariantKey([]);
        }

        var stored = string.Join('\n', topics);
        if (!keys.TryGetValue(stored, out var key))
        {
            keys[stored] = key = EditionComposer.VariantKey(EditionComposer.NormalizeTopics(topics));
        }

        return key;
    }
}
