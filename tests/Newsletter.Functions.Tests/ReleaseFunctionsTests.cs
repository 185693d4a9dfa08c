using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Members;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The release functions (upload, status, blob ingestion, review) called as the worker calls them, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class ReleaseFunctionsTests(AzuriteFixture azurite)
{
    private const string Release = "Climate data platform launched\n\nThe consortium will build a shared data platform for climate research across twelve countries over four years.\n";

    private async Task<(ServiceProvider Services, string ApiKey)> CreateAsync(bool autoPublish = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("NewsletterStorage", (string?)azurite.NewAccount())])
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var (_, key) = await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish, CancellationToken.None);
        return (services, key);
    }

    private static async Task<(int Status, JsonElement Body, FunctionResponse Response)> Call<T>(ServiceProvider services, HttpRequest request, Func<T, Task<Microsoft.AspNetCore.Mvc.IActionResult>> run)
        where T : notnull
    {
        await using var scope = services.CreateAsyncScope();
        var response = await (await run(scope.ServiceProvider.GetRequiredService<T>())).ExecuteAsync(request);
        return (response.Status, JsonDocument.Parse(response.Body).RootElement.Clone(), response);
    }

    [Fact]
    public async Task SubmitRelease_Answers202WithLocation_AndGetRelease_ReportsIt()
    {
        var (services, key) = await CreateAsync();
        await using var _ = services;
        var post = FunctionRequests.Post("/api/members/ucl/releases?filename=climate.txt", Release, "text/plain", ("X-Api-Key", key));

        var (status, body, response) = await Call<SubmitRelease>(services, post, f => f.Run(post, "ucl", CancellationToken.None));

        Assert.Equal(202, status);
        var releaseId = body.GetProperty("releaseId").GetString();
        Assert.Equal($"/api/members/ucl/releases/{releaseId}", response.Headers.Location.ToString());
        var get = FunctionRequests.Get($"/api/members/ucl/releases/{releaseId}", ("X-Api-Key", key));
        var (getStatus, record, _) = await Call<GetRelease>(services, get, f => f.Run(get, "ucl", releaseId!, CancellationToken.None));
        Assert.Equal((200, "processing"), (getStatus, record.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("ucl", "nk_0000.wrong", "?filename=r.txt", 401, "invalid_api_key")]
    [InlineData("nobody", null, "?filename=r.txt", 404, "unknown_member")]
    [InlineData("ucl", null, "?filename=r.pdf", 415, "unsupported_format")]
    public async Task SubmitRelease_AnswersEachFailureWithItsStatusAndCode(string member, string? key, string query, int expected, string code)
    {
        var (services, realKey) = await CreateAsync();
        await using var _ = services;
        var post = FunctionRequests.Post($"/api/members/{member}/releases{query}", Release, "application/octet-stream", ("X-Api-Key", key ?? realKey));

        var (status, body, _) = await Call<SubmitRelease>(services, post, f => f.Run(post, member, CancellationToken.None));

        Assert.Equal((expected, code), (status, body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task GetRelease_OfAnUnknownRelease_Is404()
    {
        var (services, key) = await CreateAsync();
        await using var _ = services;
        var get = FunctionRequests.Get("/api/members/ucl/releases/rnothing", ("X-Api-Key", key));

        var (status, body, _) = await Call<GetRelease>(services, get, f => f.Run(get, "ucl", "rnothing", CancellationToken.None));

        Assert.Equal((404, "unknown_release"), (status, body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task IngestRelease_TurnsTheTriggeringBlobIntoAnUpdate()
    {
        var (services, _) = await CreateAsync();
        await using var _ = services;
        var incoming = services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming);
        await incoming.UploadBlobAsync("ucl/climate.txt", BinaryData.FromString(Release));

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IngestRelease>().Run(incoming.GetBlobClient("ucl/climate.txt"), "ucl/climate.txt", CancellationToken.None);
        }

        var published = await services.GetRequiredService<IUpdateStore>().ListAsync(UpdateStatus.Published, 10, CancellationToken.None);
        Assert.Equal("Climate data platform launched", Assert.Single(published).Title);
        Assert.False((await incoming.GetBlobClient("ucl/climate.txt").ExistsAsync()).Value);
    }

    [Fact]
    public async Task IngestRelease_WithATraversingName_LeavesTheBlobItsClientAddresses_Untouched()
    {
        var (services, _) = await CreateAsync();
        await using var _ = services;
        var blobs = services.GetRequiredService<StorageClients>().Blobs;
        var templates = blobs.GetBlobContainerClient("templates");
        await templates.CreateIfNotExistsAsync();
        await templates.UploadBlobAsync("victim.txt", BinaryData.FromString(Release));
        const string name = "zz/../../templates/victim.txt";

        // The client the trigger hands over is built from the name, so it addresses templates/victim.txt.
        var triggerClient = blobs.GetBlobContainerClient(StorageNames.Containers.Incoming).GetBlobClient(name);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IngestRelease>().Run(triggerClient, name, CancellationToken.None);
        }

        Assert.Equal(Release, (await templates.GetBlobClient("victim.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Empty(await services.GetRequiredService<IUpdateStore>().ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ReviewFunctions_ApproveReject_AndAnswerEachFailure()
    {
        var (services, _) = await CreateAsync(autoPublish: false);
        await using var _ = services;
        var incoming = services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming);
        await incoming.UploadBlobAsync("ucl/a.txt", BinaryData.FromString(Release));
        await incoming.UploadBlobAsync("ucl/b.txt", BinaryData.FromString(Release.Replace("Climate", "Ocean", StringComparison.Ordinal)));
        await using (var scope = services.CreateAsyncScope())
        {
            var ingest = scope.ServiceProvider.GetRequiredService<IngestRelease>();
            await ingest.Run(incoming.GetBlobClient("ucl/a.txt"), "ucl/a.txt", CancellationToken.None);
            await ingest.Run(incoming.GetBlobClient("ucl/b.txt"), "ucl/b.txt", CancellationToken.None);
        }

        var list = FunctionRequests.Get("/api/manage/updates?status=pending-review");
        var (_, pending, _) = await Call<ListUpdates>(services, list, f => f.Run(list, CancellationToken.None));
        var ids = pending.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(2, ids.Length);

        var approve = FunctionRequests.Post($"/api/manage/updates/{ids[0]}/approve", string.Empty, "text/plain", ("X-Actor", "Alice"));
        var (approved, approvedBody, _) = await Call<ApproveUpdate>(services, approve, f => f.Run(approve, ids[0], CancellationToken.None));
        var noReason = FunctionRequests.Post($"/api/manage/updates/{ids[1]}/reject", "{}", "application/json");
        var (missing, missingBody, _) = await Call<RejectUpdate>(services, noReason, f => f.Run(noReason, ids[1], CancellationToken.None));

        // As curl -d sends it: a JSON body labelled as a form.
        var reject = FunctionRequests.Post($"/api/manage/updates/{ids[1]}/reject", "{\"reason\":\"Not a research update\"}", "application/x-www-form-urlencoded", ("X-Actor", "Bob"));
        var (rejected, rejectedBody, _) = await Call<RejectUpdate>(services, reject, f => f.Run(reject, ids[1], CancellationToken.None));
        var form = FunctionRequests.Form($"/api/manage/updates/{ids[0]}/reject", [KeyValuePair.Create("reason", "Too late")]);
        var (conflict, conflictBody, _) = await Call<RejectUpdate>(services, form, f => f.Run(form, ids[0], CancellationToken.None));
        var unknown = FunctionRequests.Post("/api/manage/updates/unothing/approve", string.Empty, "text/plain");
        var (notFound, notFoundBody, _) = await Call<ApproveUpdate>(services, unknown, f => f.Run(unknown, "unothing", CancellationToken.None));

        Assert.Equal((200, "published"), (approved, approvedBody.GetProperty("status").GetString()));
        Assert.Equal((400, "reason_required"), (missing, missingBody.GetProperty("error").GetString()));
        Assert.Equal((200, "rejected"), (rejected, rejectedBody.GetProperty("status").GetString()));
        Assert.Equal(("Bob", "Not a research update"), (rejectedBody.GetProperty("history")[1].GetProperty("actor").GetString(), rejectedBody.GetProperty("history")[1].GetProperty("reason").GetString()));
        Assert.Equal((409, "not_pending"), (conflict, conflictBody.GetProperty("error").GetString()));
        Assert.Equal((404, "unknown_update"), (notFound, notFoundBody.GetProperty("error").GetString()));
    }
}
