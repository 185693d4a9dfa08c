using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

[Collection(AzuriteCollection.Name)]
public class HeartbeatTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ABeat_IsWhatTheHealthEndpointShowsAsTheLastHeartbeat()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));
        await using var services = HealthTests.Services(azurite.NewAccount(), s => s.AddSingleton<TimeProvider>(time));
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);

        Assert.Equal(JsonValueKind.Null, (await LastHeartbeat(services)).ValueKind);

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Heartbeat>().Run(new TimerInfo { IsPastDue = true }, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromMinutes(3));
        var last = await LastHeartbeat(services);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero), last.GetDateTimeOffset());
    }

    private static async Task<JsonElement> LastHeartbeat(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var request = FunctionRequests.Get("/api/health");
        var response = await (await scope.ServiceProvider.GetRequiredService<Health>().Run(request, CancellationToken.None)).ExecuteAsync(request);
        Assert.Equal(200, response.Status);
        return JsonDocument.Parse(response.Body).RootElement.GetProperty("lastHeartbeat").Clone();
    }
}
