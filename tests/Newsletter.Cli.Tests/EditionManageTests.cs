using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Editions;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>Editors' edition endpoints on the local host: preview, template overrides, test-send.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EditionManageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalHost _host = null!;
    private HttpClient _http = null!;
    private string _storage = null!;
    private string _outbox = null!;

    public async Task InitializeAsync()
    {
        _storage = azurite.NewAccount();
        var data = Directory.CreateTempSubdirectory("editions-").FullName;
        _outbox = Path.Combine(data, "outbox");
        _host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = _storage, DataDirectory = data });
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
        _http.DefaultRequestHeaders.Add("x-functions-key", _host.AdminKey);
        var services = _host.Services;
        await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await using var seed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt"));
        await services.GetRequiredService<IReleaseFiles>().SaveIncomingAsync("ucl", "seed.txt", seed, "text/plain", "r-seed", CancellationToken.None);
        await services.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", "seed.txt", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Preview_RendersTheNextEdition_AndNeedsTheKey()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        using var denied = await anonymous.GetAsync(new Uri("api/manage/editions/preview?frequency=daily", UriKind.Relative));
        using var preview = await _http.GetAsync(new Uri("api/manage/editions/preview?frequency=daily&topics=health", UriKind.Relative));
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Servier and UCL collaborate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[%", html, StringComparison.Ordinal);
        Assert.Equal("1", preview.Headers.GetValues("X-Edition-Updates").Single());
        Assert.Contains("Servier and UCL", Uri.UnescapeDataString(preview.Headers.GetValues("X-Edition-Subject").Single()), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IEditionStore>().ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task TemplateOverride_FromTheTemplatesContainer_IsUsed_AndABrokenOneIsReported()
    {
        var templates = StorageClients.FromConnectionString(_storage).Blobs.GetBlobContainerClient(StorageNames.Containers.Templates);
        await templates.UploadBlobAsync(EditionTemplates.Html, BinaryData.FromString(
            "<html><head><style>h1 { color: #c00; }</style></head><body><h1>Custom</h1>{% for u in updates %}<p>{{ u.title }}</p>{% endfor %}</body></html>"));

        using var custom = await _http.GetAsync(new Uri("api/manage/editions/preview?frequency=weekly", UriKind.Relative));
        var html = await custom.Content.ReadAsStringAsync();
        Assert.Contains("<h1 style=\"color: #c00\">Custom</h1>", html, StringComparison.Ordinal);
        Assert.False(custom.Headers.Contains("X-Template-Problem"));

        await templates.GetBlobClient(EditionTemplates.Html).UploadAsync(BinaryData.FromString("<p>{% if %}</p>"), overwrite: true);
        using var broken = await _http.GetAsync(new Uri("api/manage/editions/preview?frequency=weekly", UriKind.Relative));
        var fallback = await broken.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("Read more", fallback, StringComparison.Ordinal);
        Assert.Matches(@"edition\.html\.liquid: .*\(1:\d+\)", Uri.UnescapeDataString(broken.Headers.GetValues("X-Template-Problem").Single()));
    }

    [Fact]
    public async Task TestSend_MailsTheGivenAddressesOnly()
    {
        var edition = (await _host.Services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, DateTimeOffset.UtcNow, CancellationToken.None)).Edition;

        using var notAnObject = await _http.PostAsJsonAsync(new Uri($"api/manage/editions/{edition.Id}/test-send", UriKind.Relative), new[] { "x" });
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        using var invalid = await _http.PostAsJsonAsync(new Uri($"api/manage/editions/{edition.Id}/test-send", UriKind.Relative), new { addresses = new[] { "not an address" } });
        using var sent = await _http.PostAsJsonAsync(new Uri($"api/manage/editions/{edition.Id}/test-send", UriKind.Relative), new { addresses = new[] { "editor@example.org" } });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(1, (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
        var mail = await Eventually.ValueAsync(() => Task.FromResult(Directory.Exists(_outbox) ? Directory.GetFiles(_outbox, "*.eml").SingleOrDefault() : null),
            TimeSpan.FromSeconds(10), "the test mail in the outbox");
        var message = await MimeMessage.LoadAsync(mail);
        Assert.Equal("editor@example.org", message.To.Mailboxes.Single().Address);
        Assert.StartsWith("[Test] ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Servier and UCL collaborate", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("[%", message.HtmlBody, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData(ReaderState.Erased)]
    [InlineData(ReaderState.Bounced)]
    [InlineData(ReaderState.Complained)]
    public async Task TestSend_RefusesSuppressedAddresses_AndSendsNothing(ReaderState state)
    {
        var edition = (await _host.Services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, DateTimeOffset.UtcNow, CancellationToken.None)).Edition;
        var key = _host.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("gone@example.org"));
        var reader = Reader.NewPending(key.Id, key.Bucket, DateTimeOffset.UtcNow);
        reader.SignUp("gone@example.org", ReaderChoices.Default, DateTimeOffset.UtcNow);
        Assert.True(state == ReaderState.Erased ? reader.Erase(DateTimeOffset.UtcNow, "test") : reader.ApplyFeedback(state, DateTimeOffset.UtcNow, "test"));
        await _host.Services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);

        using var refused = await _http.PostAsJsonAsync(new Uri($"api/manage/editions/{edition.Id}/test-send", UriKind.Relative),
            new { addresses = new[] { "editor@example.org", "Gone@Example.org" } });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("suppressed_address", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.False(Directory.Exists(_outbox) && Directory.GetFiles(_outbox, "*.eml").Length > 0, "a mail went out");
    }
}
