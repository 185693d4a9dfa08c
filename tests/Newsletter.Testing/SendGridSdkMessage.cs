using Newsletter.Core.Delivery;
using SendGrid.Helpers.Mail;
using CorePersonalization = Newsletter.Core.Delivery.Personalization;
using SgPersonalization = SendGrid.Helpers.Mail.Personalization;

namespace Newsletter.Testing;

/// <summary>
/// A bulk message as the SendGrid SDK's own model: what <c>SendGridClient.SendEmailAsync</c> would send for it.
/// The streamed request body is checked and benchmarked against its <c>Serialize()</c>.
/// </summary>
public static class SendGridSdkMessage
{
    public static SendGridMessage From(BulkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new SendGridMessage
        {
            From = new EmailAddress(message.FromAddress, message.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
            Headers = message.Headers.ToDictionary(),
            Categories = message.Categories.ToList(),
            Personalizations = message.Personalizations.Select(From).ToList(),
        };
    }

    private static SgPersonalization From(CorePersonalization p) => new()
    {
        Tos = [new EmailAddress(p.Address, p.Name)],
        Substitutions = p.Substitutions.ToDictionary(),
        Headers = p.Headers.ToDictionary(),
        CustomArgs = p.CustomArgs.ToDictionary(),
    };
}
