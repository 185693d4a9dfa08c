using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Newsletter.Infrastructure.Mail;

/// <summary>Opens a signed-in connection to the configured SMTP server, for both SMTP senders.</summary>
public sealed class SmtpConnector(IOptions<SmtpOptions> options)
{
    /// <summary>Host and port, for messages and logs.</summary>
    public string Server => $"{options.Value.Host}:{options.Value.Port}";

    /// <summary>Connects, secures the connection as configured and signs in when a user name is set.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var client = new SmtpClient
        {
            Timeout = checked(settings.TimeoutSeconds * 1000),
            CheckCertificateRevocation = settings.CheckCertificateRevocation,
        };
        if (!string.IsNullOrWhiteSpace(settings.LocalDomain))
        {
            client.LocalDomain = settings.LocalDomain;
        }

        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, SecureSocket(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Says goodbye with <c>QUIT</c>; every message is already accepted or not by then, so a failure here changes nothing.</summary>
    public static async Task QuitAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionTrouble(ex) && !cancellationToken.IsCancellationRequested)
        {
        }
    }

    public static SecureSocketOptions SecureSocket(string security) => security switch
    {
        SmtpOptions.None => SecureSocketOptions.None,
        SmtpOptions.StartTls => SecureSocketOptions.StartTls,
        SmtpOptions.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpOptions.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Not a Smtp:Security value."),
    };

    /// <summary>
    /// A failure of the connection rather than an answer about a message: it could not be opened,
    /// secured or signed in to, it broke, or the server went silent longer than the timeout.
    /// </summary>
    public static bool IsConnectionTrouble(Exception exception) => exception is IOException or SocketException
        or SmtpProtocolException or SslHandshakeException or AuthenticationException or SaslException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException
        or TimeoutException or OperationCanceledException;
}
