using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.LocalHosting;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Benchmarks;

/// <summary>
/// <c>newsletter import</c>'s engine (<see cref="ReleaseImport"/>) against a real Azurite: N distinct text
/// releases of about 600 words, each with its own date, imported once (every one parsed and stored) and
/// once again (every one parsed and found already in), after timing the parsing alone on the same threads.
/// Prints releases per second and the failures, and for each slice of releases (a tenth of the run, at least
/// 1,000) the rate, the CPU seconds Azurite and the bench spent on it, the bench's garbage collections and the
/// storage calls by kind with the time to their answers: where the time goes, comparable under load.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        using var azuriteProcess = Process.GetProcessById(azurite.ProcessId);
        var counter = new StorageCallCounter();
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var plain = StorageClients.FromConnectionString(azurite.ConnectionString);
        var clients = new StorageClients(new BlobServiceClient(azurite.ConnectionString, blobOptions), plain.Queues, new TableServiceClient(azurite.ConnectionString, tableOptions));
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        var members = new TableMemberStore(clients);
        await members.TryAddAsync(new Member { Id = "ucl", DisplayName = "University College London", CreatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var import = new ReleaseImport(members, new TableUpdateStore(clients), Options.Create(new IngestionOptions()), TimeProvider.System);

        var files = Enumerable.Range(0, count).Select(i => new ImportFile($"archive/{i:D5}.txt", _ => Task.FromResult<byte[]?>(Release(i)))).ToList();
        Console.WriteLine($"import: {count:N0} releases, parallelism {parallelism}, Azurite at {azurite.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("BlobEndpoint", StringComparison.Ordinal))}, load average {LoadAverage()}");
        // Parsing alone, on the same threads: what the import would do with a store that took no time.
        var parseWatch = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => ReleaseParser.Parse(Release(i), $"{i:D5}.txt"));
        parseWatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parsing alone: {parseWatch.Elapsed.TotalSeconds:0.0} s, {count / parseWatch.Elapsed.TotalSeconds:0} releases/s"));

        foreach (var pass in new[] { "first run (all new)", "second run (all already in)" })
        {
            counter.TakeTotals();
            var slices = new SliceReporter(Math.Max(1000, count / 10), azuriteProcess, counter);
            var watch = Stopwatch.StartNew();
            var report = await import.ImportAsync("ucl", files, "bench", slices, CancellationToken.None, parallelism);
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {pass}: {report.Imported:N0} imported, {report.AlreadyIn:N0} already in, {report.Failures.Count} failed, {watch.Elapsed.TotalSeconds:0.0} s, {count / watch.Elapsed.TotalSeconds:0} releases/s; CPU s: Azurite {slices.AzuriteTotal:0.0}, bench {slices.BenchTotal:0.0}; load average {LoadAverage()}"));
            foreach (var failure in report.Failures.Take(5))
            {
                Console.WriteLine($"    {failure.File}: {failure.Code} {failure.Message}");
            }
        }

        return 0;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or empty.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;

    /// <summary>
    /// Prints a line each time the import has done another slice of releases: the slice's rate, the CPU seconds
    /// Azurite and this process spent on it, this process's collections (gen 0/1/2), Azurite's working set, and
    /// the storage calls of the slice by kind (count, and the summed time to their answers).
    /// </summary>
    private sealed class SliceReporter(int slice, Process azurite, StorageCallCounter counter) : IProgress<int>
    {
        private readonly Lock _lock = new();
        private readonly Process _self = Process.GetCurrentProcess();
        private readonly TimeSpan _azuriteStart = AzuriteCpu(azurite);
        private readonly TimeSpan _benchStart = Process.GetCurrentProcess().TotalProcessorTime;
        private long _started = Stopwatch.GetTimestamp();
        private TimeSpan _azuriteCpu = AzuriteCpu(azurite);
        private TimeSpan _benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        private int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);

        public double AzuriteTotal => (AzuriteCpu(azurite) - _azuriteStart).TotalSeconds;

        public double BenchTotal
        {
            get
            {
                _self.Refresh();
                return (_self.TotalProcessorTime - _benchStart).TotalSeconds;
            }
        }

        public void Report(int value)
        {
            if (value % slice != 0)
            {
                return;
            }

            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(_started, now).TotalSeconds;
                _self.Refresh();
                var (azuriteCpu, benchCpu) = (AzuriteCpu(azurite), _self.TotalProcessorTime);
                var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var calls = string.Join("; ", counter.TakeTotals().Select(k => $"{k.Key} {Describe(k.Value)}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    to {value:N0}: {seconds:0.0} s, {slice / seconds:0}/s; CPU s Azurite {(azuriteCpu - _azuriteCpu).TotalSeconds:0.0}, bench {(benchCpu - _benchCpu).TotalSeconds:0.0}; GC {gen0 - _gen0}/{gen1 - _gen1}/{gen2 - _gen2}; Azurite {azurite.WorkingSet64 / 1048576} MB; {calls}"));
                (_started, _azuriteCpu, _benchCpu, _gen0, _gen1, _gen2) = (now, azuriteCpu, benchCpu, gen0, gen1, gen2);
            }
        }

        private static TimeSpan AzuriteCpu(Process process)
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }

        private static string Describe(object totals)
        {
            var json = System.Text.Json.JsonSerializer.SerializeToElement(totals);
            return string.Create(CultureInfo.InvariantCulture, $"{json.GetProperty("calls").GetInt64()} calls, {json.GetProperty("answerSeconds").GetDouble():0.0} s");
        }
    }

    internal static byte[] Release(int i)
    {
        var date = new DateOnly(2010, 1, 1).AddDays(i % 5000);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Archive release {i}: new catalyst splits water in test {i % 97}\n\n")
            .Append(CultureInfo.InvariantCulture, $"{date:d MMMM yyyy} | Network Updates | Update from University College London\n\n");
        for (var p = 0; p < 12; p++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Paragraph {p} of release {i}: researchers at the institute report that the catalyst, tested over {p + 3} months with partners in {p + 2} countries, ")
                .Append("splits water at room temperature with far less energy than before, which could make hydrogen cheaper for industry and transport alike.\n\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
