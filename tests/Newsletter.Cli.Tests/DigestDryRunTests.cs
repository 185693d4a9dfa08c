using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary><c>digest run --dry-run</c> reports what a run would send and writes nothing; with <c>Digest:RequireApproval</c> a run holds the edition.</summary>
[Collection(AzuriteCollection.Name)]
public partial class DigestDryRunTests(AzuriteFixture azurite)
{
    /// <summary>Two updates (one on Funding) and three daily readers: all topics, Research only, Funding only.</summary>
    private static async Task SeedAsync(string storage)
    {
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = storage, InMemory = true });
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var updates = host.Services.GetRequiredService<IUpdateStore>();
        await updates.TryAddAsync(TestData.PublishedUpdate("u1", "Quantum sensor prototype", at, ["research"]), CancellationToken.None);
        await updates.TryAddAsync(TestData.PublishedUpdate("u2", "New fund for spin-offs", at.AddMinutes(1), ["funding"]), CancellationToken.None);
        var readers = host.Services.GetRequiredService<IReaderStore>();
        string[][] topics = [[], ["research"], ["funding"]];
        for (var i = 0; i < topics.Length; i++)
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Assert.True(ReaderKey.TryParse(id, out var key));
            await readers.SaveAsync(TestData.ActiveReader(id, key.Bucket, $"reader{i}@example.org", at.AddDays(-1), Frequency.Daily, topics[i]), CancellationToken.None);
        }
    }

    private static int Rows(string storage, string table) => new TableServiceClient(storage).GetTableClient(table).Query<TableEntity>().Count();

    [Fact]
    public async Task ADryRun_ReportsEachVariantWithItsReaders_AndStoresAndSendsNothing()
    {
        var storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("digest-dry-").FullName;
        await SeedAsync(storage);

        var (exit, output, error) = await CommandTests.RunAsync(CommandTests.PublicAddress, "digest", "run", "--frequency", "daily", "--dry-run", "--storage", storage, "--data-dir", data);

        Assert.True(exit == 0, output + error);
        Assert.Contains("dry run:    nothing was stored or sent", output, StringComparison.Ordinal);
        Assert.Matches(@"edition:\s+daily-\d{8}T\d{4} \(would be composed now\)", output);
        Assert.Contains("state:      would be sent to 3 readers", output, StringComparison.Ordinal);
        Assert.Contains("updates:    2", output, StringComparison.Ordinal);
        Assert.Contains("variants:   3 to send, 0 with nothing to send", output, StringComparison.Ordinal);
        Assert.Contains("recipients: 3", output, StringComparison.Ordinal);
        Assert.Matches(@"all\s+all topics\s+1 reader\s+2 updates", output);
        Assert.Matches(@"research\s+1 reader\s+1 update\s+.*Quantum sensor prototype", output);
        Assert.Matches(@"funding\s+1 reader\s+1 update\s+.*New fund for spin-offs", output);
        Assert.DoesNotMatch(@"\b1 (readers|updates)\b", output);
        Assert.Equal(0, Rows(storage, StorageNames.Tables.Editions));
        Assert.Equal(0, Rows(storage, StorageNames.Tables.Ledger));
        Assert.False(Directory.Exists(Path.Combine(data, "outbox")) && Directory.EnumerateFiles(Path.Combine(data, "outbox")).Any());

        // The real run afterwards composes the same edition for the first time and sends it to the same three.
        var (runExit, run, runError) = await CommandTests.RunAsync(CommandTests.PublicAddress, "digest", "run", "--frequency", "daily", "--storage", storage, "--data-dir", data);
        Assert.True(runExit == 0, run + runError);
        Assert.DoesNotContain("composed earlier", run, StringComparison.Ordinal);
        Assert.Contains("recipients: 3", run, StringComparison.Ordinal);
        Assert.Contains("sent:       3", run, StringComparison.Ordinal);
        Assert.Matches(@"research\s+1 reader\s+1 update\s+.*Quantum sensor prototype", run);
        Assert.DoesNotMatch(@"\b1 (readers|updates|requests)\b", run);
    }

    [Fact]
    public async Task WithRequireApproval_ARunHoldsTheEdition_StatusSaysSo_AndSendRefusesIt()
    {
        var storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("digest-held-").FullName;
        await SeedAsync(storage);
        var environment = new Dictionary<string, string>(CommandTests.PublicAddress) { ["Digest__RequireApproval"] = "true" };

        var (dryExit, dry, _) = await CommandTests.RunAsync(environment, "digest", "run", "--frequency", "daily", "--dry-run", "--storage", storage, "--data-dir", data);
        var (exit, output, error) = await CommandTests.RunAsync(environment, "digest", "run", "--frequency", "daily", "--storage", storage, "--data-dir", data);
        var edition = EditionId().Match(output).Groups[1].Value;
        var (statusExit, status, _) = await CommandTests.RunAsync("digest", "status", edition, "--storage", storage, "--data-dir", data);
        var (sendExit, _, refused) = await CommandTests.RunAsync(environment, "digest", "send", edition, "--storage", storage, "--data-dir", data);

        Assert.Equal(0, dryExit);
        Assert.Contains("state:      would be held for approval", dry, StringComparison.Ordinal);
        Assert.True(exit == 0, output + error);
        Assert.Contains("state:      held for approval", output, StringComparison.Ordinal);
        Assert.Contains("held:       nothing is sent until an editor approves it at https://news.example.org/console/editions", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sent:", output, StringComparison.Ordinal);
        Assert.Equal(0, statusExit);
        Assert.Contains($"edition:    {edition} (held for approval)", status, StringComparison.Ordinal);
        Assert.Contains("dispatch:   not started", status, StringComparison.Ordinal);
        Assert.Equal(2, sendExit);
        Assert.Contains($"{edition} is held for approval", refused, StringComparison.Ordinal);
        Assert.Equal(0, Rows(storage, StorageNames.Tables.Ledger));
        Assert.False(Directory.Exists(Path.Combine(data, "outbox")) && Directory.EnumerateFiles(Path.Combine(data, "outbox")).Any());
    }

    [GeneratedRegex(@"edition:\s+(daily-\d{8}T\d{4})")]
    private static partial Regex EditionId();
}
