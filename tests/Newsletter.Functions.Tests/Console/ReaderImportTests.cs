using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The readers CSV import and export on real Azurite tables and queues: consent kept, confirmations queued once, nobody suppressed reactivated, reruns idempotent.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReaderImportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private readonly FlakyMailQueue flaky = new();

    public Task InitializeAsync() => app.StartAsync(replace: services =>
    {
        services.AddSingleton(sp => new QueueMailJobPublisher(sp.GetRequiredService<StorageClients>()));
        services.AddSingleton<IMailJobPublisher>(sp => flaky.Over(sp.GetRequiredService<QueueMailJobPublisher>()));
    });

    public async Task DisposeAsync() => await app.DisposeAsync();

    private ReaderCsvImport Import => app.Services.GetRequiredService<ReaderCsvImport>();

    private ReaderCsvFile Check(string csv) => Import.Check(Encoding.UTF8.GetBytes(csv));

    private async Task<Reader?> StoredAsync(string address)
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(address));
        return await app.Services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None);
    }

    private async Task<Reader> SeedAsync(string address, Func<Reader, bool> change)
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(address));
        var reader = TestData.ActiveReader(key.Id, key.Bucket, address, DateTimeOffset.UtcNow.AddDays(-30));
        Assert.True(change(reader));
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);
        return reader;
    }

    /// <summary>Every confirmation job on the mail queue, by reader id (taken off the queue).</summary>
    private async Task<List<string>> QueuedConfirmationsAsync()
    {
        var queue = app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Mail);
        var ids = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (batch.Length == 0)
            {
                return ids;
            }

            ids.AddRange(batch.Select(m => QueueMessages.Deserialize<MailJob>(m.Body.ToString())).Where(j => j.Kind == MailKind.Confirm).Select(j => j.ReaderId));
        }
    }

    [Fact]
    public async Task RowsWithEvidence_AreActiveWithItKept_RowsWithout_ArePendingAndQueuedOneConfirmation()
    {
        var file = Check("email,name,topics,frequency,consented_at,consent_source\n" +
            "ada@example.org,Ada,Research;Funding,daily,2025-03-14T09:30:00Z,Spring fair sign-up sheet\n" +
            "bo@example.org,Bo,,,,\n" +
            "cy@example.org,,,,,\n");

        var report = await Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None);

        Assert.Equal((1, 2), (report[ImportOutcome.ImportedActive], report[ImportOutcome.ImportedPending]));
        var ada = await StoredAsync("ada@example.org");
        Assert.Equal(ReaderState.Active, ada!.State);
        Assert.True(ada.IsMailable);
        Assert.Equal(["Research", "Funding"], ada.Topics);
        Assert.Equal(Frequency.Daily, ada.Frequency);
        Assert.Equal("Spring fair sign-up sheet", ada.Consent!.Source);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), ada.Consent.SubmittedAt);
        var bo = await StoredAsync("bo@example.org");
        Assert.Equal(ReaderState.Pending, bo!.State);
        Assert.False(bo.IsMailable);
        var queued = await QueuedConfirmationsAsync();
        Assert.Equal(new[] { bo.Id, (await StoredAsync("cy@example.org"))!.Id }.Order(), queued.Order());
        var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.ReadersImported), 5, CancellationToken.None);
        Assert.Contains("1 imported active", Assert.Single(audit).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuppressedUnsubscribedAndErasedAddresses_AreNeverReactivated_NorMailed()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync("bounced@example.org", r => r.ApplyFeedback(ReaderState.Bounced, now, "bounce"));
        await SeedAsync("complained@example.org", r => r.ApplyFeedback(ReaderState.Complained, now, "spamreport"));
        await SeedAsync("left@example.org", r => r.Unsubscribe(now, "unsubscribe link"));
        await SeedAsync("erased@example.org", r => r.Erase(now, "erased on request"));
        var file = Check("email,consented_at,consent_source\n" +
            "bounced@example.org,2025-01-01,Fair\ncomplained@example.org,,\nleft@example.org,2025-01-01,Fair\nerased@example.org,,\n");

        var report = await Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None);

        Assert.Equal((2, 2, 0, 0), (report[ImportOutcome.Suppressed], report[ImportOutcome.Left], report[ImportOutcome.ImportedActive], report[ImportOutcome.ImportedPending]));
        Assert.Equal(ReaderState.Bounced, (await StoredAsync("bounced@example.org"))!.State);
        Assert.Equal(ReaderState.Complained, (await StoredAsync("complained@example.org"))!.State);
        Assert.Equal(ReaderState.Unsubscribed, (await StoredAsync("left@example.org"))!.State);
        Assert.Equal(ReaderState.Erased, (await StoredAsync("erased@example.org"))!.State);
        Assert.Empty(await QueuedConfirmationsAsync());
    }

    [Fact]
    public async Task AFileWithBadRows_WritesNothing()
    {
        var file = Check("email,topics\nada@example.org,Research\nnot-an-address,\ncy@example.org,Astrology\n");

        Assert.Equal([3, 4], file.Problems.Select(p => p.Line));
        await Assert.ThrowsAsync<ArgumentException>(() => Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None));
        Assert.Null(await StoredAsync("ada@example.org"));
    }

    [Fact]
    public async Task ARerun_CompletesAnInterruptedImport_WithoutDuplicates_OrASecondConfirmation()
    {
        var rows = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? $"r{i}@example.org,2025-06-01,Newsletter archive" : $"r{i}@example.org,,");
        var file = Check("email,consented_at,consent_source\n" + string.Join('\n', rows));
        flaky.FailAfter = 150;

        await Assert.ThrowsAsync<IOException>(() => Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None));
        flaky.FailAfter = null;
        var rerun = await Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None);
        var third = await Import.ImportAsync(file, "admin@example.org", null, CancellationToken.None);

        var queued = await QueuedConfirmationsAsync();
        Assert.Equal(400, queued.Count);
        Assert.Equal(400, queued.Distinct().Count());
        Assert.Equal(600, rerun.Rows);
        Assert.Equal((200, 400, 0), (third[ImportOutcome.AlreadyActive], third[ImportOutcome.AlreadyPending], third[ImportOutcome.ImportedPending]));
        var readers = 0;
        for (var bucket = 0; bucket < ReaderIdentity.Buckets; bucket++)
        {
            readers += await app.Services.GetRequiredService<IReaderStore>().ListBucketAsync(bucket, CancellationToken.None).CountAsync();
        }

        Assert.Equal(600, readers);
    }

    [Fact]
    public async Task TheExport_HoldsTheActiveReadersWithTheirConsent_EscapesFormulas_AndImportsBackAsItIs()
    {
        var import = Check("email,name,consented_at,consent_source\n" +
            "ada@example.org,\"=HYPERLINK(\"\"http://evil.example\"\")\",2025-03-14,Spring fair\nbo@example.org,Bo,,\n");
        await Import.ImportAsync(import, "admin@example.org", null, CancellationToken.None);
        using var output = new MemoryStream();

        var count = await app.Services.GetRequiredService<ReaderCsvExport>().WriteAsync(output, "admin@example.org", null, CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(1, count);
        Assert.StartsWith("\uFEFFemail,name,topics,frequency,paused,consented_at,consent_source,privacy_notice_version", text, StringComparison.Ordinal);
        Assert.Contains("ada@example.org,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,weekly,false,2025-03-14T00:00:00Z,Spring fair,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bo@example.org", text, StringComparison.Ordinal);
        var back = ReaderCsv.Read(output.ToArray(), ["Research"], DateTimeOffset.UtcNow);
        var row = Assert.Single(back.Rows);
        Assert.Equal(("=HYPERLINK(\"http://evil.example\")", "Spring fair"), (row.Choices.Name, row.Consent!.Source));
        var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.ReadersExported), 5, CancellationToken.None);
        Assert.Equal(("admin@example.org", "Exported the 1 active readers with their consent records as CSV"), (Assert.Single(audit).Actor, audit[0].Summary));
    }

    [Theory]
    [InlineData("\uFF1DHYPERLINK(\"http://evil.example\")")] // ＝
    [InlineData("\uFF0B1+cmd|' /C calc'!A0")] // ＋
    [InlineData("\uFF0D1+1")] // －
    [InlineData("\uFF20SUM(1+1)")] // ＠
    public async Task TheExport_EscapesAFullWidthFormulaStart_AsItEscapesItsAsciiForm(string name)
    {
        var import = Check("email,name,consented_at,consent_source\n" +
            $"ada@example.org,\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",2025-03-14,{name[0]}fair\n");
        await Import.ImportAsync(import, "admin@example.org", null, CancellationToken.None);
        using var output = new MemoryStream();

        await app.Services.GetRequiredService<ReaderCsvExport>().WriteAsync(output, "admin@example.org", null, CancellationToken.None);

        var line = Encoding.UTF8.GetString(output.ToArray()).Split('\n')[1].TrimEnd('\r');
        Assert.StartsWith($"ada@example.org,\"'{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",", line, StringComparison.Ordinal);
        Assert.Contains($",\"'{name[0]}fair\",", line, StringComparison.Ordinal);
        var row = Assert.Single(ReaderCsv.Read(output.ToArray(), ["Research"], DateTimeOffset.UtcNow).Rows);
        Assert.Equal((name, $"{name[0]}fair"), (row.Choices.Name, row.Consent!.Source));
    }

    /// <summary>The mail queue, made to fail after so many jobs as a storage outage mid-import would.</summary>
    private sealed class FlakyMailQueue
    {
        private int _sent;

        public int? FailAfter { get; set; }

        public IMailJobPublisher Over(IMailJobPublisher inner) => new Publisher(this, inner);

        private sealed class Publisher(FlakyMailQueue owner, IMailJobPublisher inner) : IMailJobPublisher
        {
            public Task EnqueueAsync(MailJob job, CancellationToken cancellationToken) =>
                owner.FailAfter is { } limit && Interlocked.Increment(ref owner._sent) > limit
                    ? throw new IOException("the queue is unavailable")
                    : inner.EnqueueAsync(job, cancellationToken);
        }
    }
}
