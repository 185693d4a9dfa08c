using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Editorial;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Functions.Editions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The member API's multipart door with an image, and <c>/media/...</c> as the function classes answer.</summary>
[Collection(AzuriteCollection.Name)]
public class MediaFunctionsTests(AzuriteFixture azurite)
{
    private const string Release = "Quantum sensor maps the brain\n\nThe sensor, built by the institute's physicists, records the brain's magnetic field without cooling.\n";

    private sealed record World(ServiceProvider Services, string ApiKey) : IAsyncDisposable
    {
        public async Task<FunctionResponse> CallAsync<T>(Microsoft.AspNetCore.Http.HttpRequest request, Func<T, Task<IActionResult>> run) where T : notnull
        {
            await using var scope = Services.CreateAsyncScope();
            return await (await run(scope.ServiceProvider.GetRequiredService<T>())).ExecuteAsync(request);
        }

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private async Task<World> CreateAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["Tokens:Keys"] = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            ["Subscriptions:AddressHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)))
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var (_, key) = await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], true, CancellationToken.None);
        return new World(services, key);
    }

    private static Microsoft.AspNetCore.Http.HttpRequest Multipart(string apiKey, byte[]? image, bool withRelease = true, string query = "")
    {
        using var form = new MultipartFormDataContent();
        if (withRelease)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Release));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "release", "sensor.txt");
        }

        if (image is not null)
        {
            form.Add(new ByteArrayContent(image), "image", "sensor.jpg");
            form.Add(new StringContent("The sensor in its frame"), "imageCaption");
            form.Add(new StringContent("Photo: UCL"), "imageCredit");
            form.Add(new StringContent("CC BY 4.0"), "imageLicence");
        }

        var body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return FunctionRequests.Build("POST", "/api/members/ucl/releases" + query, body, form.Headers.ContentType!.ToString(), ("X-Api-Key", apiKey));
    }

    private static async Task<(JsonElement Accepted, IngestionOutcome Outcome)> UploadAsync(World w, byte[]? image)
    {
        var post = Multipart(w.ApiKey, image);
        var accepted = await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None));
        Assert.Equal(202, accepted.Status);
        var record = JsonDocument.Parse(accepted.Body).RootElement;
        var outcome = await w.Services.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", record.GetProperty("file").GetString()!, CancellationToken.None);
        return (record, outcome!);
    }

    [Fact]
    public async Task AMultipartUploadWithAnImage_GivesAPageWithTheFigure_AndImmutableMedia()
    {
        await using var w = await CreateAsync();

        var (accepted, outcome) = await UploadAsync(w, TestImages.WithGpsExif(TestImages.Halves(1600, 1200)));

        Assert.Equal("sensor.txt", accepted.GetProperty("file").GetString()![22..]);
        Assert.Empty(accepted.GetProperty("warnings").EnumerateArray());
        var update = outcome.Update!;
        Assert.Equal(UpdateStatus.Published, update.Status);
        var get = FunctionRequests.Get($"/updates/{update.Id}");
        var html = await w.CallAsync<UpdatePage>(get, f => f.Run(get, update.Id, CancellationToken.None));
        Assert.Contains($"/media/{update.Id}/{update.Image!.AtLeast(600).Name}", html.Body, StringComparison.Ordinal);
        Assert.Contains("The sensor in its frame", html.Body, StringComparison.Ordinal);

        var large = update.Image.Large;
        var media = FunctionRequests.Get($"/media/{update.Id}/{large.Name}");
        var served = await w.CallAsync<ServeMedia>(media, f => f.Run(media, update.Id, large.Name, CancellationToken.None));
        Assert.Equal(200, served.Status);
        Assert.Equal("image/jpeg", served.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", served.Headers.XContentTypeOptions.ToString());
        Assert.Equal(large.Length, served.Headers.ContentLength);
    }

    [Fact]
    public async Task AnSvgImage_IsRefusedWithAWarning_AndTheReleaseIsPublishedWithoutIt()
    {
        await using var w = await CreateAsync();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

        var (accepted, outcome) = await UploadAsync(w, svg);

        Assert.Contains("image-svg", Assert.Single(accepted.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(UpdateStatus.Published, outcome.Update!.Status);
        Assert.Null(outcome.Update.Image);
    }

    [Fact]
    public async Task AMultipartBodyWithoutTheReleasePart_IsABadRequest()
    {
        await using var w = await CreateAsync();
        var post = Multipart(w.ApiKey, TestImages.Halves(200, 100), withRelease: false);

        var answer = await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None));

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_multipart", JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AMultipartBodyCutShort_IsABadRequest_AndNothingIsStored()
    {
        await using var w = await CreateAsync();
        var body = Encoding.UTF8.GetBytes("--xx\r\nContent-Disposition: form-data; name=\"release\"; filename=\"a.md\"\r\n\r\nhello");
        var post = FunctionRequests.Build("POST", "/api/members/ucl/releases", body, "multipart/form-data; boundary=xx", ("X-Api-Key", w.ApiKey));

        var answer = await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None));

        Assert.Equal(400, answer.Status);
        var error = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal("invalid_multipart", error.GetProperty("error").GetString());
        Assert.Contains("cut short", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailsPicture_IsShownOnceTheMemberCompletesIt_AndAnEditorCanCorrectIt()
    {
        await using var w = await CreateAsync();
        var picture = string.Join("\r\n", Convert.ToBase64String(TestImages.Halves(800, 500)).Chunk(76).Select(line => new string(line)));
        var eml = "From: Press Office <press@ucl.ac.uk>\r\nSubject: Quantum sensor maps the brain\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "The sensor, built by the institute's physicists, records the brain's magnetic field without cooling.\r\n"
            + "--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"sensor.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + picture + "\r\n--b1--\r\n";
        var post = FunctionRequests.Post("/api/members/ucl/releases?filename=sensor.eml", eml, "message/rfc822", ("X-Api-Key", w.ApiKey));
        var accepted = JsonDocument.Parse((await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "ucl", CancellationToken.None))).Body).RootElement;
        var outcome = await w.Services.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", accepted.GetProperty("file").GetString()!, CancellationToken.None);
        var update = outcome!.Update!;
        var releaseId = accepted.GetProperty("releaseId").GetString()!;
        Assert.Null(update.ShownImage);

        async Task<string> PageAsync()
        {
            var get = FunctionRequests.Get($"/updates/{update.Id}");
            return (await w.CallAsync<UpdatePage>(get, f => f.Run(get, update.Id, CancellationToken.None))).Body;
        }

        Assert.DoesNotContain("<figure", await PageAsync(), StringComparison.Ordinal);

        var incomplete = FunctionRequests.Post($"/api/members/ucl/releases/{releaseId}/image", """{"caption":"The sensor"}""", "application/json", ("X-Api-Key", w.ApiKey));
        var refused = await w.CallAsync<CompleteReleaseImage>(incomplete, f => f.Run(incomplete, "ucl", releaseId, CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Contains("a credit", refused.Body, StringComparison.Ordinal);

        var complete = FunctionRequests.Post($"/api/members/ucl/releases/{releaseId}/image",
            """{"caption":"The sensor on its bench","credit":"Photo: UCL","licence":"CC BY 4.0"}""", "application/json", ("X-Api-Key", w.ApiKey));
        var done = await w.CallAsync<CompleteReleaseImage>(complete, f => f.Run(complete, "ucl", releaseId, CancellationToken.None));
        Assert.Equal(200, done.Status);
        Assert.Contains("The sensor on its bench", await PageAsync(), StringComparison.Ordinal);

        var correct = FunctionRequests.Post($"/api/manage/updates/{update.Id}/image",
            """{"caption":"The sensor on its bench","credit":"Photo: UCL / Jane Doe","licence":"permission","alt":"A small box wired to a laptop"}""");
        var corrected = await w.CallAsync<CompleteUpdateImage>(correct, f => f.Run(correct, update.Id, CancellationToken.None));
        Assert.Equal(200, corrected.Status);
        var html = await PageAsync();
        Assert.Contains("Photo: UCL / Jane Doe", html, StringComparison.Ordinal);
        Assert.Contains("All rights reserved, used with permission", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"A small box wired to a laptop\"", html, StringComparison.Ordinal);

        // An auto-publish member still changes its published image; each door is recorded with its actor and the details before and after.
        var change = FunctionRequests.Post($"/api/members/ucl/releases/{releaseId}/image",
            """{"caption":"The sensor at work","credit":"Photo: UCL / Jane Doe","licence":"permission","alt":"A small box wired to a laptop"}""", "application/json", ("X-Api-Key", w.ApiKey));
        Assert.Equal(200, (await w.CallAsync<CompleteReleaseImage>(change, f => f.Run(change, "ucl", releaseId, CancellationToken.None))).Status);
        Assert.Contains("The sensor at work", await PageAsync(), StringComparison.Ordinal);
        var entries = await ImageChangesAsync(w, update.Id);
        Assert.Equal(3, entries.Count);
        Assert.Equal(new FieldChange("image caption", "", "The sensor on its bench"),
            entries.Single(e => e.Actor == "ucl (API key)" && e.Changes.Count == 4).Changes[0]);
        Assert.Equal(
            [new FieldChange("image credit", "Photo: UCL", "Photo: UCL / Jane Doe"), new FieldChange("image licence", "cc-by-4.0", "permission"),
             new FieldChange("image alt text", "The sensor on its bench", "A small box wired to a laptop")],
            entries.Single(e => e.Actor == "editor").Changes);
        Assert.Equal([new FieldChange("image caption", "The sensor on its bench", "The sensor at work")],
            entries.Single(e => e.Actor == "ucl (API key)" && e.Changes.Count == 1).Changes);
        var history = (await w.Services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None))!.History;
        Assert.Equal(["ucl (API key)", "editor", "ucl (API key)"], history.Skip(1).Select(h => h.Actor));
        Assert.All(history.Skip(1), h => Assert.Equal(("published", "published"), (h.From, h.To)));
    }

    [Fact]
    public async Task AMemberWithoutAutoPublish_ChangesItsImageUntilEditorsPublishTheUpdate_ThenGets409()
    {
        await using var w = await CreateAsync();
        var (_, key) = await w.Services.GetRequiredService<MemberService>().AddAsync("kth", "KTH Royal Institute of Technology", [], false, CancellationToken.None);
        var post = Multipart(key, TestImages.Halves(800, 500));
        var accepted = JsonDocument.Parse((await w.CallAsync<SubmitRelease>(post, f => f.Run(post, "kth", CancellationToken.None))).Body).RootElement;
        var update = (await w.Services.GetRequiredService<ReleaseIngestion>().IngestAsync("kth", accepted.GetProperty("file").GetString()!, CancellationToken.None))!.Update!;
        Assert.Equal(UpdateStatus.PendingReview, update.Status);
        var releaseId = accepted.GetProperty("releaseId").GetString()!;

        async Task<FunctionResponse> ChangeAsync(string caption)
        {
            var change = FunctionRequests.Post($"/api/members/kth/releases/{releaseId}/image",
                $$"""{"caption":"{{caption}}","credit":"Photo: KTH","licence":"cc-by-4.0"}""", "application/json", ("X-Api-Key", key));
            return await w.CallAsync<CompleteReleaseImage>(change, f => f.Run(change, "kth", releaseId, CancellationToken.None));
        }

        Assert.Equal(200, (await ChangeAsync("The sensor, before review")).Status);
        Assert.Equal(EditorialOutcome.Done, (await w.Services.GetRequiredService<EditorialService>().ApproveAsync(update.Id, "editor@example.org", CancellationToken.None)).Outcome);

        var refused = await ChangeAsync("A caption nobody reviewed");
        Assert.Equal(409, refused.Status);
        var error = JsonDocument.Parse(refused.Body).RootElement;
        Assert.Equal("published", error.GetProperty("error").GetString());
        Assert.Equal("This update is published: ask the editors for a correction.", error.GetProperty("message").GetString());
        var get = FunctionRequests.Get($"/updates/{update.Id}");
        var page = (await w.CallAsync<UpdatePage>(get, f => f.Run(get, update.Id, CancellationToken.None))).Body;
        Assert.Contains("The sensor, before review", page, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody reviewed", page, StringComparison.Ordinal);

        var entry = Assert.Single(await ImageChangesAsync(w, update.Id));
        Assert.Equal("kth (API key)", entry.Actor);
        Assert.Equal(new FieldChange("image caption", "The sensor in its frame", "The sensor, before review"), entry.Changes[0]);
    }

    private static Task<IReadOnlyList<AuditEntry>> ImageChangesAsync(World w, string updateId) =>
        w.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(AuditActions.UpdateImageChanged, Subject: updateId), 10, CancellationToken.None);

    [Fact]
    public async Task UnknownMediaNames_AreNotFound()
    {
        await using var w = await CreateAsync();
        var (_, outcome) = await UploadAsync(w, TestImages.Halves(400, 300));
        var id = outcome.Update!.Id;

        foreach (var name in new[] { "image.json", "..%2Fstaged", outcome.Update.Image!.Large.Name.Replace('a', 'b') + "x" })
        {
            var get = FunctionRequests.Get($"/media/{id}/x");
            var answer = await w.CallAsync<ServeMedia>(get, f => f.Run(get, id, name, CancellationToken.None));
            Assert.Equal(404, answer.Status);
        }
    }
}
