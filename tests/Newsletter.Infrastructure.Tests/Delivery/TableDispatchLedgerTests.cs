using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Delivery;

/// <summary>The ledger's rows on Azurite: remainders with their recipients, transactions within the service's limits.</summary>
[Collection(AzuriteCollection.Name)]
public class TableDispatchLedgerTests(AzuriteFixture azurite)
{
    private static DispatchChunk Remainder(int bucket, int readers, Func<int, string> address, Func<int, string?> name)
    {
        var recipients = Enumerable.Range(0, readers).Select(i => new Recipient($"{(bucket * 10_000) + i:x32}", address(i), name(i))).ToArray();
        return new DispatchChunk
        {
            EditionId = "daily-20261130T0700", Bucket = bucket, Number = 3, VariantKey = "all", Kind = ChunkKind.Remainder,
            ReaderIds = recipients.Select(r => r.Id).ToArray(), Recipients = recipients,
        };
    }

    [Fact]
    public async Task Remainders_WithLongAddresses_AreWrittenInTransactionsUnderTheLimit_AndReadBackInBucketOrder()
    {
        var ledger = new TableDispatchLedger(await azurite.NewProvisionedAccountAsync());
        // 20 remainders of 999 readers with 254-character addresses and long names: ~7 MB, more than one
        // transaction (4 MB) may carry, and more than one 64 KB column per row.
        var rows = Enumerable.Range(0, 20).Select(b => Remainder(b, 999,
            i => $"{new string('a', 64 - 1)}{i % 10}@{new string('d', 181)}.example",
            i => i % 3 == 0 ? null : i % 3 == 1 ? $"Dr. Ünïcødé Name {i} {new string('n', 80)}" : $"名前 {i} {new string('名', 300)}")).Reverse().ToArray();
        Assert.All(rows, r => Assert.Equal(254, r.Recipients[0].Address.Length));

        var added = await ledger.AddAsync(rows, CancellationToken.None);

        Assert.All(added, c => Assert.NotNull(c.ETag));
        var read = new List<DispatchChunk>();
        await foreach (var chunk in ledger.ListRemaindersAsync("daily-20261130T0700", "all", CancellationToken.None))
        {
            read.Add(chunk);
        }

        Assert.Equal(Enumerable.Range(0, 20), read.Select(c => c.Bucket));
        foreach (var chunk in read)
        {
            var written = rows.Single(r => r.Bucket == chunk.Bucket);
            Assert.Equal(written.ReaderIds, chunk.ReaderIds);
            Assert.Equal(written.Recipients, chunk.Recipients);
        }
    }

    [Fact]
    public async Task MergingARemainder_DropsItsRecipients_AndStatusSummariesCarryNoReaders()
    {
        var ledger = new TableDispatchLedger(await azurite.NewProvisionedAccountAsync());
        var remainder = (await ledger.AddAsync([Remainder(5, 3, i => $"r{i}@example.org", _ => "Name")], CancellationToken.None))[0];

        await ledger.MarkMergedAsync(remainder.EditionId, "all", DateTimeOffset.UtcNow, CancellationToken.None);
        await ledger.MarkMergedAsync(remainder.EditionId, "all", DateTimeOffset.UtcNow, CancellationToken.None);

        // Changed since read: a conditional update is refused.
        Assert.Null(await ledger.TryUpdateAsync(remainder with { State = ChunkState.Formed }, CancellationToken.None));
        var stored = (await ledger.ListAsync(remainder.EditionId, 5, CancellationToken.None)).Single();
        Assert.Equal((ChunkState.Merged, 3, 0), (stored.State, stored.ReaderIds.Count, stored.Recipients.Count));
        var summaries = new List<ChunkSummary>();
        await foreach (var summary in ledger.SummarizeEditionAsync(remainder.EditionId, CancellationToken.None))
        {
            summaries.Add(summary);
        }

        Assert.Equal([new ChunkSummary(5, 3, "all", ChunkKind.Remainder, ChunkState.Merged, 3, 0)], summaries);
    }
}
