using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The local bulk transport: each personalization becomes one <c>.eml</c> file in the outbox, as the
/// recipient would receive it from SendGrid: placeholders filled from the substitutions (subject,
/// HTML and text alike), the message's headers (List-Id) and the personalization's own
/// (List-Unsubscribe, List-Unsubscribe-Post). Custom arguments and categories stay with the provider,
/// as they do with SendGrid, so they are not in the file.
/// </summary>
public sealed class OutboxBulkMailSender(OutboxMailSender outbox) : IBulkMailSender
{
    public async Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var personalization in message.Personalizations)
        {
            var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in personalization.Headers)
            {
                headers[name] = value;
            }

            var mail = new CoreMail(
                new Mailbox(message.FromAddress, message.FromName),
                new Mailbox(personalization.Address, personalization.Name),
                ReaderPlaceholders.Fill(message.Subject, personalization.Substitutions),
                ReaderPlaceholders.Fill(message.Html, personalization.Substitutions),
                ReaderPlaceholders.Fill(message.Text, personalization.Substitutions),
                headers);
            await outbox.SendAsync(mail, cancellationToken);
        }

        return BulkSendResult.Accepted;
    }
}
