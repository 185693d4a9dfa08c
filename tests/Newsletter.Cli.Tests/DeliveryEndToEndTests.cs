using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>
/// The whole way on the local host: a member's upload is published, a reader signs up and confirms,
/// the daily edition is composed and its dispatch goes through the dispatch queue to the outbox.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class DeliveryEndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly byte[] Seed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "releases", "000_b7378eae2ff0391e.txt"));

    [Fact]
    public async Task PublishedUpdate_ReachesAConfirmedReader_AsADigestWithAWorkingOneClickUnsubscribe()
    {
        var data = Directory.CreateTempSubdirectory("delivery-test-").FullName;
        var outbox = Path.Combine(data, "outbox");
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data,
            Settings = new Dictionary<string, string?> { ["Subscriptions:MinRenderSeconds"] = "0", ["App:NetworkName"] = "Test Network" },
        });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var services = host.Services;

        // A member's release, uploaded as a blob, becomes a published update.
        await services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.Incoming)
            .UploadBlobAsync("ucl/seed.txt", new BinaryData(Seed));
        var update = await Eventually.ValueAsync<Update>(async () =>
            (await services.GetRequiredService<IUpdateStore>().ListAsync(UpdateStatus.Published, 10, CancellationToken.None)).SingleOrDefault(),
            Wait, "the upload becoming a published update");

        // A reader signs up for the daily digest and confirms.
        var form = await http.GetStringAsync(new Uri("subscribe", UriKind.Relative));
        using (var signup = new FormUrlEncodedContent(
        [
            new("email", "jane@example.org"), new("name", "Jane"), new("frequency", "daily"), new("website", string.Empty),
            new("rendered", RenderStamp().Match(form).Groups[1].Value),
        ]))
        {
            (await http.PostAsync(new Uri("subscribe", UriKind.Relative), signup)).Dispose();
        }

        var confirmation = await MailAsync(outbox, m => m.Subject?.Contains("confirm", StringComparison.OrdinalIgnoreCase) == true);
        using (var press = new FormUrlEncodedContent([]))
        {
            // The confirmation page's button.
            (await http.PostAsync(new Uri(Regex.Match(confirmation.TextBody!, @"http://\S+/confirm\?token=\S+").Value), press)).Dispose();
        }
        await MailAsync(outbox, m => m.Subject?.StartsWith("Welcome", StringComparison.Ordinal) == true);

        // The daily edition; its dispatch goes through the dispatch queue and DispatchBucket.
        var slot = DateTimeOffset.UtcNow.AddMinutes(1);
        var edition = (await services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, slot, CancellationToken.None)).Edition;
        Assert.Equal(EditionStatus.Composed, edition.Status);
        Assert.True(await services.GetRequiredService<EditionDispatcher>().StartAsync(edition, CancellationToken.None));

        var digest = await MailAsync(outbox, m => m.Headers.Contains("List-Id"));
        Assert.Equal("jane@example.org", digest.To.Mailboxes.Single().Address);
        Assert.Contains(update.Title, digest.Subject, StringComparison.Ordinal);
        Assert.Contains(update.Title, digest.TextBody!, StringComparison.Ordinal);
        Assert.Contains(update.Title, digest.HtmlBody!, StringComparison.Ordinal);
        Assert.Contains("Hello Jane,", digest.TextBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("[%", digest.HtmlBody + digest.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        var header = digest.Headers["List-Unsubscribe"] ?? string.Empty;
        var listUnsubscribe = Regex.Match(header, @"^<(http://127\.0\.0\.1:\d+/unsubscribe\?token=[^>]+)>, <mailto:unsubscribe@[^>]+>$");
        Assert.True(listUnsubscribe.Success, header);
        Assert.Contains(listUnsubscribe.Groups[1].Value, digest.HtmlBody!, StringComparison.Ordinal);

        await Eventually.ValueAsync(async () =>
        {
            var status = await services.GetRequiredService<EditionDispatcher>().StatusAsync(edition.Id, CancellationToken.None);
            return status.Sent == 1 && status.Pending == 0 ? status : null;
        }, Wait, "the ledger showing the chunk sent");

        // The mail client's one-click unsubscribe (RFC 8058): a POST to the header's URL.
        using (var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))
        using (var response = await http.PostAsync(new Uri(listUnsubscribe.Groups[1].Value), oneClick))
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        }

        var key = services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("jane@example.org"));
        Assert.Equal(ReaderState.Unsubscribed, (await services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None))!.State);
        Assert.Equal(3, Directory.GetFiles(outbox, "*.eml").Length);
    }

    [Fact]
    public async Task WithTheSendGridTransport_TheEditionIsOneRequestToTheStub_WithTheReadersPersonalization()
    {
        await using var stub = await SendGridStub.StartAsync();
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), InMemory = true,
            Settings = new Dictionary<string, string?>
            {
                ["Mail:Transport"] = "SendGrid", ["SendGrid:ApiKey"] = SendGridStub.ApiKey, ["SendGrid:Host"] = stub.BaseAddress.ToString().TrimEnd('/'),
            },
        });
        var services = host.Services;
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await services.GetRequiredService<IUpdateStore>().TryAddAsync(
            TestData.PublishedUpdate("u1", "Quantum sensor prototype", at, organisation: "Example Institute", summary: "A sensor."), CancellationToken.None);
        var key = services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("jane@example.org"));
        var reader = TestData.ActiveReader(key.Id, key.Bucket, "jane@example.org", at.AddHours(-20), Frequency.Daily, name: "Jane");
        await services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);

        var edition = (await services.GetRequiredService<EditionComposer>().ComposeAsync(Frequency.Daily, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None)).Edition;
        await services.GetRequiredService<EditionDispatcher>().StartAsync(edition, CancellationToken.None);
        await Eventually.ValueAsync(async () =>
        {
            var status = await services.GetRequiredService<EditionDispatcher>().StatusAsync(edition.Id, CancellationToken.None);
            return status.Sent == 1 ? status : null;
        }, Wait, "the chunk accepted by the stub");

        Assert.Equal(1, stub.AcceptedRequests);
        var personalization = Assert.Single(stub.Accepted);
        Assert.Equal("jane@example.org", personalization.Email);
        Assert.Equal(new Dictionary<string, string> { ["edition_id"] = edition.Id, ["reader_id"] = key.Id }, personalization.CustomArgs);
        Assert.Equal("Hello Jane,", personalization.Substitutions["[%greeting%]"]);
        var unsubscribe = personalization.Substitutions["[%unsubscribe_url%]"];
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/unsubscribe\?token=", unsubscribe);
        Assert.StartsWith($"<{unsubscribe}>, <mailto:unsubscribe@", personalization.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", personalization.Headers["List-Unsubscribe-Post"]);
    }

    private static async Task<MimeMessage> MailAsync(string outbox, Func<MimeMessage, bool> match) =>
        await Eventually.ValueAsync<MimeMessage>(async () =>
        {
            if (!Directory.Exists(outbox))
            {
                return null;
            }

            foreach (var file in Directory.GetFiles(outbox, "*.eml"))
            {
                var mail = await MimeMessage.LoadAsync(file);
                if (match(mail))
                {
                    return mail;
                }
            }

            return null;
        }, Wait, "a mail in the outbox");

    [GeneratedRegex("name=\"rendered\" value=\"([^\"]+)\"")]
    private static partial Regex RenderStamp();
}
