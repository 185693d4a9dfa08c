using Newsletter.Core.Delivery;
using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>Subscription mails (one recipient each) through SendGrid: a bulk request with a single personalization.</summary>
public sealed class SendGridMailSender(SendGridBulkMailSender bulk) : IMailSender
{
    private static readonly Dictionary<string, string> None = [];

    public async Task SendAsync(CoreMail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await bulk.SendAsync(new BulkMessage(
            message.From.Address, message.From.Name ?? string.Empty, message.Subject, message.HtmlBody, message.TextBody,
            None, ["subscription"],
            [new Personalization(message.To.Address, message.To.Name, None, message.Headers, None)]), cancellationToken);
        if (result.Status != BulkSendStatus.Accepted)
        {
            // The queue message is retried, then poisoned; a subscription mail is cheap to send twice.
            throw new HttpRequestException($"SendGrid did not take the mail: {result.Status} {result.Detail}");
        }
    }
}
