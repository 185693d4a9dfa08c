using System.Text;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newsletter.FunctionApp;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>
/// The worker's HTTP path as far as it runs without the Functions host: the app's <see cref="HttpAnswers"/>
/// middleware gets the invocation's <see cref="HttpContext"/> as the ASP.NET Core integration hands it over
/// (in <see cref="FunctionContext.Items"/>), the function runs inside it, and its result is executed after it,
/// as the integration's own middleware does.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class WorkerHttpAnswersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["App:BaseUrl"] = "https://news.example.org",
            ["Subscriptions:AddressHashKey"] = Key,
            ["Tokens:Keys"] = "k1:" + Key,
            ["Subscriptions:MinRenderSeconds"] = "0",
        }).Build();
        services = new ServiceCollection().AddLogging().AddMvcCore().Services
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    /// <summary>Runs one invocation through the worker's middleware and returns what the client reads.</summary>
    private async Task<FunctionResponse> InvokeAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> run)
        where TFunction : notnull
    {
        await using var scope = services.CreateAsyncScope();
        var http = request.HttpContext;
        http.RequestServices = scope.ServiceProvider;
        IActionResult? result = null;
        await new HttpAnswers(NullLogger<HttpAnswers>.Instance).Invoke(new InvocationContext(http, scope.ServiceProvider),
            async _ => result = await run(scope.ServiceProvider.GetRequiredService<TFunction>(), request));
        if (result is not null)
        {
            await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        }

        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body, Encoding.UTF8, leaveOpen: true);
        return new FunctionResponse(http.Response.StatusCode, http.Response.Headers, await reader.ReadToEndAsync());
    }

    private async Task<int> QueuedAsync(string queue) =>
        (await services.GetRequiredService<StorageClients>().Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    private static HttpRequest BigForm(string path, string field, int bytes, bool declared = true)
    {
        var request = FunctionRequests.Form(path, [KeyValuePair.Create("email", "jane@example.org"), KeyValuePair.Create(field, new string('x', bytes))]);
        if (!declared)
        {
            request.ContentLength = null;
        }

        return request;
    }

    [Fact]
    public async Task JsonFeedAndRedirectAnswers_CarryTheSecurityHeaders_AndPagesKeepTheirOwnPolicy()
    {
        var json = await InvokeAsync<Health>(FunctionRequests.Get("/api/health"), (f, r) => f.Run(r, CancellationToken.None));
        var feed = await InvokeAsync<global::Newsletter.Functions.Editions.Feed>(FunctionRequests.Get("/feed.atom"), (f, r) => f.Run(r, CancellationToken.None));
        var redirect = await InvokeAsync<LegacyPage>(FunctionRequests.Get("/api/subscribe"), (f, r) => Task.FromResult(f.Run(r, "subscribe")));
        var page = await InvokeAsync<SignIn>(FunctionRequests.Get("/signin"), (f, r) => f.Run(r, CancellationToken.None));

        foreach (var answer in new[] { json, feed, redirect })
        {
            Assert.Equal("nosniff", answer.Headers["X-Content-Type-Options"].ToString());
            Assert.Equal("DENY", answer.Headers["X-Frame-Options"].ToString());
            Assert.Equal("no-referrer", answer.Headers["Referrer-Policy"].ToString());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", answer.Headers.ContentSecurityPolicy.ToString());
        }

        Assert.Equal(308, redirect.Status);
        Assert.Contains("form-action 'self'", page.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignupFormOver64KiB_Gets413WithAPage_AndNothingIsQueued(bool declaredLength)
    {
        var answer = await InvokeAsync<Subscribe>(BigForm("/subscribe", "name", 70_000, declaredLength), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("This form is too large", answer.Body, StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers["X-Content-Type-Options"].ToString());
        Assert.Equal(0, await QueuedAsync(StorageNames.Queues.Signups));
    }

    [Fact]
    public async Task SignInFormOver64KiB_Gets413_AndMailsNothing_WhileAFormUnderTheLimitIsRead()
    {
        var big = await InvokeAsync<SignIn>(BigForm("/signin", "padding", 70_000), (f, r) => f.Run(r, CancellationToken.None));
        var under = await InvokeAsync<SignIn>(BigForm("/signin", "padding", 60_000), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(413, big.Status);
        Assert.Contains("This form is too large", big.Body, StringComparison.Ordinal);
        Assert.Equal(200, under.Status);
        Assert.Contains("Check your inbox", under.Body, StringComparison.Ordinal);
        Assert.Equal(1, await QueuedAsync(StorageNames.Queues.SignInMail));
    }

    [Fact]
    public async Task AFormOfMoreThan1024Fields_Gets400WithAPageSayingSo_AndMailsNothing()
    {
        var fields = Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"f{i}", "x")).Prepend(KeyValuePair.Create("email", "jane@example.org"));

        var answer = await InvokeAsync<SignIn>(FunctionRequests.Form("/signin", fields), (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("This form could not be read", answer.Body, StringComparison.Ordinal);
        Assert.Contains("It holds more than 1,024 fields", answer.Body, StringComparison.Ordinal);
        Assert.Equal(0, await QueuedAsync(StorageNames.Queues.SignInMail));
    }

    [Fact]
    public async Task BodyThatStopsShort_GetsItsStatus_APageForAFormAndJsonElsewhere_NotA500()
    {
        var form = FunctionRequests.Form("/signin", [KeyValuePair.Create("email", "jane@example.org")]);
        form.Body = new CutShortBody();
        var api = FunctionRequests.Post("/api/members/kth/releases", "{}");
        api.Body = new CutShortBody();

        var page = await InvokeAsync<SignIn>(form, (f, r) => f.Run(r, CancellationToken.None));
        var json = await InvokeAsync<Health>(api, async (_, r) =>
        {
            await r.Body.ReadExactlyAsync(new byte[16]);
            return new OkResult();
        });

        Assert.Equal(400, page.Status);
        Assert.Contains("This form did not arrive whole", page.Body, StringComparison.Ordinal);
        Assert.Equal(400, json.Status);
        Assert.StartsWith("application/json", json.ContentType, StringComparison.Ordinal);
        Assert.Equal("{\"error\":\"bad_request\",\"message\":\"The request body could not be read.\"}", json.Body);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", json.Headers.ContentSecurityPolicy.ToString());
    }

    [Fact]
    public async Task AnyOtherFailure_IsLeftToTheHost()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync<Health>(FunctionRequests.Get("/api/health"),
            (_, _) => throw new InvalidOperationException("a bug")));
    }

    /// <summary>A body that ends before its declared length, failing as Kestrel's request body does.</summary>
    private sealed class CutShortBody : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest);
    }

    /// <summary>The worker's invocation context, holding the HttpContext where the ASP.NET Core integration puts it.</summary>
    private sealed class InvocationContext(HttpContext http, IServiceProvider services) : FunctionContext
    {
        public override string InvocationId { get; } = Guid.NewGuid().ToString();
        public override string FunctionId => "test";
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = services;
        public override FunctionDefinition FunctionDefinition => null!;
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
    }
}
