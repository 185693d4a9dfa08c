using MimeKit;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// How a message looks on the wire, shared by every transport that writes MIME itself (the outbox, SMTP),
/// so a reader gets the same mail whichever one carries it.
/// </summary>
public static class MimeMail
{
    /// <summary>
    /// One personalization of a bulk message as the recipient receives it from SendGrid: placeholders
    /// filled from the substitutions (subject, HTML and text alike), the message's headers (List-Id)
    /// and the personalization's own (List-Unsubscribe, List-Unsubscribe-Post), which win on a clash.
    /// Custom arguments and categories stay with the provider, as they do with SendGrid.
    /// </summary>
    public static CoreMail ForRecipient(BulkMessage message, Personalization personalization)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(personalization);
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in personalization.Headers)
        {
            headers[name] = value;
        }

        return new CoreMail(
            new Mailbox(message.FromAddress, message.FromName),
            new Mailbox(personalization.Address, personalization.Name),
            ReaderPlaceholders.Fill(message.Subject, personalization.Substitutions),
            ReaderPlaceholders.Fill(message.Html, personalization.Substitutions),
            ReaderPlaceholders.Fill(message.Text, personalization.Substitutions),
            headers);
    }

    /// <summary>The MIME form of a message: multipart/alternative with the text part first, as mail programs expect.</summary>
    public static MimeMessage Create(CoreMail message, DateTimeOffset date)
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
