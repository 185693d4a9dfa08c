using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Delivery;

/// <summary>How editions are sent: chunk size, concurrency, list headers and the unknown-outcome policy.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>
    /// Resend a chunk once for each request whose outcome stayed unknown, on the message's next delivery,
    /// until a request is answered: no reader misses the edition; a reader may get it once more per unknown outcome.
    /// </summary>
    public const string ResendOnce = "ResendOnce";

    /// <summary>Never resend a chunk whose outcome is unknown: a reader may miss the edition, none gets it twice.</summary>
    public const string NeverResend = "NeverResend";

    /// <summary>Personalizations per request; SendGrid accepts at most 1,000.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Requests in flight at once per bucket or merge message (<c>digest run</c> sends four of those at once).</summary>
    [Range(1, 64)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>
    /// What happens to a chunk whose request went out but whose answer never came (a timeout, a
    /// dropped connection, a crash): <see cref="ResendOnce"/> (default) or <see cref="NeverResend"/>.
    /// Either way it is counted, so <c>digest status</c> shows how many chunks were resent after an unknown
    /// outcome (their readers may have got the edition twice) or how many readers may have missed it.
    /// </summary>
    [Required, AllowedValues(ResendOnce, NeverResend)]
    public string UnknownOutcome { get; set; } = ResendOnce;

    /// <summary>
    /// How long a chunk may stay in flight before another delivery takes it for a dispatcher that died
    /// mid-request. Longer than the transport's longest send (SendGrid: 4 attempts of 60 s plus back-off);
    /// until then a chunk in flight is left to whoever is sending it, and its message comes back later.
    /// </summary>
    [Range(30, 86_400)]
    public int InFlightLeaseSeconds { get; set; } = 600;

    /// <summary>
    /// How long a remainder not yet merged keeps its recipients' addresses and names; after that they are
    /// dropped (at each edition's compose) and a later merge reads the readers again by id.
    /// </summary>
    [Range(1, 90)]
    public int RemainderRetentionDays { get; set; } = 7;

    /// <summary>The <c>List-Id</c> header (RFC 2919), e.g. <c>Network Updates &lt;updates.example.org&gt;</c>; empty derives it from <c>App:NetworkName</c> and the base URL's host.</summary>
    [MaxLength(200)]
    public string ListId { get; set; } = string.Empty;

    /// <summary>The mailto of <c>List-Unsubscribe</c>; empty uses <c>unsubscribe@</c> the sender's domain.</summary>
    [MaxLength(254)]
    public string UnsubscribeMailbox { get; set; } = string.Empty;
}
