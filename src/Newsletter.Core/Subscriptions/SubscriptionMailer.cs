using System.Globalization;
using System.Net;
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
    ILogger<SubscriptionMailer> logger)
{
    public async Task<bool> SendAsync(MailJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!ReaderKey.TryParse(job.ReaderId, out var key))
        {
            LogSkipped(logger, job.Kind, job.ReaderId, "not a reader id");
            return false;
        }

        var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
        var message = reader is { Address: not null, IsSuppressed: false } ? Compose(job.Kind, reader) : null;
        if (message is null)
        {
            LogSkipped(logger, job.Kind, job.ReaderId, reader is null ? "no such reader" : $"reader is {reader.State}");
            return false;
        }

        await sender.SendAsync(message, cancellationToken);
        LogSent(logger, job.Kind, job.ReaderId);
        return true;
    }

    private MailMessage? Compose(MailKind kind, Reader reader) => (kind, reader.State) switch
    {
        (MailKind.Confirm, ReaderState.Pending) => Confirmation(reader),
        (MailKind.Welcome, ReaderState.Active) => Welcome(reader),
        (MailKind.AlreadySubscribed, ReaderState.Active) => AlreadySubscribed(reader),
        _ => null,
    };

    private string Network => app.Value.NetworkName;

    private MailMessage Confirmation(Reader reader)
    {
        var days = options.Value.ConfirmTokenDays;
        var url = links.Confirm(reader.Id);
        // Anyone can type any address into the form: until the owner confirms, nothing they typed
        // (the name) goes into the mail, so the form cannot carry a stranger's text to an inbox.
        const string greeting = "Hello,";
        var text = $"""
            {greeting}

            Please confirm that you want to receive {Network} by opening this link:

            {url}

            The link works for {days} days. If you did not sign up, ignore this mail: you will not be
            subscribed and will hear nothing more from us.
            """;
        var html = Page($"""
            <p>{E(greeting)}</p>
            <p>Please confirm that you want to receive {E(Network)}.</p>
            <p><a href="{E(url)}" style="display:inline-block;padding:10px 18px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">Confirm my subscription</a></p>
            <p style="font-size:14px;color:#555555">Or copy this link into your browser: {E(url)}</p>
            <p style="font-size:14px;color:#555555">The link works for {days} days. If you did not sign up, ignore this mail: you will not be subscribed and will hear nothing more from us.</p>
            """);
        return Message(reader, $"Please confirm your subscription to {Network}", html, text, unsubscribable: false, confirmed: false);
    }

    private MailMessage Welcome(Reader reader)
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
        var html = Page($"""
            <p>{E(Greeting(reader))}</p>
            <p>You are subscribed to {E(Network)}: a {frequency} digest on {E(topics)}.</p>
            <p><a href="{E(preferences)}">Change topics, frequency or pause</a> · <a href="{E(unsubscribe)}">Unsubscribe</a></p>
            """);
        return Message(reader, $"Welcome to {Network}", html, text, unsubscribable: true, unsubscribe);
    }

    private MailMessage AlreadySubscribed(Reader reader)
    {
        var (preferences, unsubscribe) = ReaderLinks(reader);
        var text = $"""
            {Greeting(reader)}

            Someone, probably you, asked to subscribe this address to {Network}. You are already
            subscribed, so nothing has changed.

            Manage your preferences: {preferences}
            Unsubscribe:             {unsubscribe}
            """;
        var html = Page($"""
            <p>{E(Greeting(reader))}</p>
            <p>Someone, probably you, asked to subscribe this address to {E(Network)}. You are already subscribed, so nothing has changed.</p>
            <p><a href="{E(preferences)}">Manage your preferences</a> · <a href="{E(unsubscribe)}">Unsubscribe</a></p>
            """);
        return Message(reader, $"You are already subscribed to {Network}", html, text, unsubscribable: true, unsubscribe);
    }

    private (string Preferences, string Unsubscribe) ReaderLinks(Reader reader) =>
        (links.Preferences(reader), links.Unsubscribe(reader.Id));

    private MailMessage Message(Reader reader, string subject, string html, string text, bool unsubscribable, string? unsubscribeUrl = null, bool confirmed = true)
    {
        var headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" };
        if (unsubscribable && unsubscribeUrl is not null)
        {
            // RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
            headers["List-Unsubscribe"] = $"<{unsubscribeUrl}>";
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }

        var fromName = string.IsNullOrWhiteSpace(mail.Value.FromName) ? Network : mail.Value.FromName;
        return new MailMessage(new Mailbox(mail.Value.From, fromName), new Mailbox(reader.Address!, confirmed ? reader.Name : null), subject, html, text, headers);
    }

    private static string Greeting(Reader reader) =>
        string.IsNullOrWhiteSpace(reader.Name) ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {reader.Name},");

    private string Page(string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(Network)}</title></head>
        <body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
        <div style="max-width:560px;margin:0 auto">
        <h1 style="font-size:20px;margin:0 0 16px">{E(Network)}</h1>
        {body}
        </div></body></html>
        """;

    private static string E(string value) => WebUtility.HtmlEncode(value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} mail to reader {ReaderId}")]
    private static partial void LogSent(ILogger logger, MailKind kind, string readerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No {Kind} mail for reader {ReaderId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, MailKind kind, string readerId, string reason);
}
