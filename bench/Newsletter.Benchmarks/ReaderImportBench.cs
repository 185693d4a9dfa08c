using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Infrastructure.Editorial;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.LocalHosting;

namespace Newsletter.Benchmarks;

/// <summary>
/// The readers CSV import (<see cref="ReaderCsvImport"/>, what <c>newsletter readers import</c> and the console run) against a
/// fresh Azurite: a generated file of N readers, one in two with consent evidence (imported active) and the others without
/// (imported pending, a confirmation job queued for each), checked, imported, then imported again (all already in).
/// Prints each phase's time and rows per second, and the machine's load average before and after.
/// </summary>
internal static class ReaderImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
        Console.WriteLine($"readers-import: {count:N0} rows, load average before: {Load()}");
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        var clients = StorageClients.FromConnectionString(azurite.ConnectionString);
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        var options = Options.Create(new SubscriptionOptions { AddressHashKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()) });
        var import = new ReaderCsvImport(new TableReaderStore(clients), new ReaderIdentity(options), new QueueMailJobPublisher(clients),
            new TableAuditLog(clients), options, TimeProvider.System, NullLogger<ReaderCsvImport>.Instance);

        var csv = File(count);
        var watch = Stopwatch.StartNew();
        var file = import.Check(csv);
        var check = watch.Elapsed;
        if (!file.IsValid)
        {
            Console.WriteLine($"  the generated file has problems: {file.Problems[0]}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  check ({csv.Length / 1024.0 / 1024.0:0.0} MiB): {check.TotalSeconds:0.00} s, {count / check.TotalSeconds:0} rows/s"));
        foreach (var pass in new[] { "first run (all new)", "second run (all already in)" })
        {
            watch.Restart();
            var report = await import.ImportAsync(file, "bench", null, CancellationToken.None);
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {pass}: {watch.Elapsed.TotalSeconds:0.0} s, {count / watch.Elapsed.TotalSeconds:0} rows/s; {report}"));
        }

        var queued = (await clients.Queues.GetQueueClient(StorageNames.Queues.Mail).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Console.WriteLine($"  confirmation jobs on the mail queue: {queued:N0}; load average after: {Load()}");
        return 0;
    }

    private static byte[] File(int count)
    {
        var text = new StringBuilder("email,name,topics,frequency,consented_at,consent_source\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"reader{i:D6}@example.org,Reader {i},{(i % 3 == 0 ? "Research;Funding" : string.Empty)},{(i % 2 == 0 ? "daily" : "weekly")},");
            text.Append(i % 2 == 0 ? "2025-03-14T09:30:00Z,\"Spring fair, sign-up sheet\"\n" : ",\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Load() => OperatingSystem.IsLinux() ? System.IO.File.ReadAllText("/proc/loadavg").Trim() : "unknown";
}
