namespace Newsletter.Core.Mail;

/// <summary>A mailbox: an address and an optional display name.</summary>
public sealed record Mailbox(string Address, string? Name = null);

/// <summary>
/// One message to one recipient, independent of the transport: the local outbox writes it as an
/// <c>.eml</c> file, a provider sends it. Every header value is checked so nothing a user typed can
/// start a new header line.
/// </summary>
public sealed record MailMessage
{
    public MailMessage(Mailbox from, Mailbox to, string subject, string htmlBody, string textBody, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        From = from;
        To = to;
        Subject = HeaderSafe(subject, nameof(subject));
        HtmlBody = htmlBody ?? throw new ArgumentNullException(nameof(htmlBody));
        TextBody = textBody ?? throw new ArgumentNullException(nameof(textBody));
        HeaderSafe(from.Address, nameof(from));
        HeaderSafe(from.Name ?? string.Empty, nameof(from));
        HeaderSafe(to.Address, nameof(to));
        HeaderSafe(to.Name ?? string.Empty, nameof(to));
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c > '~'))
            {
                throw new ArgumentException($"'{name}' is not a valid header name.", nameof(headers));
            }

            copy[name] = HeaderSafe(value, name);
        }

        Headers = copy;
    }

    public Mailbox From { get; }
    public Mailbox To { get; }
    public string Subject { get; }
    public string HtmlBody { get; }
    public string TextBody { get; }

    /// <summary>Extra headers such as <c>List-Unsubscribe</c>; names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    private static string HeaderSafe(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Any(char.IsControl))
        {
            throw new ArgumentException($"The {what} contains a line break or control character.", what);
        }

        return value;
    }
}

/// <summary>Port: hands a message to the mail transport.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken);
}
