using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// Subscription mails (one recipient each) through the SMTP server, on a connection of their own.
/// A failure is thrown: the queue message is retried, then poisoned; a subscription mail is cheap to send twice.
/// </summary>
public sealed class SmtpMailSender(SmtpConnector connector, TimeProvider time) : IMailSender
{
    public async Task SendAsync(CoreMail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = MimeMail.Create(message, time.GetUtcNow());
        using var client = await connector.ConnectAsync(cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await SmtpConnector.QuitAsync(client, cancellationToken);
    }
}
