using System.Globalization;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;
using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The SMTP bulk transport: one connection per chunk, and on it one message per personalization, built
/// exactly as the outbox writes it (<see cref="MimeMail.ForRecipient"/>). SMTP takes messages one by
/// one, so a chunk can end half sent; the result says so honestly:
/// <list type="bullet">
/// <item>no connection, no TLS or no sign-in: <see cref="BulkSendStatus.NotAccepted"/>, nothing went out;</item>
/// <item>a recipient or message refused for good (5xx), or one that cannot be written (an address MimeKit
/// cannot parse): skipped and logged, the rest go on; if every one was refused, <see cref="BulkSendStatus.Rejected"/>;</item>
/// <item>the connection lost, or the server refusing more for now (4xx), before anything was taken:
/// <see cref="BulkSendStatus.NotAccepted"/>; after some messages were taken, or while a message's data was
/// on its way: <see cref="BulkSendStatus.Unknown"/>, with how many of how many were accepted (resending the
/// chunk would send those again, so the ledger's unknown-outcome policy decides);</item>
/// <item>every message accepted (or refused for good): <see cref="BulkSendStatus.Accepted"/>.</item>
/// </list>
/// </summary>
public sealed partial class SmtpBulkMailSender(SmtpConnector connector, TimeProvider time, ILogger<SmtpBulkMailSender> logger) : IBulkMailSender
{
    public async Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var total = message.Personalizations.Count;
        if (total == 0)
        {
            return BulkSendResult.Accepted;
        }

        SmtpClient client;
        try
        {
            client = await connector.ConnectAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (SmtpConnector.IsConnectionTrouble(ex) || ex is SmtpCommandException)
        {
            LogNotConnected(connector.Server, ex.GetType().Name, ex.Message);
            return new BulkSendResult(BulkSendStatus.NotAccepted, $"could not connect or sign in to {connector.Server}: {ex.GetType().Name}: {ex.Message}");
        }

        using (client)
        {
            var accepted = 0;
            var refused = 0;
            for (var i = 0; i < total; i++)
            {
                var personalization = message.Personalizations[i];
                using var mime = Compose(message, personalization, i + 1);
                if (mime is null)
                {
                    refused++;
                    continue;
                }

                var data = new DataProgress();
                try
                {
                    await client.SendAsync(mime, cancellationToken, data);
                    accepted++;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                {
                    // Refused for good, for this recipient or this message only: the server stays usable (MailKit sent RSET).
                    refused++;
                    LogRefused(i + 1, total, (int)ex.StatusCode, ex.Message, Ids(personalization));
                }
                catch (SmtpCommandException ex)
                {
                    // The server answered that it takes nothing more now (4xx), or refuses the sender: this message was not taken.
                    return Stopped(accepted, refused, total, inDoubt: false, $"{(int)ex.StatusCode} {ex.Message}");
                }
                catch (Exception ex) when (SmtpConnector.IsConnectionTrouble(ex))
                {
                    // The connection failed; if this message's data had started on its way, the server may have taken it.
                    return Stopped(accepted, refused, total, data.Started, $"{ex.GetType().Name}: {ex.Message}");
                }
            }

            await SmtpConnector.QuitAsync(client, cancellationToken);
            if (accepted == 0)
            {
                return new BulkSendResult(BulkSendStatus.Rejected, $"{connector.Server} refused all {total} messages");
            }

            return refused == 0
                ? BulkSendResult.Accepted
                : new BulkSendResult(BulkSendStatus.Accepted, string.Create(CultureInfo.InvariantCulture, $"{accepted} of {total} accepted, {refused} refused for good"));
        }
    }

    /// <summary>One personalization's message, or null (logged) when it cannot be written: an address MimeKit cannot parse, which no server would take either.</summary>
    private MimeMessage? Compose(BulkMessage message, Personalization personalization, int index)
    {
        try
        {
            return MimeMail.Create(MimeMail.ForRecipient(message, personalization), time.GetUtcNow());
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException)
        {
            LogUnwritable(index, message.Personalizations.Count, ex.Message, Ids(personalization));
            return null;
        }
    }

    private BulkSendResult Stopped(int accepted, int refused, int total, bool inDoubt, string error)
    {
        if (accepted == 0 && !inDoubt)
        {
            LogNotAccepted(connector.Server, refused, total, error);
            return new BulkSendResult(BulkSendStatus.NotAccepted, string.Create(CultureInfo.InvariantCulture,
                $"{connector.Server} accepted none of {total} messages ({refused} refused for good): {error}"));
        }

        var open = total - accepted - refused;
        LogPartlySent(connector.Server, accepted, total, refused, open, inDoubt, error);
        return new BulkSendResult(BulkSendStatus.Unknown, string.Create(CultureInfo.InvariantCulture,
            $"{accepted} of {total} messages accepted, {refused} refused for good, {open} not sent{(inDoubt ? " (the first of them may have been accepted)" : "")} before {connector.Server} stopped: {error}"));
    }

    /// <summary>The personalization's custom arguments (ids only, never an address), to find the reader from the log.</summary>
    private static string Ids(Personalization personalization) =>
        string.Join(", ", personalization.CustomArgs.Select(a => $"{a.Key}={a.Value}"));

    /// <summary>Notes whether any of a message's data went out, after which the server may have taken it.</summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started = true;

        public void Report(long bytesTransferred) => Started = true;
    }

    [LoggerMessage(LogLevel.Warning, "Could not connect or sign in to the SMTP server {Server}; nothing was sent: {Error}: {Message}")]
    private partial void LogNotConnected(string server, string error, string message);

    [LoggerMessage(LogLevel.Warning, "The SMTP server refused message {Index} of {Count} for good ({Ids}): {Status} {Response}")]
    private partial void LogRefused(int index, int count, int status, string response, string ids);

    [LoggerMessage(LogLevel.Warning, "Message {Index} of {Count} cannot be written and is skipped ({Ids}): {Problem}")]
    private partial void LogUnwritable(int index, int count, string problem, string ids);

    [LoggerMessage(LogLevel.Warning, "The SMTP server {Server} accepted none of {Count} messages ({Refused} refused for good): {Error}")]
    private partial void LogNotAccepted(string server, int refused, int count, string error);

    [LoggerMessage(LogLevel.Warning, "The SMTP server {Server} stopped after accepting {Accepted} of {Count} messages ({Refused} refused for good, {Open} not sent, first in doubt: {InDoubt}): {Error}")]
    private partial void LogPartlySent(string server, int accepted, int count, int refused, int open, bool inDoubt, string error);
}
