using Microsoft.Extensions.Options;
using MimeKit;
using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The local mail transport: each message becomes one <c>.eml</c> file in the outbox folder, readable
/// by any mail program. Files are written under a temporary name and renamed, so a reader of the
/// folder never sees half a message.
/// </summary>
public sealed class OutboxMailSender(IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    public string Folder { get; } = ResolveFolder(options.Value.Outbox);

    public static string ResolveFolder(string? configured) => string.IsNullOrWhiteSpace(configured)
        ? Path.Combine(Environment.CurrentDirectory, ".data", "outbox")
        : Path.GetFullPath(configured);

    public async Task SendAsync(CoreMail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = ToMime(message, time.GetUtcNow());
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await using (var file = File.Create(temporary))
        {
            await mime.WriteToAsync(file, cancellationToken);
        }

        File.Move(temporary, Path.Combine(Folder, name + ".eml"));
    }

    /// <summary>The MIME form of a message: multipart/alternative with the text part first, as mail programs expect.</summary>
    public static MimeMessage ToMime(CoreMail message, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(MailboxAddress.Parse(message.From.Address).Domain),
        };
        mime.From.Add(new MailboxAddress(message.From.Name ?? string.Empty, message.From.Address));
        mime.To.Add(new MailboxAddress(message.To.Name ?? string.Empty, message.To.Address));
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
