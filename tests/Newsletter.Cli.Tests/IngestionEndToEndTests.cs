using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Members;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>Members' uploads through the local host: the blob door, the HTTP door, review, and rejections.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IngestionEndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly byte[] Seed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt"));
    private LocalHost _host = null!;
    private HttpClient _http = null!;
    private StorageClients _storage = null!;
    private string _apiKey = null!;

    public async Task InitializeAsync()
    {
        var account = azurite.NewAccount();
        _host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = account,
            Settings = new Dictionary<string, string?> { ["Ingestion:MaxUploadBytes"] = "65536" },
        });
        _storage = StorageClients.FromConnectionString(account);
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
        (_, _apiKey) = await _host.Services.GetRequiredService<MemberService>()
            .AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    private static HttpRequestMessage Upload(string member, byte[] body, string? apiKey, string? query = "?filename=release.txt", string contentType = "text/plain")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/members/{member}/releases{query}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    private async Task<JsonElement> ManageAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", _host.AdminKey);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task SeedAsABlob_AndOverHttp_GivesOnePublishedUpdate_TheSecondRecognisedAsDuplicate()
    {
        await _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync("ucl/seed.txt", new BinaryData(Seed));

        var published = await Eventually.ValueAsync(async () =>
        {
            var list = await ManageAsync("api/manage/updates?status=published");
            return list.GetProperty("updates").GetArrayLength() == 1 ? (JsonElement?)list.GetProperty("updates")[0] : null;
        }, TimeSpan.FromSeconds(30), "the blob upload becoming a published update");
        Assert.Equal("Servier and UCL collaborate in fight against immune-inflammatory diseases", published!.Value.GetProperty("title").GetString());
        Assert.Equal("2019-12-11", published.Value.GetProperty("date").GetString());
        Assert.Equal("University College London", published.Value.GetProperty("organisation").GetString());

        using var response = await _http.SendAsync(Upload("ucl", Seed, _apiKey));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/members/ucl/releases/{accepted.GetProperty("releaseId").GetString()}", location.OriginalString);
        Assert.Equal("processing", accepted.GetProperty("status").GetString());

        var status = await Eventually.ValueAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, location.OriginalString.TrimStart('/'));
            get.Headers.Add("X-Api-Key", _apiKey);
            using var answer = await _http.SendAsync(get);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("status").GetString() == "processing" ? (JsonElement?)null : body;
        }, TimeSpan.FromSeconds(30), "the HTTP upload being processed");
        Assert.Equal("duplicate", status!.Value.GetProperty("status").GetString());
        Assert.Equal(published.Value.GetProperty("id").GetString(), status.Value.GetProperty("updateId").GetString());
        Assert.Equal(1, (await ManageAsync("api/manage/updates")).GetProperty("updates").GetArrayLength());
    }

    [Fact]
    public async Task HttpUpload_IsDeliveredToIngestionAtOnce_AsEventGridDoes_WithoutTheBlobTriggersSweep()
    {
        // The blob trigger (the polling sweep) is switched off: only the host's own blob-created event can bring
        // the upload to IngestRelease.
        var account = azurite.NewAccount();
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = account,
            Settings = new Dictionary<string, string?> { ["AzureWebJobs.IngestRelease.Disabled"] = "true" },
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var (_, key) = await host.Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH", [], autoPublish: true, CancellationToken.None);

        using var response = await http.SendAsync(Upload("kth", Seed, key));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var status = await Eventually.ValueAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location!.OriginalString.TrimStart('/'));
            get.Headers.Add("X-Api-Key", key);
            using var answer = await http.SendAsync(get);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("status").GetString() == "processing" ? null : body.GetProperty("status").GetString();
        }, TimeSpan.FromSeconds(30), "the HTTP upload being processed");
        Assert.Equal("published", status);
        // The upload's status is saved before its incoming blob is removed, so the removal may come a moment later.
        var incoming = StorageClients.FromConnectionString(account).Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming);
        await Eventually.TrueAsync(async () => (await incoming.GetBlobsAsync().ToListAsync()).Count == 0, TimeSpan.FromSeconds(30), "the incoming upload being removed");
    }

    [Fact]
    public async Task WordDocument_OverHttpByContentTypeAndAsABlob_BecomesAnUpdate_AnEncryptedOneIsQuarantined()
    {
        var docx = new Core.Tests.Releases.DocxBuilder()
            .Styled("Title", "Quantum sensor prototype")
            .Paragraph("11 December 2019")
            .WithDeletion("The institute unveiled ", "a secret ", "a quantum sensor that measures tiny magnetic fields in living tissue.")
            .Build();

        using var response = await _http.SendAsync(Upload("ucl", docx, _apiKey, query: null, contentType: Core.Releases.ReleaseFormats.WordContentType));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        byte[] encrypted = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        await _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync("ucl/locked.docx", new BinaryData(encrypted));

        var published = await Eventually.ValueAsync(async () =>
        {
            var list = await ManageAsync("api/manage/updates?status=published");
            return list.GetProperty("updates").GetArrayLength() == 1 ? (JsonElement?)list.GetProperty("updates")[0] : null;
        }, TimeSpan.FromSeconds(30), "the Word upload becoming a published update");
        Assert.Equal("Quantum sensor prototype", published!.Value.GetProperty("title").GetString());
        Assert.Equal("2019-12-11", published.Value.GetProperty("date").GetString());

        var quarantine = _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Quarantine);
        var errorPath = await Eventually.ValueAsync(async () =>
        {
            await foreach (var item in quarantine.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "ucl/", CancellationToken.None))
            {
                if (item.Name.EndsWith("/locked.docx.error.json", StringComparison.Ordinal))
                {
                    return item.Name;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(30), "the encrypted upload reaching quarantine");
        using var json = JsonDocument.Parse((await quarantine.GetBlobClient(errorPath).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("encrypted-document", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task BadFile_EndsInQuarantine_WithItsReason()
    {
        await _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).UploadBlobAsync("ucl/scan.txt", new BinaryData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0x01 }));

        var quarantine = _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Quarantine);
        var errorPath = await Eventually.ValueAsync(async () =>
        {
            await foreach (var item in quarantine.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "ucl/", CancellationToken.None))
            {
                if (item.Name.EndsWith("/scan.txt.error.json", StringComparison.Ordinal))
                {
                    return item.Name;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(30), "the bad upload reaching quarantine");

        using var json = JsonDocument.Parse((await quarantine.GetBlobClient(errorPath).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("binary", json.RootElement.GetProperty("code").GetString());
        Assert.True((await quarantine.GetBlobClient(errorPath[..^".error.json".Length]).ExistsAsync()).Value);
        Assert.False((await _storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).GetBlobClient("ucl/scan.txt").ExistsAsync()).Value);
    }

    [Fact]
    public async Task HttpUpload_RejectsBadRequestsWithSpecificAnswers()
    {
        using var wrongKey = await _http.SendAsync(Upload("ucl", Seed, "nk_00000000.wrong"));
        using var noKey = await _http.SendAsync(Upload("ucl", Seed, null));
        using var unknown = await _http.SendAsync(Upload("nobody", Seed, _apiKey));
        using var tooLarge = await _http.SendAsync(Upload("ucl", new byte[70_000], _apiKey));
        using var unsupported = await _http.SendAsync(Upload("ucl", Seed, _apiKey, query: "?filename=release.pdf", contentType: "application/pdf"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Equal("invalid_api_key", (await wrongKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("too_large", (await tooLarge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task HttpUpload_OverTheLimitWithoutContentLength_IsStoppedWhileStreaming()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/members/ucl/releases?filename=big.txt")
        {
            Content = new StreamContent(new MemoryStream(new byte[200_000])),
        };
        request.Headers.Add("X-Api-Key", _apiKey);
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>The README's review commands, run with curl exactly as written there (the key, id and port filled in).</summary>
    [Fact]
    public async Task ReadmeReviewCommands_WorkAsWritten()
    {
        var members = _host.Services.GetRequiredService<MemberService>();
        var (_, key) = await members.AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        foreach (var title in new[] { "Quantum sensor prototype", "Battery recycling pilot" })
        {
            using var upload = await _http.SendAsync(Upload("kth", Encoding.UTF8.GetBytes($"{title}\n\nThe institute reports on {title.ToLowerInvariant()}, a project with partners in five countries over three years.\n"), key));
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        var commands = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"))
            .Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("/api/manage/updates", StringComparison.Ordinal))
            .ToArray();
        string Command(string verb) => commands.Single(c => c.Contains(verb, StringComparison.Ordinal))
            .Replace("$ADMIN_KEY", _host.AdminKey, StringComparison.Ordinal)
            .Replace("http://127.0.0.1:7071/", _host.BaseAddress.ToString(), StringComparison.Ordinal);

        var pending = await Eventually.ValueAsync(async () =>
        {
            var list = await Curl(Command("status=pending-review"));
            var ids = list.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray();
            return ids.Length == 2 ? ids : null;
        }, TimeSpan.FromSeconds(30), "both uploads waiting for review");

        var approved = await Curl(Command("/approve").Replace("<id>", pending[0], StringComparison.Ordinal));
        var rejected = await Curl(Command("/reject").Replace("<id>", pending[1], StringComparison.Ordinal));

        Assert.Equal("published", approved.GetProperty("status").GetString());
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(("Alice", "Not a research update"), (rejected.GetProperty("history")[1].GetProperty("actor").GetString(), rejected.GetProperty("history")[1].GetProperty("reason").GetString()));
    }

    private static async Task<JsonElement> Curl(string command)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", command + " --silent --show-error"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command}: {error}");
        var answer = JsonDocument.Parse(output).RootElement.Clone();
        Assert.False(answer.TryGetProperty("error", out _), $"{command} answered {output}");
        return answer;
    }

    [Fact]
    public async Task ManageEndpoints_NeedTheAdminKey_AndRecordTheReview()
    {
        var members = _host.Services.GetRequiredService<MemberService>();
        var (_, reviewedKey) = await members.AddAsync("inst", "Example Institute", [], autoPublish: false, CancellationToken.None);
        using (var upload = await _http.SendAsync(Upload("inst", Encoding.UTF8.GetBytes("Quantum sensor prototype\n\nThe institute unveiled a quantum sensor that measures tiny magnetic fields in living tissue.\n"), reviewedKey)))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        using (var anonymous = await _http.GetAsync(new Uri("api/manage/updates", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var pending = await Eventually.ValueAsync(async () =>
        {
            var list = await ManageAsync("api/manage/updates?status=pending-review");
            return list.GetProperty("updates").GetArrayLength() == 1 ? list.GetProperty("updates")[0].GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the upload waiting for review");

        using var reject = new HttpRequestMessage(HttpMethod.Post, $"api/manage/updates/{pending}/reject") { Content = JsonContent.Create(new { reason = "Not a research update" }) };
        reject.Headers.Add("x-functions-key", _host.AdminKey);
        reject.Headers.Add("X-Actor", "Alice Editor");
        using var rejected = await _http.SendAsync(reject);
        var body = await rejected.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", body.GetProperty("status").GetString());
        var change = body.GetProperty("history")[1];
        Assert.Equal("Alice Editor", change.GetProperty("actor").GetString());
        Assert.Equal("Not a research update", change.GetProperty("reason").GetString());
    }
}
