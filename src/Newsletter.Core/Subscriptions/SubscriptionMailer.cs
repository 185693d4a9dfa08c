using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Mail;

namespace Newsletter.Core.Subscriptions;

/// <summary>
/// Composes and sends the mails of the subscription flow from the reader's state at send time: a
/// confirmation only to a pending reader, a welcome or reminder only to an active one, nothing ever
/// to a suppressed (bounced or complained) or erased reader.
/// </summary>
public sealed partial class SubscriptionMailer(
    IReaderStore store,
    IMailSender sender,
    ReaderLinks links,
    IOptions<SubscriptionOptions> options,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    IOptions<Delivery.DeliveryOptions> delivery,
    IMailTemplates templates,
    ILogger<SubscriptionMailer> logger)
{
    public async Task<bool> SendAsync(MailJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!ReaderKey.TryParse(job.ReaderId, out var key))
        {
            LogSkipped(job.Kind, job.ReaderId, "not a reader id");
            return false;
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        var message = reader is { Address: not null, IsSuppressed: false } ? await ComposeAsync(job.Kind, reader) : null;
        if (message is null)
        {
            LogSkipped(job.Kind, job.ReaderId, reader is null ? "no such reader" : $"reader is {reader.State}");
            return false;
        }

        await sender.SendAsync(message, cancellationToken);
        LogSent(job.Kind, job.ReaderId);
        return true;
    }

    private async Task<MailMessage?> ComposeAsync(MailKind kind, Reader reader) => (kind, reader.State) switch
    {
        (MailKind.Confirm, ReaderState.Pending) => await ConfirmationAsync(reader),
        (MailKind.Welcome, ReaderState.Active) => await WelcomeAsync(reader),
        (MailKind.AlreadySubscribed, ReaderState.Active) => await AlreadySubscribedAsync(reader),
        _ => null,
    };

    private string Network => app.Value.NetworkName;

    private async Task<MailMessage> ConfirmationAsync(Reader reader)
    {
        var days = options.Value.ConfirmTokenDays;
        var url = links.Confirm(reader.Id);
        // Anyone can type any address into the form: until the owner confirms, nothing they typed
        // (the name) goes into the mail, so the form cannot carry a stranger's text to an inbox.
        var text = $"""
            Hello,

            Please confirm that you want to receive {Network}: open this link and press the button on the page.

            {url}

            The link works for {days} days. If you did not sign up, ignore this mail: you will not be subscribed and will hear nothing more from us.
            """;
        var html = await templates.ConfirmationAsync(new ConfirmationMail(Network, url, days));
        return Message(reader, $"Please confirm your subscription to {Network}", html, text, unsubscribable: false, confirmed: false);
    }

    private async Task<MailMessage> WelcomeAsync(Reader reader)
    {
        var (preferences, unsubscribe) = ReaderLinks(reader);
        var topics = reader.Topics.Count == 0 ? "all topics" : string.Join(", ", reader.Topics);
        var frequency = reader.Frequency == Frequency.Daily ? "daily" : "weekly";
        var text = $"""
            {Greeting(reader)}

            You are subscribed to {Network}: a {frequency} digest on {topics}.

            Change topics, frequency or pause:  {preferences}
            Unsubscribe:                        {unsubscribe}
            """;
        var html = await templates.WelcomeAsync(new WelcomeMail(Network, Greeting(reader), frequency, topics, preferences, unsubscribe));
        return Message(reader, $"Welcome to {Network}", html, text, unsubscribable: true, unsubscribe);
    }

    private async Task<MailMessage> AlreadySubscribedAsync(Reader reader)
    {
        var (preferences, unsubscribe) = ReaderLinks(reader);
        var text = $"""
            {Greeting(reader)}

            Someone, probably you, asked to subscribe this address to {Network}. You are already subscribed, so nothing has changed.

            Manage your preferences: {preferences}
            Unsubscribe:             {unsubscribe}
            """;
        var html = await templates.AlreadySubscribedAsync(new AlreadySubscribedMail(Network, Greeting(reader), preferences, unsubscribe));
        return Message(reader, $"You are already subscribed to {Network}", html, text, unsubscribable: true, unsubscribe);
    }

    private (string Preferences, string Unsubscribe) ReaderLinks(Reader reader) =>
        (links.Preferences(reader), links.Unsubscribe(reader.Id));

    private MailMessage Message(Reader reader, string subject, string html, string text, bool unsubscribable, string? unsubscribeUrl = null, bool confirmed = true)
    {
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" };
        if (unsubscribable && unsubscribeUrl is not null)
        {
            // RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL; the mailto is for those that do not.
            ListUnsubscribe.AddTo(headers, unsubscribeUrl, ListUnsubscribe.Mailbox(delivery.Value.UnsubscribeMailbox, mail.Value.From));
        }

        return new MailMessage(mail.Value.Sender(app.Value), new Mailbox(reader.Address!, confirmed ? reader.Name : null), subject, html, text, headers);
    }

    private static string Greeting(Reader reader) =>
        string.IsNullOrWhiteSpace(reader.Name) ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {reader.Name},");

    [LoggerMessage(LogLevel.Information, "Sent {Kind} mail to reader {ReaderId}")]
    private partial void LogSent(MailKind kind, string readerId);

    [LoggerMessage(LogLevel.Information, "No {Kind} mail for reader {ReaderId}: {Reason}")]
    private partial void LogSkipped(MailKind kind, string readerId, string reason);
}
