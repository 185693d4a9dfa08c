using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Mail;

/// <summary>Who mail comes from, and which transport carries it (the transport is chosen by the infrastructure).</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The sender address of every message.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "updates@example.org";

    /// <summary>The sender's display name; empty uses <c>App:NetworkName</c>.</summary>
    [MaxLength(100)]
    public string FromName { get; set; } = string.Empty;

    /// <summary>
    /// <c>Outbox</c> (the local default) writes each message as an .eml file into <see cref="Outbox"/>;
    /// <c>SendGrid</c> sends through the SendGrid v3 API (settings in the <c>SendGrid</c> section);
    /// <c>Smtp</c> hands each message to an SMTP server (settings in the <c>Smtp</c> section).
    /// </summary>
    [Required, AllowedValues("Outbox", "SendGrid", "Smtp")]
    public string Transport { get; set; } = "Outbox";

    /// <summary>Who every mail comes from: <see cref="From"/>, named <see cref="FromName"/> or else the network's name.</summary>
    public Mailbox Sender(AppOptions app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Mailbox(From, string.IsNullOrWhiteSpace(FromName) ? app.NetworkName : FromName);
    }

    /// <summary>The outbox folder; empty means <c>.data/outbox</c> under the current folder (the local host sets its data folder's).</summary>
    public string Outbox { get; set; } = string.Empty;
}
