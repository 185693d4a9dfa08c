using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Newsletter.Benchmarks;

/// <summary>
/// Uploads over HTTP to a running <c>newsletter serve</c> until each is <c>published</c>: N distinct text releases,
/// C at a time, each POSTed to the member's upload door and then asked for its status every few milliseconds. Prints
/// p50, p95 and the largest time from the POST to the status that ended <c>processing</c>, uploads per second over the
/// whole run, how many ended in another state, and one JSON line with the same figures.
/// </summary>
internal static class UploadBench
{
    /// <summary>
    /// How often an upload's status is asked (<c>POLL_MS</c>, default 25 ms): every ask is a request to serve and a
    /// table read in Azurite on the same cores, so asking every 10 ms made the rig about as many storage calls as the
    /// upload itself; 25 ms keeps the latency figure within 25 ms of the moment the upload was published.
    /// </summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("POLL_MS"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 25);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: upload <base-url> <member-id> <api-key> [releases] [concurrency] [first-index]");
            return 2;
        }

        var baseUrl = new Uri(args[0]);
        var (member, key) = (args[1], args[2]);
        var count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
        var concurrency = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        var first = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        var latencies = new ConcurrentBag<double>();
        var states = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var run = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(ImportBench.Release(i));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
            using var posted = await http.PostAsync(new Uri($"api/members/{member}/releases?filename=release-{i}.txt", UriKind.Relative), content, ct);
            if (!posted.IsSuccessStatusCode)
            {
                states.AddOrUpdate($"http {(int)posted.StatusCode}", 1, (_, n) => n + 1);
                return;
            }

            var location = new Uri(posted.Headers.Location!.OriginalString.TrimStart('/'), UriKind.Relative);
            while (true)
            {
                var status = (await http.GetFromJsonAsync<JsonElement>(location, ct)).GetProperty("status").GetString()!;
                if (status != "processing")
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    states.AddOrUpdate(status, 1, (_, n) => n + 1);
                    return;
                }

                await Task.Delay(Poll, ct);
            }
        });
        run.Stop();

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var perSecond = count / run.Elapsed.TotalSeconds;
        var published = states.GetValueOrDefault("published");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"upload to published: {count} releases, {concurrency} at a time: p50 {Percentile(0.50):0} ms, p95 {Percentile(0.95):0} ms, max {Percentile(1):0} ms, {perSecond:0.0} uploads/s; {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}"));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            figure = "upload_to_published",
            releases = count,
            concurrency,
            poll_ms = Poll.TotalMilliseconds,
            p50_ms = Math.Round(Percentile(0.50), 1),
            p95_ms = Math.Round(Percentile(0.95), 1),
            max_ms = Math.Round(Percentile(1), 1),
            uploads_per_s = Math.Round(perSecond, 1),
            published,
            other = count - published,
        }));
        return published == count ? 0 : 1;
    }
}
