using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Newsletter.LocalHosting;

namespace Newsletter.Benchmarks;

/// <summary>
/// The storage calls an import makes, alone, against a real Azurite: N update-sized table rows inserted one
/// by one, the same rows in transactions of 100, the same with a 9 KB body in each row (what an import writes since
/// bodies are kept in rows), and N body-sized blobs uploaded one by one (16 at a time, what it wrote before).
/// Shows where an import's time goes once parsing is out of the way.
/// </summary>
internal static class StorageBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions());
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16 };

        var single = tables.GetTableClient("single");
        await single.CreateIfNotExistsAsync();
        await Time("table rows, one insert each", count, () => Parallel.ForEachAsync(Enumerable.Range(0, count), parallel,
            async (i, token) => await single.AddEntityAsync(Row(i), token)));

        var batched = tables.GetTableClient("batched");
        await batched.CreateIfNotExistsAsync();
        await Time("table rows, transactions of 100", count, () => Parallel.ForEachAsync(Enumerable.Range(0, (count + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (b, token) => await batched.SubmitTransactionAsync(
                Enumerable.Range(b * 100, Math.Min(100, count - (b * 100))).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(i))), token)));

        // What an archive import writes now: the body in the row (BodyHtml and BodyText), no blob.
        var withBodies = tables.GetTableClient("withbodies");
        await withBodies.CreateIfNotExistsAsync();
        await Time("table rows with a 9 KB body in the row, transactions of 100", count, () => Parallel.ForEachAsync(Enumerable.Range(0, (count + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (b, token) => await withBodies.SubmitTransactionAsync(
                Enumerable.Range(b * 100, Math.Min(100, count - (b * 100))).Select(i => new TableTransactionAction(TableTransactionActionType.Add, RowWithBody(i))), token)));

        var bodies = blobs.GetBlobContainerClient("bodies");
        await bodies.CreateIfNotExistsAsync();
        var body = BinaryData.FromString(new string('b', 9000));
        await Time("body blobs, one upload each", count, () => Parallel.ForEachAsync(Enumerable.Range(0, count), parallel,
            async (i, token) => await bodies.GetBlobClient($"u{i:D6}.json").UploadAsync(body, overwrite: true, token)));
        return 0;
    }

    // About the size of an imported update's row: title, a 300-character summary, history and the other columns.
    private static TableEntity Row(int i) => new("update", $"u{i:D6}")
    {
        ["Title"] = $"Archive release {i}: new catalyst splits water",
        ["Summary"] = new string('s', 300),
        ["History"] = new string('h', 400),
        ["Topics"] = "[]",
    };

    private static TableEntity RowWithBody(int i)
    {
        var row = Row(i);
        row["BodyHtml"] = new string('b', 4500);
        row["BodyText"] = new string('t', 4500);
        row["BodyInRow"] = true;
        return row;
    }

    private static async Task Time(string what, int count, Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {count:N0} in {watch.Elapsed.TotalSeconds:0.0} s, {count / watch.Elapsed.TotalSeconds:0}/s"));
    }
}
