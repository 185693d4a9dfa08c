using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public class HealthTests(AzuriteFixture azurite)
{
    internal static ServiceProvider Services(string storage, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging());
        configure?.Invoke(services);
        return services
            .AddNewsletterFunctions(new ConfigurationBuilder()
                .AddInMemoryCollection([KeyValuePair.Create("NewsletterStorage", (string?)storage)])
                .Build())
            .BuildServiceProvider();
    }

    private static async Task<(int Status, JsonElement Body, string? ContentType)> Call(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var function = scope.ServiceProvider.GetRequiredService<Health>();
        var request = FunctionRequests.Get("/api/health");
        var response = await (await function.Run(request, CancellationToken.None)).ExecuteAsync(request);
        return (response.Status, JsonDocument.Parse(response.Body).RootElement.Clone(), response.ContentType);
    }

    [Fact]
    public async Task AnswersHealthy_WithVersion_WhenStorageAnswers()
    {
        var storage = azurite.NewAccount();
        await using var services = Services(storage);
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);

        var (status, body, contentType) = await Call(services);

        Assert.Equal(200, status);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("blobs").GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("queues").GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("tables").GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Answers503_WithAReasonCodePerService_AndLogsTheDetail_WhenStorageIsDown()
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());

        var (status, body, _) = await Call(services);

        Assert.Equal(503, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        foreach (var service in new[] { "blobs", "queues", "tables" })
        {
            var answer = body.GetProperty("storage").GetProperty(service);
            Assert.Equal("unavailable", answer.GetProperty("status").GetString());
            Assert.Equal("unreachable", answer.GetProperty("reason").GetString());
        }

        // The anonymous answer carries no SDK text; the operator finds it in the log.
        Assert.DoesNotContain("refused", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", body.GetRawText(), StringComparison.Ordinal);
        var logged = services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Where(r => r.Category == typeof(StorageHealthProbe).FullName && r.Level == LogLevel.Warning)
            .ToArray();
        Assert.Equal(3, logged.Length);
        Assert.All(logged, r => Assert.Contains("refused", r.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(logged, r => Assert.Contains("(unreachable)", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers503_NamingWhatIsMissing_WhenStorageIsNotProvisioned()
    {
        await using var services = Services(azurite.NewAccount());

        var (status, body, _) = await Call(services);

        Assert.Equal(503, status);
        var storage = body.GetProperty("storage");
        Assert.Equal("missing:container:incoming", storage.GetProperty("blobs").GetProperty("reason").GetString());
        Assert.Equal("missing:queue:mail", storage.GetProperty("queues").GetProperty("reason").GetString());
        Assert.Equal("missing:table:readers", storage.GetProperty("tables").GetProperty("reason").GetString());
    }
}
