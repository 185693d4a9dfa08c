using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Infrastructure.Mail;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Mail;

/// <summary>The SendGrid transport over real HTTP to the stub: request shape, limits, retries and unknown outcomes.</summary>
public sealed class SendGridBulkMailSenderTests : IAsyncLifetime
{
    private SendGridStub _stub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _stub = await SendGridStub.StartAsync();
        // A generous timeout: answers that do come must never be mistaken for lost ones on a busy machine.
        _services = Services(_stub, timeoutSeconds: 30);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    /// <summary>The transport as the app registers it, pointed at the stub, with short back-off so the tests are quick.</summary>
    public static ServiceProvider Services(SendGridStub stub, int timeoutSeconds, string apiKey = SendGridStub.ApiKey)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new SendGridOptions
        {
            ApiKey = apiKey, Host = stub.BaseAddress.ToString().TrimEnd('/'), TimeoutSeconds = timeoutSeconds, MaxAttempts = 4, RetryBaseDelayMilliseconds = 10,
        }));
        services.AddSendGridHttpClient();
        services.AddSingleton<SendGridBulkMailSender>();
        return services.BuildServiceProvider();
    }

    private static BulkMessage Message(int recipients, string? badAddress = null) => new(
        "updates@news.example.org", "Test Network", "Digest", $"<p>{ReaderPlaceholders.Greeting}</p>", $"{ReaderPlaceholders.Greeting}",
        new Dictionary<string, string> { ["List-Id"] = "Test Network <digest.news.example.org>" },
        ["daily", "digest"],
        Enumerable.Range(0, recipients).Select(i => new Personalization(
            i == 0 && badAddress is not null ? badAddress : $"r{i}@example.org", null,
            new Dictionary<string, string> { [ReaderPlaceholders.Greeting] = "Hello," },
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<https://news.example.org/api/unsubscribe?token=t{i}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
            new Dictionary<string, string> { ["edition_id"] = "daily-20261130T0700", ["reader_id"] = $"reader{i}" })).ToArray());

    private SendGridBulkMailSender Sender => _services.GetRequiredService<SendGridBulkMailSender>();

    [Fact]
    public async Task Chunk_IsOneRequest_WithAPersonalizationPerReader()
    {
        var result = await Sender.SendAsync(Message(1000), CancellationToken.None);

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        Assert.Equal(1, _stub.Requests);
        Assert.Equal(1000, _stub.Accepted.Count);
        var first = _stub.Accepted.First(r => r.Email == "r0@example.org");
        Assert.Equal("reader0", first.CustomArgs["reader_id"]);
        Assert.Equal("List-Unsubscribe=One-Click", first.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<https://news.example.org/api/unsubscribe?token=t0>", first.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("Hello,", first.Substitutions[ReaderPlaceholders.Greeting]);
    }

    [Fact]
    public async Task OverTheLimit_OrInvalid_IsRejected_WithSendGridsError_AndNotRetried()
    {
        var tooMany = await Sender.SendAsync(Message(1001), CancellationToken.None);
        var badAddress = await Sender.SendAsync(Message(2, badAddress: "not-an-address"), CancellationToken.None);

        Assert.Equal(BulkSendStatus.Rejected, tooMany.Status);
        Assert.Contains("400", tooMany.Detail, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"personalizations\"", tooMany.Detail, StringComparison.Ordinal);
        Assert.Equal(BulkSendStatus.Rejected, badAddress.Status);
        Assert.Contains("personalizations.0.to.email", badAddress.Detail, StringComparison.Ordinal);
        Assert.Equal(2, _stub.Requests);
        Assert.Empty(_stub.Accepted);
    }

    [Fact]
    public async Task WrongKey_IsNotAccepted_SoTheChunkCanBeSentOnceTheKeyIsFixed()
    {
        await using var services = Services(_stub, 30, apiKey: "SG.wrong");
        var result = await services.GetRequiredService<SendGridBulkMailSender>().SendAsync(Message(1), CancellationToken.None);

        Assert.Equal(BulkSendStatus.NotAccepted, result.Status);
        Assert.Equal(1, _stub.Requests);
        Assert.Contains("401", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitAndServerErrors_AreRetried_UntilAccepted()
    {
        _stub.Faults = n => n switch { 1 => StubFault.RateLimited, 2 => StubFault.ServerError, _ => StubFault.None };

        var result = await Sender.SendAsync(Message(3), CancellationToken.None);

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        Assert.Equal(3, _stub.Requests);
        Assert.Equal(3, _stub.Accepted.Count);
    }

    [Fact]
    public async Task ServerErrors_OnEveryAttempt_AreNotAccepted()
    {
        _stub.Faults = _ => StubFault.ServerError;

        var result = await Sender.SendAsync(Message(3), CancellationToken.None);

        Assert.Equal(BulkSendStatus.NotAccepted, result.Status);
        Assert.Equal(4, _stub.Requests);
    }

    [Theory]
    [InlineData(StubFault.AcceptThenDrop)]
    [InlineData(StubFault.AcceptThenDelay)]
    [InlineData(StubFault.DropBeforeAccept)]
    public async Task NoAnswer_IsAnUnknownOutcome_NeverRetriedByTheTransport(StubFault fault)
    {
        _stub.Faults = _ => fault;
        _stub.Delay = TimeSpan.FromSeconds(3);
        await using var services = Services(_stub, timeoutSeconds: 1);

        var result = await services.GetRequiredService<SendGridBulkMailSender>().SendAsync(Message(2), CancellationToken.None);

        Assert.Equal(BulkSendStatus.Unknown, result.Status);
        Assert.Equal(1, _stub.Requests);
    }

    [Fact]
    public void RateLimitDelay_PrefersRetryAfter_ThenTheResetTime()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var withRetryAfter = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        withRetryAfter.Headers.Add("Retry-After", "7");
        withRetryAfter.Headers.Add("X-RateLimit-Reset", "1800000030");
        using var withReset = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        withReset.Headers.Add("X-RateLimit-Reset", "1800000030");
        using var neither = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(7), SendGridBulkMailSender.RateLimitDelay(withRetryAfter.Headers, time));
        Assert.Equal(TimeSpan.FromSeconds(30), SendGridBulkMailSender.RateLimitDelay(withReset.Headers, time));
        Assert.Null(SendGridBulkMailSender.RateLimitDelay(neither.Headers, time));
    }
}

