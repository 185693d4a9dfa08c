namespace Newsletter.Core.Delivery;

/// <summary>An edition's dispatch as the ledger records it: sent, failed, unknown and pending recipients.</summary>
public sealed class DispatchStatusReport(IDispatchLedger ledger)
{
    public async Task<DispatchStatus> StatusAsync(string editionId, CancellationToken cancellationToken)
    {
        var counts = new ChunkCounts();
        // Per variant: readers kept in remainders, and readers already in merged chunks (which count them
        // from then on); the difference is still waiting for its merged chunk to be formed.
        var remainders = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        var marks = await ledger.MarksAsync(editionId, cancellationToken);
        await foreach (var chunk in ledger.SummarizeEditionAsync(editionId, cancellationToken))
        {
            if (chunk.Kind == ChunkKind.Remainder)
            {
                if (marks.PlannedBuckets.TryGetValue(chunk.Bucket, out var last) && chunk.Number > last)
                {
                    // Formed by a late duplicate delivery after its bucket was planned: not part of the edition.
                    continue;
                }

                remainders[chunk.VariantKey] = remainders.GetValueOrDefault(chunk.VariantKey) + chunk.Count;
                continue;
            }

            if (chunk.Kind == ChunkKind.Merged)
            {
                merged[chunk.VariantKey] = merged.GetValueOrDefault(chunk.VariantKey) + chunk.Count;
            }

            counts.Add(chunk.State, chunk.Count, chunk.UnknownResends);
        }

        counts.AddWaiting(remainders.Sum(r => Math.Max(0, r.Value - merged.GetValueOrDefault(r.Key))));
        return new DispatchStatus(editionId, marks.Started, counts)
        {
            IncompleteBuckets = marks.IncompleteBuckets,
            IncompleteMerges = marks.IncompleteMerges,
            AllPlanned = marks.AllPlanned,
        };
    }
}
