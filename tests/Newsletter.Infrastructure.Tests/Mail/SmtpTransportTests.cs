using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Infrastructure.Mail;
using Newsletter.LocalHosting;
using Newsletter.Testing;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Tests.Mail;

/// <summary>One maildev for the tests of a class; each test mails its own addresses, so they never see each other's mail.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    public MailDevServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MailDevServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>Both SMTP senders against a real SMTP server (maildev), read back through its REST API.</summary>
public sealed class SmtpTransportTests(MailDevFixture maildev) : IClassFixture<MailDevFixture>
{
    private readonly string _domain = $"t{Guid.NewGuid():N}.example.org";

    internal static SmtpConnector Connector(string host, int port, int timeoutSeconds = 30) =>
        new(Options.Create(new SmtpOptions { Host = host, Port = port, Security = SmtpOptions.None, TimeoutSeconds = timeoutSeconds }));

    internal static SmtpBulkMailSender BulkSender(SmtpConnector connector) =>
        new(connector, TimeProvider.System, NullLogger<SmtpBulkMailSender>.Instance);

    private SmtpConnector MailDev => Connector(MailDevServer.Host, maildev.Server.SmtpPort);

    internal static BulkMessage Message(params Personalization[] recipients) => new(
        "updates@news.example.org", "Test Network", "Digest",
        $"<p>{ReaderPlaceholders.Greeting}</p><a href=\"{ReaderPlaceholders.UnsubscribeUrl}\">Unsubscribe</a>",
        $"{ReaderPlaceholders.Greeting}\nPreferences: {ReaderPlaceholders.PreferencesUrl}",
        new Dictionary<string, string> { ["List-Id"] = "Test Network <digest.news.example.org>" },
        ["daily", "digest"],
        recipients);

    private async Task<IReadOnlyList<MailDevEmail>> MineAsync(int count)
    {
        var mine = await Eventually.ValueAsync(async () =>
        {
            var mails = (await maildev.Server.EmailsAsync()).Where(m => m.Envelope.To.Any(t => t.Address.EndsWith("@" + _domain, StringComparison.Ordinal))).ToArray();
            return mails.Length >= count ? mails : null;
        }, TimeSpan.FromSeconds(15), $"{count} mails to {_domain} in maildev");
        Assert.Equal(count, mine.Length);
        return mine;
    }

