using Newsletter.Core.Delivery;

namespace Newsletter.Core.Monitoring;

/// <summary>
/// Wraps the bulk transport: each request is one chunk, so its recipients and its time are the mail counts and the
/// chunk latency, whichever transport sends them.
/// </summary>
public sealed class MeteredBulkMailSender(IBulkMailSender inner, NewsletterMetrics metrics, TimeProvider time) : IBulkMailSender
{
    /// <summary>The custom argument every digest personalization carries (see the dispatcher's message factory).</summary>
    public const string EditionArgument = "edition_id";

    /// <summary>The transport whose requests are measured.</summary>
    public IBulkMailSender Transport => inner;

    public async Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var edition = message.Personalizations.Count > 0 && message.Personalizations[0].CustomArgs.TryGetValue(EditionArgument, out var id) ? id : null;
        BulkSendResult result;
        try
        {
            result = await inner.SendAsync(message, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Chunk(edition, message.Personalizations.Count, BulkSendStatus.Unknown, time.GetElapsedTime(started));
            throw;
        }

        metrics.Chunk(edition, message.Personalizations.Count, result.Status, time.GetElapsedTime(started));
        return result;
    }
}
