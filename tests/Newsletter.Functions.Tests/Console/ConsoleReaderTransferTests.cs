using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Subscriptions.Transfer;
using Newsletter.Functions.Console;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The readers page's import and export for admins, on real Azurite: the upload checked whole, queued, run and shown; the export downloaded.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleReaderTransferTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        (cookie, token) = await app.SignInAsync("admin@example.org");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private HttpRequest Upload(byte[] file, string? formToken)
    {
        using var content = new MultipartFormDataContent();
        if (formToken is not null)
        {
            content.Add(new StringContent(formToken), "antiforgery");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "readers.csv");
        var body = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return ConsoleHarness.WithCookie(FunctionRequests.Build(HttpMethods.Post, "/console/readers/import", body, content.Headers.ContentType!.ToString()), cookie);
    }

    private Task<FunctionResponse> ImportAsync(byte[] file, string? formToken = "use") =>
        app.CallAsync<ConsoleReaderImport>(Upload(file, formToken == "use" ? token : formToken), (f, r) => f.Run(r, CancellationToken.None));

    private Task<FunctionResponse> StatusAsync(string id) =>
        app.GetAsync<ConsoleReaderImportStatus>($"/console/readers/imports/{id}", cookie, (f, r) => f.Run(r, id, CancellationToken.None));

    private async Task<ReaderImportJob?> QueuedJobAsync()
    {
        var queue = app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.ReaderImports);
        var message = (await queue.ReceiveMessagesAsync(1)).Value.FirstOrDefault();
        return message is null ? null : QueueMessages.Deserialize<ReaderImportJob>(message.Body.ToString());
    }

    [Fact]
    public async Task AnUploadedFile_IsQueued_RunByTheQueueFunction_AndItsStatusPageShowsTheCounts()
    {
        var csv = "\uFEFFemail,name,consented_at,consent_source\r\nada@example.org,Ada,2025-03-14,\"Spring fair, sign-up sheet\"\r\nbo@example.org,Bo,,\r\n"u8.ToArray();

        var posted = await ImportAsync(csv);
        var id = posted.Headers.Location.ToString().Split('/')[^1];
        var queuedPage = await StatusAsync(id);
        var job = await QueuedJobAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportReaders>().Run(job!, CancellationToken.None);
        }

        var donePage = await StatusAsync(id);

        Assert.Equal(303, posted.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/readers/imports/{id}", posted.Headers.Location.ToString());
        Assert.Contains("<strong>Waiting to start</strong>: 0 of 2 rows", queuedPage.Body, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\" />", queuedPage.Body, StringComparison.Ordinal);
        Assert.Equal(id, job!.Id);
        Assert.Contains("<strong>Done</strong>: 2 of 2 rows", donePage.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Imported active, with their consent</dt><dd>1</dd>", donePage.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Imported pending, confirmation mailed</dt><dd>1</dd>", donePage.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", donePage.Body, StringComparison.Ordinal);
        var ada = await app.Services.GetRequiredService<ReaderDesk>().FindAsync("ada@example.org", CancellationToken.None);
        Assert.Equal((ReaderState.Active, "Spring fair, sign-up sheet"), (ada!.State, ada.Consent!.Source));
    }

    [Fact]
    public async Task AFileWithBadRows_GetsTheReadersPageListingThemByLine_AndNothingIsKeptOrQueued()
    {
        var csv = Encoding.UTF8.GetBytes("email,topics\nada@example.org,Research\nnot-an-address,\ncy@example.org,Astrology\n");

        var page = await ImportAsync(csv);

        Assert.Equal(400, page.Status);
        Assert.Contains("Nothing was imported: readers.csv has 2 problems.", page.Body, StringComparison.Ordinal);
        Assert.Contains("<li>Line 3: bad address &#x27;not-an-address&#x27;", page.Body, StringComparison.Ordinal);
        Assert.Contains("<li>Line 4: unknown topic &#x27;Astrology&#x27;", page.Body, StringComparison.Ordinal);
        Assert.Null(await QueuedJobAsync());
        Assert.Null(await app.Services.GetRequiredService<ReaderDesk>().FindAsync("ada@example.org", CancellationToken.None));
    }

    [Fact]
    public async Task ABinaryFile_IsRefusedWhole_AndAFileOverTheLimit_Gets413BeforeItIsRead()
    {
        var binary = new byte[1024 * 1024];
        new Random(3).NextBytes(binary);

        var refused = await ImportAsync(binary);
        var tooLarge = await Assert.ThrowsAsync<BadHttpRequestException>(() => ImportAsync(new byte[ReaderCsv.MaxFileBytes + (128 * 1024)]));

        Assert.Equal(400, refused.Status);
        Assert.Contains("The file: This is not a CSV text file", refused.Body, StringComparison.Ordinal);
        Assert.Equal(413, tooLarge.StatusCode);
        Assert.Null(await QueuedJobAsync());
    }

    [Fact]
    public async Task AnUploadWithoutTheFormToken_IsRefused()
    {
        var page = await ImportAsync("email\nada@example.org\n"u8.ToArray(), formToken: null);

        Assert.Equal(403, page.Status);
        Assert.Null(await QueuedJobAsync());
    }

    [Fact]
    public async Task TheExport_IsACsvDownloadOfTheActiveReaders_RecordedInTheAuditLog()
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("ada@example.org"));
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(TestData.ActiveReader(key.Id, key.Bucket, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-3)), CancellationToken.None);

        var response = await app.PostAsync<ConsoleReaderExport>("/console/readers/export", cookie, token, [], (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Contains("attachment; filename=active-readers-", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Contains("ada@example.org,", response.Body, StringComparison.Ordinal);
        var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.ReadersExported), 5, CancellationToken.None);
        Assert.Equal("admin@example.org", Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task TheReadersPage_OffersImportAndExportToAdmins_Only()
    {
        var (editorCookie, _) = await app.SignInAsync("editor@example.org");

        var admin = await app.GetAsync<ConsoleReaders>("/console/readers", cookie, (f, r) => f.Run(r, CancellationToken.None));
        var editor = await app.GetAsync<ConsoleReaders>("/console/readers", editorCookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Contains("enctype=\"multipart/form-data\"", admin.Body, StringComparison.Ordinal);
        Assert.Contains("Download the active readers (CSV)", admin.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Download the active readers", editor.Body, StringComparison.Ordinal);
        // Signed in, the footer leads back to the console instead of offering to sign in.
        Assert.Contains("<a href=\"https://news.example.org/console\">Your start page</a> (signed in)", admin.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(">Sign in</a>", admin.Body, StringComparison.Ordinal);
    }
}
