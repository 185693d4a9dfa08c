using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Console;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>
/// The console's delivery page: an edition's recipients and chunks from the real ledger, the bounces and complaints
/// that came in through the signed event webhook with their reasons and rates, and "send what is pending".
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private readonly ECDsa webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string cookie = string.Empty;
    private string token = string.Empty;
    private string editionId = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync(new Dictionary<string, string?> { ["EventWebhook:PublicKey"] = Convert.ToBase64String(webhookKey.ExportSubjectPublicKeyInfo()) });
        (cookie, token) = await app.SignInAsync("editor@example.org");
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months", Core.Updates.UpdateStatus.Published);
        editionId = await app.SeedEditionAsync(update);
    }

    public async Task DisposeAsync()
    {
        webhookKey.Dispose();
        await app.DisposeAsync();
    }

    private Task<FunctionResponse> DeliveryAsync(string id) =>
        app.GetAsync<ConsoleDelivery>($"/console/delivery/{id}", cookie, (f, r) => f.Run(r, id, CancellationToken.None));

    private Task<FunctionResponse> SendPendingAsync(string id) =>
        app.PostAsync<ConsoleDeliverySendPending>($"/console/delivery/{id}/send-pending", cookie, token, [], (f, r) => f.Run(r, id, CancellationToken.None));

    private async Task SeedChunksAsync(params (int Bucket, ChunkState State, int Readers)[] chunks)
    {
        var ledger = app.Services.GetRequiredService<IDispatchLedger>();
        await ledger.MarkAsync(editionId, DispatchStage.Started, DateTimeOffset.UtcNow, CancellationToken.None);
        await ledger.AddAsync(chunks.Select((c, i) => new DispatchChunk
        {
            EditionId = editionId, Bucket = c.Bucket, Number = i, VariantKey = "all", State = c.State,
            ReaderIds = Enumerable.Range(0, c.Readers).Select(r => $"reader-{c.Bucket}-{i}-{r}").ToArray(),
        }).ToArray(), CancellationToken.None);
    }

    /// <summary>Posts the events to the webhook as SendGrid would, signed.</summary>
    private async Task ReportAsync(params object[] events)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(events);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(webhookKey.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        using var stream = new MemoryStream(body);
        var result = await app.Services.GetRequiredService<EventWebhook>().HandleAsync(signature, timestamp, body.Length, stream, CancellationToken.None);
        Assert.Equal(WebhookStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task ThePage_ShowsRecipientsAndChunksByState_WithAChartAndItsTable()
    {
        await SeedChunksAsync((1, ChunkState.Sent, 300), (2, ChunkState.Sent, 200), (3, ChunkState.Failed, 40), (4, ChunkState.Formed, 60));

        var page = await DeliveryAsync(editionId);

        Assert.Equal(200, page.Status);
        Assert.Contains($"<h1>Delivery of {editionId}</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<strong>sending</strong>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"3\" />", page.Body, StringComparison.Ordinal);
        Assert.Contains("This page reloads itself every 3 seconds while the edition is being sent.", page.Body, StringComparison.Ordinal);
        Assert.Contains("540 recipients of 600 final", page.Body, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"progress\" max=\"600\" value=\"540\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Sent</dt><dd>500</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Failed</dt><dd>40</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Pending</dt><dd>60</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Chunks</dt><dd>4</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>sent</td><td>2</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>formed</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>Sent</td><td>500</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Send what is pending", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BouncesAndComplaintsFromTheWebhook_AreListedWithTheirReasonsAndRates_AddressesTakenOut()
    {
        await SeedChunksAsync((1, ChunkState.Sent, 100));
        var readers = app.Services.GetRequiredService<IReaderStore>();
        var identity = app.Services.GetRequiredService<ReaderIdentity>();
        var gone = identity.For(EmailAddress.Parse("gone@example.org"));
        var angry = identity.For(EmailAddress.Parse("angry@example.org"));
        await readers.SaveAsync(TestData.ActiveReader(gone.Id, gone.Bucket, "gone@example.org", DateTimeOffset.UtcNow.AddDays(-3)), CancellationToken.None);
        await readers.SaveAsync(TestData.ActiveReader(angry.Id, angry.Bucket, "angry@example.org", DateTimeOffset.UtcNow.AddDays(-3)), CancellationToken.None);

        await ReportAsync(
            new { email = "gone@example.org", @event = "bounce", type = "bounce", reason = "550 5.1.1 <gone@example.org>: Recipient address rejected", sg_event_id = "ev-1", edition_id = editionId, reader_id = gone.Id },
            new { email = "angry@example.org", @event = "spamreport", sg_event_id = "ev-2", edition_id = editionId, reader_id = angry.Id },
            new { email = "other@example.org", @event = "spamreport", sg_event_id = "ev-3", edition_id = "daily-20260101T0700" });
        var page = await DeliveryAsync(editionId);

        Assert.Contains("550 5.1.1 &lt;[address]&gt;: Recipient address rejected", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("gone@example.org", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>Bounces</td><td>1%</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>Complaints</td><td>1%</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("The complaint rate is at or over 0.3%", page.Body, StringComparison.Ordinal);
        Assert.Contains("https://postmaster.google.com/", page.Body, StringComparison.Ordinal);
        Assert.Contains("2 bounces and complaints, with their reasons", page.Body, StringComparison.Ordinal);
        Assert.Equal(ReaderState.Bounced, (await readers.GetAsync(gone.Id, gone.Bucket, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task AnIncompleteEdition_OffersSendWhatIsPending_WhichRequeuesTheGivenUpBucket_AndIsAudited()
    {
        await SeedChunksAsync((1, ChunkState.Sent, 100), (7, ChunkState.Formed, 30));
        await app.Services.GetRequiredService<IDispatchLedger>().MarkIncompleteAsync(new DispatchRequest(editionId, 7), DateTimeOffset.UtcNow, CancellationToken.None);

        var before = await DeliveryAsync(editionId);
        var sent = await SendPendingAsync(editionId);
        var after = await app.GetAsync<ConsoleDelivery>($"/console/delivery/{editionId}?resent=1", cookie, (f, r) => f.Run(r, editionId, CancellationToken.None));

        Assert.Contains("<strong>incomplete</strong>", before.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", before.Body, StringComparison.Ordinal); // nothing moves on its own: the editor decides
        Assert.Contains("given up after its last attempt: bucket 7.", before.Body, StringComparison.Ordinal);
        Assert.Contains("Send what is pending", before.Body, StringComparison.Ordinal);
        Assert.Equal(303, sent.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/delivery/{editionId}?resent=1", sent.Headers.Location.ToString());
        Assert.Contains("1 message back on the queue", after.Body, StringComparison.Ordinal);
        var queue = app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        var message = Assert.Single((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal(new DispatchRequest(editionId, 7), Infrastructure.Subscriptions.QueueMessages.Deserialize<DispatchWork>(message.Body.ToString()));
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.EditionResumed), 10, CancellationToken.None));
        Assert.Equal(("editor@example.org", editionId), (entry.Actor, entry.Subject));
    }

    [Fact]
    public async Task SendWhatIsPending_ForAnEditionThatIsNotIncomplete_SendsNothing_AndAnUnknownEditionIs404()
    {
        await SeedChunksAsync((1, ChunkState.Sent, 100));

        var refused = await SendPendingAsync(editionId);
        var unknown = await DeliveryAsync("daily-20200101T0700");

        Assert.Equal(409, refused.Status);
        Assert.Contains("Nothing was sent: this edition is not incomplete", refused.Body, StringComparison.Ordinal);
        var queue = app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Dispatch);
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        Assert.Empty(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.EditionResumed), 10, CancellationToken.None));
        Assert.Equal(404, unknown.Status);
    }
}
