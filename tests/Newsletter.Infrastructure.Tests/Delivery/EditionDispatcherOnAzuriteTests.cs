using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Tests.Delivery;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Infrastructure.Editions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;
using static Newsletter.Core.Tests.Delivery.DispatchWorld;

namespace Newsletter.Infrastructure.Tests.Delivery;

/// <summary>
/// The dispatch engine on Azurite: real ledger, readers, editions and templates, where the table ledger's own
/// queries and conditions decide (remainders, plans, forgetting); its rules on memory stores are in Core's EditionDispatcherTests.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class EditionDispatcherOnAzuriteTests(AzuriteFixture azurite)
{
    private async Task<DispatchWorld> CreateAsync()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        return new DispatchWorld(new TableReaderStore(clients), new TableEditionStore(clients), new TableUpdateStore(clients),
            new TableDispatchLedger(clients), new BlobTemplateStore(clients));
    }

    [Fact]
    public async Task Bucket_SendsEachMailableReaderOnce_InChunksPerVariant_WithTheirOwnLinksAndHeaders()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors", "research");
        var all = new List<Reader>();
        for (var i = 0; i < 4; i++)
        {
            all.Add(await w.ReaderAsync([], name: i == 0 ? "Jane <Doe>" : null));
        }

        var research = new List<Reader> { await w.ReaderAsync(["Research "]), await w.ReaderAsync(["research"]) };
        var fundingOnly = await w.ReaderAsync(["funding"]);
        var weekly = await w.ReaderAsync([], Frequency.Weekly);
        var edition = await w.ComposeAsync();
        var leftBeforeSend = await w.ReaderAsync([]);
        await w.MoveAsync(leftBeforeSend, ReaderState.Unsubscribed);
        await w.MoveAsync(all[3], ReaderState.Bounced);

        var merges = await w.DeliverAllAsync(edition);

        var expected = all.Take(3).Concat(research).Select(r => r.Id).Order().ToArray();
        Assert.Equal(expected, w.Sender.AcceptedReaders.Order().ToArray());
        // 3 "all topics" readers = one full chunk of 3 sent by bucket 7; the 2 research readers are its
        // remainder, sent by the research variant's merge; the funding variant matches no update.
        Assert.Equal([2, 3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count).Order().ToArray());
        Assert.Equal(edition.Variants.Count(v => !v.Skipped), merges.Count);
        Assert.All(merges, m => Assert.IsType<MergeRequest>(m));
        Assert.DoesNotContain(w.Sender.AcceptedReaders, id => id == fundingOnly.Id || id == weekly.Id);

        var message = w.Sender.Requests.Select(r => r.Message).Single(m => m.Personalizations.Count == 3);
        Assert.Equal(["daily", "digest"], message.Categories);
        Assert.Equal("Test Network <digest.news.example.org>", message.Headers["List-Id"]);
        Assert.Contains(ReaderPlaceholders.UnsubscribeUrl, message.Html, StringComparison.Ordinal);
        var jane = message.Personalizations.Single(p => p.Address == all[0].Address);
        Assert.Equal("Hello Jane Doe,", jane.Substitutions[ReaderPlaceholders.Greeting]);
        Assert.Equal(new Dictionary<string, string> { ["edition_id"] = edition.Id, ["reader_id"] = all[0].Id }, jane.CustomArgs);
        var unsubscribe = jane.Substitutions[ReaderPlaceholders.UnsubscribeUrl];
        Assert.StartsWith("https://news.example.org/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        Assert.Equal($"<{unsubscribe}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>", jane.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", jane.Headers["List-Unsubscribe-Post"]);
        var token = Uri.UnescapeDataString(unsubscribe[(unsubscribe.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(all[0].Id, w.Tokens.Verify(token, TokenPurpose.Unsubscribe).Claims!.Subject);
        Assert.DoesNotContain(message.Personalizations.SelectMany(p => p.CustomArgs.Values), v => v.Contains('@', StringComparison.Ordinal));
        var merged = w.Sender.Requests.Select(r => r.Message).Single(m => m.Personalizations.Count == 2);
        Assert.Equal(research.Select(r => r.Address).Order(), merged.Personalizations.Select(p => p.Address).Order());

        // Delivered again (duplicate messages): everything is sent, nothing goes out twice.
        var again = await w.Dispatcher().DispatchAsync(Bucket7(edition), null, CancellationToken.None);
        foreach (var merge in merges)
        {
            await w.DeliverAsync(merge);
        }

        Assert.Equal(2, w.Sender.Requests.Count);
        Assert.Equal(3, again.Sent);
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((2, 5, 0, 0, 0), (status.Chunks, status.Sent, status.Failed, status.Unknown, status.Pending));
    }

    [Fact]
    public async Task Remainders_AreMergedAcrossBuckets_OnlyOnceEveryBucketIsPlanned_AndThenForgetTheirAddresses()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new List<Reader>();
        foreach (var (bucket, count) in new[] { (3, 2), (7, 4), (9, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                readers.Add(await w.ReaderAsync([], bucket: bucket));
            }
        }

        var edition = await w.ComposeAsync();
        var merge = new MergeRequest(edition.Id, edition.Variants[0].Key);

        // A merge delivered before every bucket has formed its chunks sends nothing and is retried.
        await Assert.ThrowsAsync<InvalidOperationException>(() => w.Dispatcher().DispatchAsync(merge, null, CancellationToken.None));
        for (var bucket = 0; bucket < ReaderIdentity.Buckets - 1; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        Assert.Empty(w.Publisher.Messages);
        Assert.Equal([3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count));
        Assert.Equal(5, (await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None)).Pending);

        await w.DeliverAsync(new DispatchRequest(edition.Id, ReaderIdentity.Buckets - 1));
        Assert.Equal([merge], w.Publisher.Messages);
        await w.DeliverAsync(merge);
        await w.DeliverAsync(merge);

        // 8 readers in chunks of 3: 3 requests (2 + 4 + 2 per bucket would have been 4), each reader once.
        Assert.Equal([2, 3, 3], w.Sender.Requests.Select(r => r.Message.Personalizations.Count).Order());
        Assert.Equal(readers.Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((3, 8, 0), (status.Chunks, status.Sent, status.Pending));
        var remainders = new List<DispatchChunk>();
        await foreach (var remainder in w.Ledger.ListRemaindersAsync(edition.Id, edition.Variants[0].Key, CancellationToken.None))
        {
            remainders.Add(remainder);
        }

        Assert.Equal([3, 7, 9], remainders.Select(r => r.Bucket));
        Assert.All(remainders, r => Assert.Equal((ChunkState.Merged, 0), (r.State, r.Recipients.Count)));
    }

    [Fact]
    public async Task Status_CountsRemainderReaders_NotYetInAMergedChunk_AsPending()
    {
        var w = await CreateAsync();
        DispatchChunk Chunk(int bucket, ChunkKind kind, int from, int count, ChunkState state = ChunkState.Formed) => new()
        {
            EditionId = "daily-20261130T0700", Bucket = bucket, Number = 0, VariantKey = "all", Kind = kind, State = state,
            ReaderIds = Enumerable.Range(from, count).Select(i => $"{i:x32}").ToArray(),
        };

        // Two remainders of 3 and 4 readers; a merge crashed after forming (and sending) its first chunk of 5.
        await w.Ledger.AddAsync([Chunk(2, ChunkKind.Remainder, 0, 3), Chunk(9, ChunkKind.Remainder, 3, 4),
            Chunk(DispatchChunk.MergedBucket(0), ChunkKind.Merged, 0, 5, ChunkState.Sent)], CancellationToken.None);

        var status = await w.Dispatcher().StatusAsync("daily-20261130T0700", CancellationToken.None);

        Assert.Equal((1, 5, 2, 7), (status.Chunks, status.Sent, status.Pending, status.Recipients));
    }

    [Fact]
    public async Task BucketPlannedButMergesNotEnqueued_ItsRedeliveryEnqueuesThem_AndALateRemainderStaysOut()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new[] { await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 63) };
        var edition = await w.ComposeAsync();
        for (var bucket = 0; bucket < ReaderIdentity.Buckets - 1; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        // The last bucket plans, then fails to enqueue the merges: its redelivery does it.
        w.Publisher.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => w.Dispatcher().DispatchAsync(new DispatchRequest(edition.Id, 63), null, CancellationToken.None));
        Assert.Empty(w.Publisher.Messages);
        await w.DeliverAsync(new DispatchRequest(edition.Id, 63));
        var merge = Assert.Single(w.Publisher.Messages);
        await w.DeliverAsync(new DispatchRequest(edition.Id, 63));
        Assert.Single(w.Publisher.Messages);

        // A duplicate delivery that read the bucket before it was planned writes a remainder after it: left out.
        var late = await w.ReaderAsync([], bucket: 3);
        await w.Ledger.AddAsync([new DispatchChunk
        {
            EditionId = edition.Id, Bucket = 3, Number = 5, VariantKey = edition.Variants[0].Key,
            Kind = ChunkKind.Remainder, ReaderIds = [late.Id], Recipients = [new Recipient(late.Id, late.Address!, null)],
        }], CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => w.Ledger.MarkPlannedAsync(edition.Id, 3, 5, Seven, CancellationToken.None));
        await w.DeliverAsync(merge);

        Assert.Equal(readers.Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
        var status = await w.Dispatcher().StatusAsync(edition.Id, CancellationToken.None);
        Assert.Equal((2, 0), (status.Sent, status.Pending));
    }

    private async Task<(DispatchWorld World, Edition Edition, Reader[] Readers, DispatchWork Merge)> PlannedWithRemaindersAsync()
    {
        var w = await CreateAsync();
        await w.PublishAsync("Quantum sensors");
        var readers = new[] { await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 3), await w.ReaderAsync([], bucket: 9) };
        var edition = await w.ComposeAsync();
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            await w.DeliverAsync(new DispatchRequest(edition.Id, bucket));
        }

        return (w, edition, readers, Assert.Single(w.Publisher.Messages));
    }

    [Fact]
    public async Task ForgettingAReader_BlanksItsAddressInEveryUnmergedRemainder_AndTheMergeLeavesItOut()
    {
        var (w, edition, readers, merge) = await PlannedWithRemaindersAsync();

        Assert.Equal(1, await w.Dispatcher().ForgetReaderAsync(readers[0].Id, 3, CancellationToken.None));
        Assert.Equal(0, await w.Dispatcher().ForgetReaderAsync(readers[0].Id, 3, CancellationToken.None));

        var remainder = (await w.Ledger.ListAsync(edition.Id, 3, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Remainder);
        Assert.Equal([readers[0].Id, readers[1].Id], remainder.ReaderIds);
        Assert.Equal([string.Empty, readers[1].Address], remainder.Recipients.Select(r => r.Address));
        await w.DeliverAsync(merge);
        Assert.Equal(readers.Skip(1).Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
    }

    [Fact]
    public async Task RemaindersUnmergedPastTheirRetention_DropTheirAddresses_AndALaterMergeReadsTheReadersAgain()
    {
        var (w, edition, readers, merge) = await PlannedWithRemaindersAsync();
        w.Time.Advance(TimeSpan.FromDays(w.Delivery.RemainderRetentionDays - 1));
        Assert.Equal(0, await w.Dispatcher().ExpireRemainderAddressesAsync(CancellationToken.None));

        w.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await w.Dispatcher().ExpireRemainderAddressesAsync(CancellationToken.None));

        foreach (var bucket in new[] { 3, 9 })
        {
            var remainder = (await w.Ledger.ListAsync(edition.Id, bucket, CancellationToken.None)).Single(c => c.Kind == ChunkKind.Remainder);
            Assert.Equal((ChunkState.Formed, 0), (remainder.State, remainder.Recipients.Count));
            Assert.NotEmpty(remainder.ReaderIds);
        }

        await w.MoveAsync(readers[2], ReaderState.Erased);
        await w.DeliverAsync(merge);
        Assert.Equal(readers.Take(2).Select(r => r.Id).Order(), w.Sender.AcceptedReaders.Order());
    }
}
