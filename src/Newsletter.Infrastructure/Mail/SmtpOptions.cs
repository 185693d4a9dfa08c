using System.ComponentModel.DataAnnotations;

namespace Newsletter.Infrastructure.Mail;

/// <summary>The SMTP transport (<c>Mail:Transport = Smtp</c>): a relay or submission server that takes every message.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>Plain SMTP; for a relay on loopback or a private network (and for maildev).</summary>
    public const string None = "None";

    /// <summary>Upgrades with STARTTLS and refuses a server that does not offer it.</summary>
    public const string StartTls = "StartTls";

    /// <summary>TLS from the first byte (SMTPS, usually port 465).</summary>
    public const string SslOnConnect = "SslOnConnect";

    /// <summary>TLS from the first byte on port 465, else STARTTLS when the server offers it and plain SMTP when it does not.</summary>
    public const string Auto = "Auto";

    /// <summary>The server's host name or IP address. Needed only by the SMTP transport.</summary>
    [MaxLength(253)]
    public string Host { get; set; } = string.Empty;

    /// <summary>The server's port: 587 is message submission (RFC 6409), which relays expect from applications and cloud hosts leave open.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured: <see cref="StartTls"/> (default), <see cref="SslOnConnect"/>, <see cref="Auto"/> or <see cref="None"/>.</summary>
    [Required, AllowedValues(None, StartTls, SslOnConnect, Auto)]
    public string Security { get; set; } = StartTls;

    /// <summary>The user name to sign in with; empty sends without signing in (a relay that trusts the sender's address).</summary>
    [MaxLength(256)]
    public string UserName { get; set; } = string.Empty;

    /// <summary>The password of <see cref="UserName"/> (a Key Vault reference in Azure); not used without a user name.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>How long connecting, one command or one message's transfer may take before the connection counts as lost.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The name this host gives in <c>EHLO</c>; empty sends the local IP address as a literal. Some relays refuse names they cannot resolve.</summary>
    [MaxLength(253)]
    public string LocalDomain { get; set; } = string.Empty;

    /// <summary>Whether the server certificate's revocation is checked (needs the CA's revocation lists to be reachable).</summary>
    public bool CheckCertificateRevocation { get; set; } = true;
}
