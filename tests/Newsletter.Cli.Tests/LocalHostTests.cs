using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public class LocalHostTests(AzuriteFixture azurite)
{
    private static ServeOptions Options(string storage, params (string Key, string Value)[] settings) => new()
    {
        Port = AzuriteServer.FreePort(),
        Storage = storage,
        DataDirectory = Directory.CreateTempSubdirectory("localhost-test-").FullName,
        Settings = settings.ToDictionary(s => s.Key, s => (string?)s.Value),
    };

    [Fact]
    public async Task Health_AnswersHealthy_OverHttp()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount()));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("healthy", body.GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task JsonAnswers_CarryTheSecurityHeaders_AndPagesKeepTheirOwnPolicy()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount()));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        foreach (var path in new[] { "api/health", "feed.atom" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        using var page = await http.GetAsync(new Uri("signin", UriKind.Relative));
        Assert.Contains("form-action 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Gets404Json()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount()));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("api/no/such/thing", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", body.GetProperty("error").GetString());
        Assert.Contains("/api/no/such/thing", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Answers503WithTheReason_WhenStorageGoesDown()
    {
        var storage = await AzuriteServer.StartAsync(new AzuriteOptions());
        await using var host = await LocalHost.StartAsync(Options(storage.ConnectionString));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        await storage.DisposeAsync();

        using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("unreachable", body.GetProperty("storage").GetProperty("tables").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task BusyPort_FailsWithAMessageNamingThePortAndTheOption()
    {
        using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<PortInUseException>(() =>
            LocalHost.StartAsync(Options(azurite.NewAccount()) with { Port = port }));

        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryHttpFunction_IsServedWithItsRouteAndMethods()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount()));
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

        var http = FunctionCatalog.WorkerFunctions().Where(f => f.Kind == TriggerKind.Http).ToArray();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == function.Name);
            Assert.Equal(function.Binding, endpoint.RoutePattern.RawText);
            Assert.Equal(function.HttpMethods.Order(), endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Order());
        }
    }

    [Fact]
    public async Task TimerTrigger_ReachesItsFunctionClass()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount(), ("Host:HeartbeatSchedule", "*/1 * * * * *")));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var beat = await Eventually.ValueAsync(async () =>
        {
            var body = await http.GetFromJsonAsync<JsonElement>(new Uri("api/health", UriKind.Relative));
            var last = body.GetProperty("lastHeartbeat");
            return last.ValueKind == JsonValueKind.Null ? (DateTimeOffset?)null : last.GetDateTimeOffset();
        }, TimeSpan.FromSeconds(20));

        Assert.True(beat > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task QueueTrigger_BindsItsMessageType_AndAMessageItCannotReadEndsInThePoisonQueue()
    {
        await using var host = await LocalHost.StartAsync(Options(azurite.NewAccount()));
        var queues = host.Services.GetRequiredService<StorageClients>().Queues;
        var mail = queues.GetQueueClient(StorageNames.Queues.Mail);
        const string unreadable = "{\"kind\": \"Confirm\", \"readerId\": ";
        await mail.SendMessageAsync(unreadable);
        await mail.SendMessageAsync(QueueMessages.Serialize(new MailJob(MailKind.Confirm, "no-such-reader", DateTimeOffset.UtcNow)));

        // The readable message (its kind spelled by name, as the publisher writes it) is taken and done; the other is
        // tried as often as the queue allows, then moved aside, and the host goes on serving.
        var poison = queues.GetQueueClient(StorageNames.Queues.Mail + "-poison");
        var poisoned = await Eventually.ValueAsync(async () =>
            (await mail.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 && await poison.ExistsAsync()
                && (await poison.PeekMessagesAsync(32)).Value is { Length: > 0 } moved
                ? moved
                : null, TimeSpan.FromSeconds(60), "the mail queue emptying into its poison queue");
        Assert.Equal(unreadable, Assert.Single(poisoned).Body.ToString());
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var health = await http.GetAsync(new Uri("api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
