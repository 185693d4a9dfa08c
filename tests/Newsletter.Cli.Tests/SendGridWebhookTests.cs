using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Delivery;
using Newsletter.Core.Subscriptions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>POST /api/webhooks/sendgrid through the local host, signed with a real ECDSA P-256 key pair.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SendGridWebhookTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private LocalHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), InMemory = true,
            Settings = new Dictionary<string, string?> { ["EventWebhook:PublicKey"] = Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo()) },
        });
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private async Task<Reader> ActiveReaderAsync(string email)
    {
        var key = _host.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(email));
        var reader = TestData.ActiveReader(key.Id, key.Bucket, email, DateTimeOffset.UtcNow.AddDays(-1), Frequency.Weekly);
        await _host.Services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);
        return reader;
    }

    private async Task<ReaderState> StateAsync(Reader reader) =>
        (await _host.Services.GetRequiredService<IReaderStore>().GetAsync(reader.Id, reader.Bucket, CancellationToken.None))!.State;

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string body, ECDsa? signer, DateTimeOffset? at = null, bool tamper = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signer is not null)
        {
            var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = signer.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            request.Headers.Add(EventWebhook.SignatureHeader, Convert.ToBase64String(signature));
            request.Headers.Add(EventWebhook.TimestampHeader, timestamp);
            if (tamper)
            {
                request.Content = new StringContent(body.Replace("unsubscribe", "spamreport", StringComparison.Ordinal), Encoding.UTF8, "application/json");
            }
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Events(params object[] events) => JsonSerializer.Serialize(events);

    [Fact]
    public async Task SignedEvents_SuppressOrUnsubscribeTheirReaders_OncePerEventId()
    {
        var bounced = await ActiveReaderAsync("bounced@example.org");
        var complained = await ActiveReaderAsync("complained@example.org");
        var left = await ActiveReaderAsync("left@example.org");
        var dropped = await ActiveReaderAsync("dropped@example.org");
        var blocked = await ActiveReaderAsync("blocked@example.org");
        var body = Events(
            new { email = "bounced@example.org", @event = "bounce", type = "bounce", sg_event_id = "e1", reader_id = bounced.Id, edition_id = "daily-20261130T0700" },
            new { email = "complained@example.org", @event = "spamreport", sg_event_id = "e2" },
            new { email = "left@example.org", @event = "group_unsubscribe", sg_event_id = "e3", reader_id = left.Id },
            new { email = "dropped@example.org", @event = "dropped", reason = "Bounced Address", sg_event_id = "e4" },
            new { email = "blocked@example.org", @event = "bounce", type = "blocked", sg_event_id = "e5" },
            new { email = "blocked@example.org", @event = "delivered", sg_event_id = "e6" });

        var (status, answer) = await PostAsync(body, _key);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"applied\":4", answer, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Bounced, await StateAsync(bounced));
        Assert.Equal(ReaderState.Complained, await StateAsync(complained));
        Assert.Equal(ReaderState.Unsubscribed, await StateAsync(left));
        Assert.Equal(ReaderState.Bounced, await StateAsync(dropped));
        Assert.Equal(ReaderState.Active, await StateAsync(blocked));

        // The reader who left signs up again; SendGrid delivers the same batch once more: nothing changes.
        var store = _host.Services.GetRequiredService<IReaderStore>();
        var back = (await store.GetAsync(left.Id, left.Bucket, CancellationToken.None))!;
        back.SignUp("left@example.org", ReaderChoices.Default, DateTimeOffset.UtcNow);
        back.Confirm(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        await store.SaveAsync(back, CancellationToken.None);

        var (again, replay) = await PostAsync(body, _key);

        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains("\"duplicates\":4", replay, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Active, await StateAsync(left));
    }

    [Fact]
    public async Task UnsignedForgedTamperedOrStalePosts_Get401_AndChangeNothing()
    {
        var reader = await ActiveReaderAsync("jane@example.org");
        var body = Events(new { email = "jane@example.org", @event = "unsubscribe", sg_event_id = "x1", reader_id = reader.Id });

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, signer: null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, _otherKey)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, _key, tamper: true)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, _key, at: DateTimeOffset.UtcNow.AddMinutes(-11))).Status);
        Assert.Equal(ReaderState.Active, await StateAsync(reader));

        // The same post, properly signed and fresh, is applied: the refusals were about the signature only.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, _key)).Status);
        Assert.Equal(ReaderState.Unsubscribed, await StateAsync(reader));
    }
}
