using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newsletter.Core.Delivery;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The event webhook's function on a <see cref="DefaultHttpContext"/>: what is refused before (and while) the body is read.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SendGridWebhookTests(AzuriteFixture azurite) : IDisposable
{
    private const int Limit = 64 * 1024;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private ServiceProvider Services(string storage)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = storage,
            ["EventWebhook:PublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()),
            ["EventWebhook:MaxBodyBytes"] = Limit.ToString(CultureInfo.InvariantCulture),
            ["Tokens:Keys"] = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            ["Subscriptions:AddressHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddFakeLogging())
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
    }

    /// <summary>A body that counts what is read from it, and can refuse to be read at all or fail as the server's own limit would.</summary>
    private sealed class WatchedBody(long length, Exception? failure = null) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (failure is not null)
            {
                throw failure;
            }

            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            BytesRead += n;
            return n;
        }
    }

    private (string Signature, string Timestamp) Sign(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        return (Convert.ToBase64String(_key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)), timestamp);
    }

    private static HttpRequest Request(Stream body, long? contentLength, string? signature, string? timestamp)
    {
        var request = FunctionRequests.Build(HttpMethods.Post, "/api/webhooks/sendgrid", body: null, contentType: null);
        request.Body = body;
        request.ContentLength = contentLength;
        request.ContentType = "application/json";
        if (signature is not null)
        {
            request.Headers[EventWebhook.SignatureHeader] = signature;
        }

        if (timestamp is not null)
        {
            request.Headers[EventWebhook.TimestampHeader] = timestamp;
        }

        return request;
    }

    private static async Task<FunctionResponse> CallAsync(ServiceProvider services, HttpRequest request)
    {
        await using var scope = services.CreateAsyncScope();
        var function = scope.ServiceProvider.GetRequiredService<SendGridWebhook>();
        return await (await function.Run(request, CancellationToken.None)).ExecuteAsync(request);
    }

    [Fact]
    public async Task DeclaredLengthOverTheLimit_Gets413_WithoutReadingABodyByte()
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());
        var body = new WatchedBody(Limit + 1);
        var (signature, timestamp) = Sign([]);

        var response = await CallAsync(services, Request(body, Limit + 1, signature, timestamp));

        Assert.Equal(413, response.Status);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task UndeclaredBodyOverTheLimit_Gets413_HavingReadNoMoreThanTheLimitAndOneByte()
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());
        var body = new WatchedBody(40L * 1024 * 1024);
        var (signature, timestamp) = Sign([]);

        var response = await CallAsync(services, Request(body, contentLength: null, signature, timestamp));

        Assert.Equal(413, response.Status);
        Assert.InRange(body.BytesRead, Limit + 1, Limit + 1);
    }

    [Theory]
    [InlineData(null, "now")]
    [InlineData("MEUCIQ==", null)]
    [InlineData("MEUCIQ==", "stale")]
    [InlineData("MEUCIQ==", "not-a-number")]
    public async Task MissingOrStaleSignatureHeaders_Get401_WithoutReadingABodyByte(string? signature, string? timestamp)
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());
        var body = new WatchedBody(100);
        var stamp = timestamp switch
        {
            "now" => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "stale" => DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ => timestamp,
        };

        var response = await CallAsync(services, Request(body, 100, signature, stamp));

        Assert.Equal(401, response.Status);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task BodyTheServerRefuses_GetsItsStatus_AndIsLoggedAsAClientErrorWithoutAStackTrace()
    {
        await using var services = Services(AzuriteFixture.UnreachableConnectionString());
        // What Kestrel throws past its own request size limit (30 MB by default), which used to end as a 500.
        var body = new WatchedBody(1, new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        var (signature, timestamp) = Sign([]);

        var response = await CallAsync(services, Request(body, contentLength: null, signature, timestamp));

        Assert.Equal(413, response.Status);
        var logged = services.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(r => r.Category == typeof(SendGridWebhook).FullName).ToArray();
        var record = Assert.Single(logged);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Null(record.Exception);
        Assert.Contains("Request body too large", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedBodyWithoutADeclaredLength_IsReadWhole_AndApplied()
    {
        var storage = azurite.NewAccount();
        await using var services = Services(storage);
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, 300).Select(i =>
            $$"""{"sg_event_id":"e{{i}}","event":"delivered","email":"reader{{i}}@example.org"}""")) + "]");
        Assert.InRange(json.Length, 16 * 1024, Limit);
        var (signature, timestamp) = Sign(json);

        var response = await CallAsync(services, Request(new MemoryStream(json), contentLength: null, signature, timestamp));

        Assert.Equal(200, response.Status);
        Assert.Contains("\"ignored\":300", response.Body, StringComparison.Ordinal);
    }
}