    [Fact]
    public async Task SingleMail_ArrivesWithBothPartsAndTheExtraHeaders()
    {
        var sender = new SmtpMailSender(MailDev, TimeProvider.System);
        var message = new CoreMail(new Mailbox("updates@news.example.org", "Network Updates"), new Mailbox($"jane@{_domain}", "Jäne Doe"),
            "Welcome to Network Updates", "<p>Hello <b>Jäne</b></p>", "Hello Jäne",
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://news.example.org/api/unsubscribe?token=abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            });

        await sender.SendAsync(message, CancellationToken.None);

        var mail = Assert.Single(await MineAsync(1));
        Assert.Equal($"jane@{_domain}", Assert.Single(mail.Envelope.To).Address);
        Assert.Equal("updates@news.example.org", mail.Envelope.From.Address);
        Assert.Equal("Jäne Doe", Assert.Single(mail.To).Name);
        Assert.Equal("Network Updates", Assert.Single(mail.From).Name);
        Assert.Equal("Welcome to Network Updates", mail.Subject);
        Assert.Equal("Hello Jäne", mail.Text?.Trim());
        Assert.Equal("<p>Hello <b>Jäne</b></p>", mail.Html?.Trim());
        Assert.Equal("<https://news.example.org/api/unsubscribe?token=abc>", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.False(string.IsNullOrEmpty(mail.Header("Message-ID")));
    }

    [Fact]
    public async Task Bulk_EachPersonalizationArrives_WithItsValuesAndListHeaders()
    {
        var message = Message(
            TestData.Recipient($"ann@{_domain}", "Hello Ann,", "tokA"),
            TestData.Recipient($"bob@{_domain}", "Hello Bob,", "tokB"),
            TestData.Recipient($"cy@{_domain}", "Hello,", "tokC"));

        var result = await BulkSender(MailDev).SendAsync(message, CancellationToken.None);

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        var mails = await MineAsync(3);
        Assert.Equal([$"ann@{_domain}", $"bob@{_domain}", $"cy@{_domain}"], mails.Select(m => Assert.Single(m.Envelope.To).Address).Order());
        foreach (var (name, greeting, token) in new[] { ("ann", "Hello Ann,", "tokA"), ("bob", "Hello Bob,", "tokB"), ("cy", "Hello,", "tokC") })
        {
            var mail = mails.Single(m => m.Envelope.To[0].Address == $"{name}@{_domain}");
            Assert.Equal($"{name}@{_domain}", Assert.Single(mail.To).Address);
            Assert.Equal("Test Network", Assert.Single(mail.From).Name);
            Assert.Equal("Digest", mail.Subject);
            Assert.Contains($"<p>{greeting}</p><a href=\"https://news.example.org/api/unsubscribe?token={token}\">", mail.Html, StringComparison.Ordinal);
            Assert.Contains($"Preferences: https://news.example.org/api/preferences?token={token}", mail.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("[%", mail.Html + mail.Text, StringComparison.Ordinal);
            Assert.Equal("Test Network <digest.news.example.org>", mail.Header("List-Id"));
            Assert.Equal($"<https://news.example.org/api/unsubscribe?token={token}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>", mail.Header("List-Unsubscribe"));
            Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
            // Custom arguments are the provider's business, never the recipient's.
            Assert.DoesNotContain(mail.Headers, h => h.Value.ToString().Contains("daily-20261130T0700", StringComparison.Ordinal));
            foreach (var other in new[] { "tokA", "tokB", "tokC" }.Where(t => t != token))
            {
                Assert.DoesNotContain(other, mail.Html + mail.Text + mail.Header("List-Unsubscribe"), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RecipientTheServerRefuses_IsSkipped_AndTheRestArrive()
    {
        // maildev answers 501 (permanent) to an address longer than an SMTP path may be (RFC 5321 4.5.3.1.3).
        var tooLong = new string('x', 250) + "@" + _domain;
        var message = Message(
            TestData.Recipient($"ann@{_domain}", "Hello Ann,", "tokA"),
            TestData.Recipient(tooLong, "Hello,", "tokX"),
            TestData.Recipient($"bob@{_domain}", "Hello Bob,", "tokB"),
            // MimeKit cannot write this one: it is skipped the same way, before the server sees it.
            TestData.Recipient($"no..body@{_domain}", "Hello,", "tokY"));

        Assert.True(MimeKit.MailboxAddress.TryParse(tooLong, out _), "the long address must reach the server");
        Assert.False(MimeKit.MailboxAddress.TryParse($"no..body@{_domain}", out _));

        var result = await BulkSender(MailDev).SendAsync(message, CancellationToken.None);

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        Assert.Contains("2 of 4 accepted, 2 refused", result.Detail, StringComparison.Ordinal);
        var mails = await MineAsync(2);
        Assert.Equal([$"ann@{_domain}", $"bob@{_domain}"], mails.Select(m => m.Envelope.To[0].Address).Order());
    }

    [Fact]
    public async Task UnreachableServer_IsNotAccepted_SoTheChunkCanBeSentLater()
    {
        var nobody = Connector("127.0.0.1", AzuriteServer.FreePort());

        var result = await BulkSender(nobody).SendAsync(Message(TestData.Recipient($"ann@{_domain}", "Hello,", "tokA")), CancellationToken.None);

        Assert.Equal(BulkSendStatus.NotAccepted, result.Status);
        Assert.Contains("could not connect", result.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => new SmtpMailSender(nobody, TimeProvider.System).SendAsync(
            new CoreMail(new Mailbox("updates@news.example.org"), new Mailbox($"jane@{_domain}"), "Hi", "<p>Hi</p>", "Hi"), CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_Propagates_RatherThanBecomingAnOutcome()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BulkSender(MailDev).SendAsync(Message(TestData.Recipient($"ann@{_domain}", "Hello,", "tokA")), cancelled.Token));
    }
}
