using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Newsletter.Core.Mail;
using Newsletter.Infrastructure.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Tests.Mail;

public sealed class OutboxMailSenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outbox-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EachPart_DeclaresItsTransferEncoding_EightBitForUtf8Text_QuotedPrintableForAnOverlongLine_AndALongLinkStaysWhole()
    {
        var sender = new OutboxMailSender(Options.Create(new MailOptions { Outbox = _folder }), TimeProvider.System);
        var longLine = "Ö " + string.Concat(Enumerable.Repeat("word ", 240)).TrimEnd();
        var link = "https://news.example.org/confirm?token=local." + new string('x', 120) + ".signature";
        var message = new CoreMail(new Mailbox("updates@example.org", "Network Updates"), new Mailbox("jane@example.org", "Jäne"),
            "Grüße", "<p>" + longLine + "</p>", "Hello Jäne,\nKTH · 2 Dec 2026\n" + link,
            new Dictionary<string, string>());

        await sender.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        using var mime = await MimeMessage.LoadAsync(file);
        var parts = mime.BodyParts.OfType<TextPart>().ToArray();
        var text = Assert.Single(parts, p => p.IsPlain);
        var html = Assert.Single(parts, p => p.IsHtml);
        Assert.Equal(ContentEncoding.EightBit, text.ContentTransferEncoding);
        Assert.Equal(ContentEncoding.QuotedPrintable, html.ContentTransferEncoding);
        Assert.Equal("Hello Jäne,\nKTH · 2 Dec 2026\n" + link, text.Text.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("<p>" + longLine + "</p>", html.Text.Trim());
        Assert.Contains(link, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_IsWrittenAsAnEmlWithBothPartsAndTheExtraHeaders()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var sender = new OutboxMailSender(Options.Create(new MailOptions { Outbox = _folder }), time);
        var message = new CoreMail(new Mailbox("updates@example.org", "Network Updates"), new Mailbox("jane@xn--bcher-kva.example", "Jäne Doe"),
            "Welcome to Network Updates", "<p>Hello <b>Jäne</b></p>", "Hello Jäne",
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://news.example.org/api/unsubscribe?token=abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            });

        await sender.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        using var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal("Welcome to Network Updates", mime.Subject);
        Assert.Equal("updates@example.org", mime.From.Mailboxes.Single().Address);
        Assert.Equal("jane@xn--bcher-kva.example", mime.To.Mailboxes.Single().GetAddress(idnEncode: true));
        Assert.Contains("jane@xn--bcher-kva.example", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal("Jäne Doe", mime.To.Mailboxes.Single().Name);
        Assert.Equal("Hello Jäne", mime.TextBody!.Trim());
        Assert.Equal("<p>Hello <b>Jäne</b></p>", mime.HtmlBody!.Trim());
        Assert.Equal("<https://news.example.org/api/unsubscribe?token=abc>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(time.GetUtcNow(), mime.Date);
        Assert.False(string.IsNullOrEmpty(mime.MessageId));
    }

    [Fact]
    public void EmptySetting_UsesTheDataFolderUnderTheCurrentFolder()
    {
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".data", "outbox"), OutboxMailSender.ResolveFolder(""));
    }

    [Fact]
    public void HeaderInjection_IsRefusedBeforeAnythingIsWritten()
    {
        Assert.Throws<ArgumentException>(() => new CoreMail(new Mailbox("updates@example.org"), new Mailbox("jane@example.org", "Jane\r\nBcc: x@example.org"),
            "Hi", "<p>x</p>", "x"));
        Assert.Throws<ArgumentException>(() => new CoreMail(new Mailbox("updates@example.org"), new Mailbox("jane@example.org"),
            "Hi\nBcc: x@example.org", "<p>x</p>", "x"));
    }
}
