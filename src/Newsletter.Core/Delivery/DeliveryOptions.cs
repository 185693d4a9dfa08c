using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Delivery;

/// <summary>How editions are sent: chunk size, concurrency, list headers and the unknown-outcome policy.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Resend a chunk whose first request's outcome is unknown once, then give up on it.</summary>
    public const string ResendOnce = "ResendOnce";

    /// <summary>Never resend a chunk whose outcome is unknown: a reader may miss the edition, none gets it twice.</summary>
    public const string NeverResend = "NeverResend";

    /// <summary>Personalizations per request; SendGrid accepts at most 1,000.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Requests in flight at once per dispatcher (per bucket message, or per <c>digest run</c>).</summary>
    [Range(1, 64)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>
    /// What happens to a chunk whose request went out but whose answer never came (a timeout, a
    /// dropped connection, a crash): <see cref="ResendOnce"/> (default) or <see cref="NeverResend"/>.
    /// Either way the chunk is counted, so <c>digest status</c> shows how many readers may have got it twice or not at all.
    /// </summary>
    [Required, AllowedValues(ResendOnce, NeverResend)]
    public string UnknownOutcome { get; set; } = ResendOnce;

    /// <summary>The <c>List-Id</c> header (RFC 2919), e.g. <c>Network Updates &lt;updates.example.org&gt;</c>; empty derives it from <c>App:NetworkName</c> and the base URL's host.</summary>
    [MaxLength(200)]
    public string ListId { get; set; } = string.Empty;

    /// <summary>The mailto of <c>List-Unsubscribe</c>; empty uses <c>unsubscribe@</c> the sender's domain.</summary>
    [MaxLength(254)]
    public string UnsubscribeMailbox { get; set; } = string.Empty;
}