public sealed class SendGridOptionsTests
{
    [Theory]
    [InlineData("SendGrid", "", false)]
    [InlineData("SendGrid", "SG.key", true)]
    [InlineData("Outbox", "", true)]
    public void ApiKey_IsRequiredOnlyForTheSendGridTransport(string transport, string apiKey, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Transport"] = transport, ["SendGrid:ApiKey"] = apiKey, ["NewsletterStorage"] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddNewsletterInfrastructure(configuration).BuildServiceProvider();

        var check = () => services.GetRequiredService<IOptions<SendGridOptions>>().Value;

        if (valid)
        {
            Assert.NotNull(check());
        }
        else
        {
            Assert.Contains("SendGrid:ApiKey is required", Assert.Throws<OptionsValidationException>(check).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("SendGrid", "600", true)]
    [InlineData("SendGrid", "400", false)]
    [InlineData("Outbox", "400", true)]
    public void InFlightLease_MustOutlastTheLongestSendGridSend(string transport, string lease, bool valid)
    {
        // Defaults: 4 attempts of at most 60 s, each retry after at most 60 s: a lease of 480 s or less is too short.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Transport"] = transport, ["SendGrid:ApiKey"] = "SG.key", ["Delivery:InFlightLeaseSeconds"] = lease,
            ["NewsletterStorage"] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddNewsletterInfrastructure(configuration).BuildServiceProvider();

        var check = () => services.GetRequiredService<IOptions<Newsletter.Core.Delivery.DeliveryOptions>>().Value;

        if (valid)
        {
            Assert.NotNull(check());
        }
        else
        {
            Assert.Contains("Delivery:InFlightLeaseSeconds must be longer", Assert.Throws<OptionsValidationException>(check).Message, StringComparison.Ordinal);
        }
    }
}
