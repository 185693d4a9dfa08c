using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.LocalHosting;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Benchmarks;

/// <summary>
/// <c>newsletter import</c>'s engine (<see cref="ReleaseImport"/>) against a real Azurite: N distinct text
/// releases of about 600 words, each with its own date, imported once (every one parsed and stored) and
/// once again (every one parsed and found already in), after timing the parsing alone on the same threads.
/// Prints releases per second and the failures.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        var clients = StorageClients.FromConnectionString(azurite.ConnectionString);
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        var members = new TableMemberStore(clients);
        await members.TryAddAsync(new Member { Id = "ucl", DisplayName = "University College London", CreatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        var import = new ReleaseImport(members, new TableUpdateStore(clients), Options.Create(new IngestionOptions()), TimeProvider.System);

        var files = Enumerable.Range(0, count).Select(i => new ImportFile($"archive/{i:D5}.txt", _ => Task.FromResult<byte[]?>(Release(i)))).ToList();
        Console.WriteLine($"import: {count:N0} releases, parallelism {parallelism}, Azurite at {azurite.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("BlobEndpoint", StringComparison.Ordinal))}");
        // Parsing alone, on the same threads: what the import would do with a store that took no time.
        var parseWatch = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => ReleaseParser.Parse(Release(i), $"{i:D5}.txt"));
        parseWatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parsing alone: {parseWatch.Elapsed.TotalSeconds:0.0} s, {count / parseWatch.Elapsed.TotalSeconds:0} releases/s"));

        foreach (var pass in new[] { "first run (all new)", "second run (all already in)" })
        {
            var watch = Stopwatch.StartNew();
            var report = await import.ImportAsync("ucl", files, "bench", null, CancellationToken.None, parallelism);
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {pass}: {report.Imported:N0} imported, {report.AlreadyIn:N0} already in, {report.Failures.Count} failed, {watch.Elapsed.TotalSeconds:0.0} s, {count / watch.Elapsed.TotalSeconds:0} releases/s"));
            foreach (var failure in report.Failures.Take(5))
            {
                Console.WriteLine($"    {failure.File}: {failure.Code} {failure.Message}");
            }
        }

        return 0;
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
