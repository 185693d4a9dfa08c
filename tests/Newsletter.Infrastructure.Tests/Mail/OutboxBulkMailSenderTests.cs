using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Infrastructure.Mail;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Mail;

public sealed class OutboxBulkMailSenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outbox-bulk-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EachPersonalization_BecomesItsOwnMail_WithItsValuesAndHeaders()
    {
        var sender = new OutboxBulkMailSender(new OutboxMailSender(Options.Create(new MailOptions { Outbox = _folder }), new FakeTimeProvider()));
        var message = new BulkMessage("updates@news.example.org", "Test Network", "Digest",
            $"<p>{ReaderPlaceholders.Greeting}</p><a href=\"{ReaderPlaceholders.UnsubscribeUrl}\">Unsubscribe</a>",
            $"{ReaderPlaceholders.Greeting}\nPreferences: {ReaderPlaceholders.PreferencesUrl}",
            new Dictionary<string, string> { ["List-Id"] = "Test Network <digest.news.example.org>" },
            ["daily", "digest"],
            [TestData.Recipient("a@example.org", "Hello Ann,", "tokA"), TestData.Recipient("b@example.org", "Hello,", "tokB")]);

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(BulkSendStatus.Accepted, result.Status);
        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(_folder, "*.eml"))
        {
            mails.Add(await MimeMessage.LoadAsync(file));
        }

        Assert.Equal(["a@example.org", "b@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var ann = mails.Single(m => m.To.Mailboxes.Single().Address == "a@example.org");
        Assert.Equal("Test Network <digest.news.example.org>", ann.Headers["List-Id"]);
        Assert.Equal("<https://news.example.org/api/unsubscribe?token=tokA>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>", ann.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", ann.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<p>Hello Ann,</p><a href=\"https://news.example.org/api/unsubscribe?token=tokA\">", ann.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Preferences: https://news.example.org/api/preferences?token=tokA", ann.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("[%", ann.HtmlBody + ann.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("tokB", ann.HtmlBody + ann.TextBody + ann.Headers.ToString(), StringComparison.Ordinal);
        // Custom arguments are the provider's business, never the recipient's.
        Assert.DoesNotContain(ann.Headers, h => h.Value.Contains("daily-20261130T0700", StringComparison.Ordinal));
    }
}
