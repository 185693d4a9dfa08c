namespace Newsletter.Core.Mail;

/// <summary>
/// The unsubscribe headers of every mail a reader can leave from (digests and single subscription mails
/// alike): RFC 2369 <c>List-Unsubscribe</c> with the one-click URL and a mailto, and RFC 8058
/// <c>List-Unsubscribe-Post</c>, which mail clients answer with a POST to the URL.
/// </summary>
public static class ListUnsubscribe
{
    public const string Header = "List-Unsubscribe";
    public const string PostHeader = "List-Unsubscribe-Post";
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>The mailto of the header: the configured mailbox, else <c>unsubscribe@</c> the sender's domain.</summary>
    public static string Mailbox(string? configured, string from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return string.IsNullOrWhiteSpace(configured) ? "unsubscribe@" + from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..] : configured;
    }

    /// <summary>Sets both headers for one reader's unsubscribe URL.</summary>
    public static void AddTo(IDictionary<string, string> headers, string unsubscribeUrl, string mailbox)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers[Header] = $"<{unsubscribeUrl}>, <mailto:{mailbox}?subject=unsubscribe>";
        headers[PostHeader] = OneClick;
    }
}
