using System.Diagnostics;
using System.IO.Compression;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary><c>newsletter import</c> against a real Azurite: dates kept, no review, a rerun skips, bad files in a CSV.</summary>
[Collection(AzuriteCollection.Name)]
public class ImportCommandTests(AzuriteFixture azurite)
{
    private static readonly string Cli = Path.Combine(RepositoryPaths.OutputOf("Newsletter.Cli"), "newsletter.dll");
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Archive()
    {
        var folder = Directory.CreateTempSubdirectory("archive").FullName;
        File.Copy(SeedPath, Path.Combine(folder, "seed.txt"));
        Directory.CreateDirectory(Path.Combine(folder, "2021"));
        File.WriteAllText(Path.Combine(folder, "2021", "sensor.md"),
            "---\ntitle: Quantum sensor prototype\ndate: 2021-03-05\n---\nThe institute unveiled a quantum sensor that measures tiny magnetic fields in living tissue.\n");
        File.WriteAllText(Path.Combine(folder, "empty.txt"), "  \n");
        File.WriteAllText(Path.Combine(folder, "undated.txt"), "Catalyst news\n\nThe institute has shown a catalyst that splits water at room temperature with little energy.\n");
        File.WriteAllText(Path.Combine(folder, "scan.pdf"), "%PDF-1.4");
        return folder;
    }

    [Fact]
    public async Task Import_KeepsEachReleasesDate_PublishesWithoutReview_SkipsOnASecondRun_AndListsBadFiles()
    {
        var storage = azurite.NewAccount();
        Assert.Equal(0, (await RunAsync("members", "add", "ucl", "--name", "University College London", "--storage", storage)).Exit);
        var folder = Archive();
        var csv = Path.Combine(folder, "..", Path.GetFileName(folder) + "-failures.csv");

        var first = await RunAsync("import", folder, "--member", "ucl", "--storage", storage, "--failures", csv, "--actor", "Alice Editor");
        var second = await RunAsync("import", folder, "--member", "ucl", "--storage", storage, "--failures", csv);

        Assert.Equal(2, first.Exit);
        Assert.Contains("2 imported, 0 already in, 3 not imported (5 files)", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 imported, 2 already in, 3 not imported", second.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("File,Code,Message", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("empty.txt,empty,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("scan.pdf,unsupported-format,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"undated.txt,{ReleaseImport.NoDate},", StringComparison.Ordinal));

        var updates = await new TableUpdateStore(StorageClients.FromConnectionString(storage)).ListAsync(UpdateStatus.Published, 10, CancellationToken.None);
        Assert.Equal(2, updates.Count);
        var seed = Assert.Single(updates, u => u.Title.StartsWith("Servier and UCL", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2019, 12, 11), seed.Date);
        Assert.Equal(new DateTimeOffset(2019, 12, 11, 0, 0, 0, TimeSpan.Zero), seed.PublishedAt);
        Assert.True(seed.Imported);
        var change = Assert.Single(seed.History);
        Assert.Equal(("Alice Editor", "published", ReleaseImport.Reason), (change.Actor, change.To, change.Reason));
        Assert.Equal(new DateOnly(2021, 3, 5), Assert.Single(updates, u => u.Title == "Quantum sensor prototype").Date);

        // A release an editor rejected since is told apart from one already published, and stays rejected.
        var store = new TableUpdateStore(StorageClients.FromConnectionString(storage));
        await store.SaveAsync(seed with { Status = UpdateStatus.Rejected }, CancellationToken.None);
        var third = await RunAsync("import", folder, "--member", "ucl", "--storage", storage, "--failures", csv);
        Assert.Contains("0 imported, 1 already in, 1 rejected earlier by an editor (left unpublished), 3 not imported (5 files)", third.Out, StringComparison.Ordinal);
        Assert.Equal(UpdateStatus.Rejected, (await store.GetAsync(seed.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Import_ReadsAZip_AndRefusesAnUnknownMember()
    {
        var storage = azurite.NewAccount();
        Assert.Equal(0, (await RunAsync("members", "add", "kth", "--name", "KTH", "--storage", storage)).Exit);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("zip").FullName, "archive.zip");
        ZipFile.CreateFromDirectory(Archive(), zip);

        var imported = await RunAsync("import", zip, "--member", "kth", "--storage", storage, "--failures", zip + ".csv");
        var unknown = await RunAsync("import", zip, "--member", "nobody", "--storage", storage);

        Assert.Contains("2 imported, 0 already in, 3 not imported (5 files)", imported.Out, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("no member 'nobody'", unknown.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", unknown.Err, StringComparison.Ordinal);
    }
}
