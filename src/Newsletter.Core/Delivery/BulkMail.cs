namespace Newsletter.Core.Delivery;

/// <summary>
/// One recipient of a bulk message: the address, the values of the rendering's placeholders, the
/// recipient's own headers (List-Unsubscribe) and custom arguments (ids only, no personal data).
/// </summary>
public sealed record Personalization(
    string Address,
    string? Name,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs);

/// <summary>
/// One send request: a variant's rendering (subject, HTML, text with placeholders left in) and up to
/// 1,000 personalizations, as one SendGrid v3 mail/send call carries them.
/// </summary>
public sealed record BulkMessage(
    string FromAddress,
    string FromName,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Personalization> Personalizations);

/// <summary>What became of a request.</summary>
public enum BulkSendStatus
{
    /// <summary>The provider took it (2xx): every personalization is on its way.</summary>
    Accepted,

    /// <summary>The provider answered and will never take it (4xx other than 429): retrying is pointless.</summary>
    Rejected,

    /// <summary>The provider answered that it did not take it (429, 5xx after the retries): safe to send again later.</summary>
    NotAccepted,

    /// <summary>The request went out and no answer came (timeout, dropped connection): it may or may not have been taken.</summary>
    Unknown,
}

public sealed record BulkSendResult(BulkSendStatus Status, string? Detail = null)
{
    public static BulkSendResult Accepted { get; } = new(BulkSendStatus.Accepted);
}

/// <summary>Port: sends one bulk message (the SendGrid API in production, .eml files locally).</summary>
public interface IBulkMailSender
{
    Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken);
}
