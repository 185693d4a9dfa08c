using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public class HealthTests(AzuriteFixture azurite)
{
    private static ServiceProvider Services(string storage) => new ServiceCollection()
        .AddLogging()
        .AddNewsletterFunctions(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("NewsletterStorage", (string?)storage)])
            .Build())
        .BuildServiceProvider();

    private static async Task<(int Status, JsonElement Body)> Call(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var function = scope.ServiceProvider.GetRequiredService<Health>();
        var result = Assert.IsType<JsonResult>(await function.Run(new DefaultHttpContext().Request, CancellationToken.None));
        var json = JsonSerializer.SerializeToElement(result.Value, JsonSerializerOptions.Web);
        return (result.StatusCode ?? 200, json);
    }

    [Fact]
    public async Task AnswersHealthy_WithVersion_WhenStorageAnswers()
    {
        var storage = azurite.NewAccount();
        await using var services = Services(storage);
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);

        var (status, body) = await Call(services);

        Assert.Equal(200, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("blobs").GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("queues").GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("tables").GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Answers503_WithTheReason_WhenStorageIsDown()
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());

        var (status, body) = await Call(services);

        Assert.Equal(503, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        var blobs = body.GetProperty("storage").GetProperty("blobs");
        Assert.Equal("unavailable", blobs.GetProperty("status").GetString());
        Assert.Contains("refused", blobs.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
