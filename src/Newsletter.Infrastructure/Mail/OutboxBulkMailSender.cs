using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The local bulk transport: each personalization becomes one <c>.eml</c> file in the outbox, as the
/// recipient would receive it from SendGrid (see <see cref="MimeMail.ForRecipient"/>), so the outbox
/// shows exactly what each reader gets.
/// </summary>
public sealed class OutboxBulkMailSender(OutboxMailSender outbox) : IBulkMailSender
{
    public async Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var personalization in message.Personalizations)
        {
            await outbox.SendAsync(MimeMail.ForRecipient(message, personalization), cancellationToken);
        }

        return BulkSendResult.Accepted;
    }
}
