using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>The operator commands, run as a user runs them.</summary>
[Collection(AzuriteCollection.Name)]
public class CommandTests(AzuriteFixture azurite)
{
    private static readonly string Cli = Path.Combine(RepositoryPaths.OutputOf("Newsletter.Cli"), "newsletter.dll");
    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt");

    internal static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Where the digest commands' links point when no serve is running: they refuse without it.</summary>
    internal static readonly Dictionary<string, string> PublicAddress = new() { ["App__BaseUrl"] = "https://news.example.org" };

    internal static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

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

    [Fact]
    public async Task Validate_Json_PrintsOneObjectPerFile_AndExits2WhenAnyIsRejected()
    {
        var empty = Path.Combine(Directory.CreateTempSubdirectory().FullName, "empty.md");
        await File.WriteAllTextAsync(empty, string.Empty);

        var (exit, output, _) = await RunAsync("validate", "--json", SeedPath, empty);

        Assert.Equal(2, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var accepted = JsonDocument.Parse(lines[0]);
        var a = accepted.RootElement;
        Assert.Equal(
            ["file", "status", "format", "title", "date", "organisation", "summary", "bodyText", "bodyHtml", "wordCount", "topics", "warnings"],
            a.EnumerateObject().Select(p => p.Name));
        Assert.Equal("accepted", a.GetProperty("status").GetString());
        Assert.Equal("text", a.GetProperty("format").GetString());
        Assert.Equal("Servier and UCL collaborate in fight against immune-inflammatory diseases", a.GetProperty("title").GetString());
        Assert.Equal("2019-12-11", a.GetProperty("date").GetString());
        Assert.Equal("University College London", a.GetProperty("organisation").GetString());
        using var rejected = JsonDocument.Parse(lines[1]);
        Assert.Equal(["file", "status", "code", "message"], rejected.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("empty", rejected.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Validate_ReadsAWordDocument()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "release.docx");
        await File.WriteAllBytesAsync(path, new Core.Tests.Releases.DocxBuilder()
            .Styled("Title", "Quantum sensor prototype")
            .Paragraph("The institute unveiled a quantum sensor that measures tiny magnetic fields in living tissue.")
            .Build());

        var (exit, output, _) = await RunAsync("validate", "--json", path);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("docx", json.RootElement.GetProperty("format").GetString());
        Assert.Equal("Quantum sensor prototype", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ReadmeSampleRelease_Exists_AndIsAccepted_WithReadersTopics()
    {
        var line = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md")).Single(l => l.StartsWith("./newsletter validate ", StringComparison.Ordinal));
        var sample = Path.Combine(RepositoryPaths.Root, line.Split(' ')[2]);

        var (exit, output, err) = await RunAsync("validate", "--json", sample);

        Assert.True(exit == 0, output + err);
        var topics = JsonDocument.Parse(output).RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToArray();
        Assert.NotEmpty(topics);
        Assert.All(topics, t => Assert.Contains(t, new SubscriptionOptions().TopicList, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The README's layout tables name files that exist: each path under <c>src/</c>, <c>tests/</c>, ..., and in the per-flow
    /// table each file under its column's project (a bare name stands beside the path before it in the cell), with one bold
    /// file per flow where its decision is made.
    /// </summary>
    [Fact]
    public void ReadmeLayout_NamesOnlyFilesThatExist_AndWhereEachFlowIsDecided()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var missing = readme.SelectMany(l => Regex.Matches(l, "`((?:src|tests|bench|infra|docs)/[^`*<]*)`"))
            .Select(m => m.Groups[1].Value)
            .Where(p => !File.Exists(Path.Combine(RepositoryPaths.Root, p)) && !Directory.Exists(Path.Combine(RepositoryPaths.Root, p)))
            .ToList();

        var header = Array.FindIndex(readme, l => l.StartsWith("| flow |", StringComparison.Ordinal));
        Assert.True(header >= 0, "The README has no per-flow layout table.");
        var projects = Cells(readme[header]).Skip(1).Select(c => Regex.Match(c, @"\((\w+)\)").Groups[1].Value).ToArray();
        var flows = readme.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Contains(flows, r => Cells(r)[0] == "unsubscribe");
        foreach (var row in flows)
        {
            var cells = Cells(row);
            Assert.True(Regex.Count(row, @"\*\*`[^`]+\.cs`") == 1, $"The {cells[0]} flow names no single bold file where it is decided.");
            for (var i = 1; i < cells.Length; i++)
            {
                string? folder = null;
                foreach (var name in Regex.Matches(cells[i], "`([^`]+(?:\\.cs|\\.razor|/))`").Select(m => m.Groups[1].Value))
                {
                    var first = name.Split('/')[0];
                    var path = name.TrimEnd('/').Contains('/', StringComparison.Ordinal) && first != projects[i - 1] && Directory.Exists(Src(first))
                        ? Path.Combine(Src(first), name[(first.Length + 1)..])
                        : !name.Contains('/', StringComparison.Ordinal) && folder is not null ? Path.Combine(folder, name) : Path.Combine(Src(projects[i - 1]), name);
                    if (name.TrimEnd('/').Contains('/', StringComparison.Ordinal))
                    {
                        folder = Path.GetDirectoryName(path.TrimEnd('/'));
                    }

                    if (!File.Exists(path) && !Directory.Exists(path))
                    {
                        missing.Add($"{cells[0]}: {Path.GetRelativePath(RepositoryPaths.Root, path)}");
                    }
                }
            }
        }

        Assert.Empty(missing);

        static string[] Cells(string row) => row.Trim().Trim('|').Split('|', StringSplitOptions.TrimEntries);
        static string Src(string project) => Path.Combine(RepositoryPaths.Root, "src", "Newsletter." + project);
    }

    [Fact]
    public async Task Command_OnTheDataFolder_WarnsThatARunningInMemoryServeDoesNotSeeIt()
    {
        var data = Directory.CreateTempSubdirectory("in-memory-serve-").FullName;
        // What 'serve --in-memory' announces; this test process stands in for the live serve.
        await File.WriteAllTextAsync(Path.Combine(data, "serve-in-memory.json"), JsonSerializer.Serialize(new { pid = Environment.ProcessId, baseUrl = "http://127.0.0.1:7399/" }));

        var (exit, _, err) = await RunAsync("members", "list", "--data-dir", data);

        Assert.True(exit == 0, err);
        Assert.Contains("serve --in-memory' (http://127.0.0.1:7399/)", err, StringComparison.Ordinal);
        Assert.Contains(data, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AllAccepted_Exits0()
    {
        var (exit, output, _) = await RunAsync("validate", SeedPath);

        Assert.Equal(0, exit);
        Assert.Contains("title:        Servier and UCL collaborate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AddListRevoke_OnTheGivenStorage()
    {
        var storage = azurite.NewAccount();

        var (addExit, added, addErr) = await RunAsync("members", "add", "kth", "--name", "KTH Royal Institute of Technology", "--auto-publish", "--storage", storage);
        Assert.True(addExit == 0, addErr);
        Assert.Matches(@"API key \(shown once, keep it safe\): nk_[0-9a-f]{8}\.[A-Za-z0-9_-]{43}", added);

        var (_, listed, _) = await RunAsync("members", "list", "--storage", storage);
        Assert.Contains("kth\tKTH Royal Institute of Technology\tauto-publish", listed, StringComparison.Ordinal);
        var keyId = System.Text.RegularExpressions.Regex.Match(listed, @"key ([0-9a-f]{8})").Groups[1].Value;

        var (revokeExit, _, _) = await RunAsync("members", "revoke-key", "kth", keyId, "--storage", storage);
        var (_, after, _) = await RunAsync("members", "list", "--storage", storage);
        Assert.Equal(0, revokeExit);
        Assert.Contains("revoked", after, StringComparison.Ordinal);

        var (dupExit, _, dupErr) = await RunAsync("members", "add", "kth", "--name", "Again", "--storage", storage);
        Assert.Equal(1, dupExit);
        Assert.Contains("already exists", dupErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAdd_RefusesTopicsReadersCannotChoose_AndListsTheAllowedOnes()
    {
        var storage = azurite.NewAccount();

        var (exit, _, err) = await RunAsync("members", "add", "kth", "--name", "KTH", "--topics", "research,energy", "--storage", storage);
        Assert.Equal(1, exit);
        Assert.Contains("'energy'", err, StringComparison.Ordinal);
        Assert.Contains("Research,Innovation,Funding,Events,People", err, StringComparison.Ordinal);
        var (_, none, _) = await RunAsync("members", "list", "--storage", storage);
        Assert.DoesNotContain("kth", none, StringComparison.Ordinal);

        var (badIdExit, _, badIdErr) = await RunAsync("members", "add", "KTH", "--name", "KTH", "--storage", storage);
        Assert.Equal(1, badIdExit);
        Assert.Contains("'KTH' is not a valid member id", badIdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", badIdErr, StringComparison.Ordinal);

        var (okExit, _, okErr) = await RunAsync("members", "add", "kth", "--name", "KTH", "--topics", "research,Funding", "--storage", storage);
        Assert.True(okExit == 0, okErr);
        var (_, listed, _) = await RunAsync("members", "list", "--storage", storage);
        Assert.Contains("topics: research,funding", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DigestRun_ComposesTheEditionOfThisMoment_AndASecondRunShowsIt()
    {
        var storage = azurite.NewAccount();
        await using (var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = storage }))
        {
            var services = host.Services;
            await services.GetRequiredService<MemberService>()
                .AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
            var files = services.GetRequiredService<IReleaseFiles>();
            await using (var seed = File.OpenRead(SeedPath))
            {
                await files.SaveIncomingAsync("ucl", "seed.txt", seed, "text/plain", "r-seed", CancellationToken.None);
            }

            var ingestion = services.GetRequiredService<ReleaseIngestion>();
            await ingestion.IngestAsync("ucl", "seed.txt", CancellationToken.None);
            await services.GetRequiredService<IReaderStore>().SaveAsync(
                TestData.ActiveReader("reader-1", 5, "reader@example.org", DateTimeOffset.UtcNow.AddHours(-20)), CancellationToken.None);
        }

        var (exit, output, error) = await RunAsync(PublicAddress, "digest", "run", "--frequency", "daily", "--storage", storage);
        var (_, again, _) = await RunAsync(PublicAddress, "digest", "run", "--frequency", "daily", "--storage", storage);

        Assert.True(exit == 0, error);
        Assert.Matches(@"edition:\s+daily-\d{8}T\d{4}", output);
        Assert.Contains("state:      composed, not sent yet", output, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", output, StringComparison.Ordinal);
        Assert.Contains("updates:    1", output, StringComparison.Ordinal);
        Assert.Contains("recipients: 1", output, StringComparison.Ordinal);
        Assert.Contains("Servier and UCL collaborate", output, StringComparison.Ordinal);
        Assert.True(again.Contains("composed earlier", StringComparison.Ordinal) || again.Contains("No update was published", StringComparison.Ordinal), again);
    }

    [Fact]
    public async Task DigestRun_SendsTheEdition_AndDigestStatusCountsItFromTheLedger()
    {
        var storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("digest-cli-").FullName;
        await using (var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = storage, InMemory = true }))
        {
            var services = host.Services;
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            await services.GetRequiredService<Newsletter.Core.Updates.IUpdateStore>().TryAddAsync(new Newsletter.Core.Updates.Update
            {
                Id = "u1", MemberId = "m", ReleaseId = "r1", Title = "Quantum sensor prototype", Date = DateOnly.FromDateTime(at.UtcDateTime),
                Organisation = "Example Institute", Summary = "A sensor.", BodyHtml = "<p>x</p>", BodyText = "x", ContentHash = "h1",
                Status = Newsletter.Core.Updates.UpdateStatus.Published, CreatedAt = at, PublishedAt = at,
            }, CancellationToken.None);
            for (var i = 0; i < 3; i++)
            {
                var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                Assert.True(ReaderKey.TryParse(id, out var key));
                var reader = Reader.NewPending(id, key.Bucket, at.AddDays(-1));
                reader.SignUp($"reader{i}@example.org", new ReaderChoices(null, [], Frequency.Daily), at.AddDays(-1));
                reader.Confirm(at.AddDays(-1), at.AddHours(-20));
                await services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);
            }
        }

        var (exit, output, error) = await RunAsync(PublicAddress, "digest", "run", "--frequency", "daily", "--storage", storage, "--data-dir", data);
        var edition = System.Text.RegularExpressions.Regex.Match(output, @"edition:\s+(daily-\d{8}T\d{4})").Groups[1].Value;
        var (statusExit, status, _) = await RunAsync("digest", "status", edition, "--storage", storage, "--data-dir", data);
        var (missingExit, _, missing) = await RunAsync("digest", "status", "daily-20000101T0700", "--storage", storage, "--data-dir", data);
        var (sendExit, resend, _) = await RunAsync(PublicAddress, "digest", "send", edition, "--storage", storage, "--data-dir", data);

        Assert.True(exit == 0, output + error);
        Assert.Contains("sent:       3", output, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Length);
        Assert.Equal(0, statusExit);
        Assert.Contains("dispatch:   started", status, StringComparison.Ordinal);
        Assert.Contains($"edition:    {edition} (sent)", status, StringComparison.Ordinal);
        Assert.Contains("sent:       3", status, StringComparison.Ordinal);
        Assert.Contains("pending:    0", status, StringComparison.Ordinal);
        Assert.Equal(1, missingExit);
        Assert.Contains("No edition daily-20000101T0700", missing, StringComparison.Ordinal);
        // Sending again finds everything sent: nothing more reaches the outbox.
        Assert.Equal(0, sendExit);
        Assert.Contains("sent:       3", resend, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml").Length);
    }
}
