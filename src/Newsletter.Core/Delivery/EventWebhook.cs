using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>The mail provider's signed event webhook (SendGrid's Event Webhook with signature verification).</summary>
public sealed class EventWebhookOptions
{
    public const string SectionName = "EventWebhook";

    /// <summary>The verification key SendGrid shows for the signed webhook: base64 of the ECDSA P-256 public key (DER). Empty refuses every post.</summary>
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>Posts signed longer ago than this are refused (replays).</summary>
    [Range(1, 60)]
    public int MaxAgeMinutes { get; set; } = 10;

    /// <summary>The largest body taken: SendGrid batches events, and a post far beyond this is not from it.</summary>
    [Range(1024, 32 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>Port: which provider events were applied already (the provider delivers at least once), and each edition's bounces and complaints.</summary>
public interface IFeedbackLog
{
    Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event as applied; an event with an edition is also listed under it (<see cref="ListForEditionAsync"/>).</summary>
    Task RecordAsync(FeedbackEvent feedback, CancellationToken cancellationToken);

    /// <summary>The bounces, complaints and unsubscribes the provider reported for one edition, at most <paramref name="max"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedbackEvent>> ListForEditionAsync(string editionId, int max, CancellationToken cancellationToken);
}

public enum WebhookStatus
{
    Accepted,

    /// <summary>Unsigned, forged, stale, or no key configured: nothing was read.</summary>
    Unauthorized,

    /// <summary>Signed, but not a JSON array of events.</summary>
    Malformed,

    /// <summary>The body is larger than <see cref="EventWebhookOptions.MaxBodyBytes"/> (declared or as it streamed): not read further.</summary>
    TooLarge,
}

public sealed record WebhookResult(WebhookStatus Status, int Applied = 0, int Duplicates = 0, int Ignored = 0);

/// <summary>
/// Verifies and applies SendGrid's event webhook. The signature and timestamp headers are checked
/// (present, well-formed, recent) and a declared length over the limit is refused before a byte of the
/// body is read; the body is read up to the limit and no further, and the ECDSA P-256 signature over
/// timestamp + raw body is verified before a byte of it is parsed. Then hard bounces
/// and drops for an invalid or bounced address make the reader bounced, spam reports complained,
/// unsubscribes unsubscribed. Each event applies once (by <c>sg_event_id</c>).
/// </summary>
public sealed partial class EventWebhook(
    IOptions<EventWebhookOptions> options,
    IFeedbackLog log,
    UnsubscribeService subscriptions,
    ReaderIdentity identity,
    TimeProvider time,
    NewsletterMetrics metrics,
    ILogger<EventWebhook> logger)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>Checks the headers and the declared length, reads the body up to the limit, verifies and applies it.</summary>
    public async Task<WebhookResult> HandleAsync(string? signature, string? timestamp, long? contentLength, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var max = options.Value.MaxBodyBytes;
        if (contentLength > max)
        {
            LogTooLarge(contentLength.Value, max);
            return new WebhookResult(WebhookStatus.TooLarge);
        }

        if (!HeadersValid(signature, timestamp))
        {
            LogRefused();
            return new WebhookResult(WebhookStatus.Unauthorized);
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(contentLength ?? 64 * 1024, max) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    // One byte past the limit is enough to know: the rest is never read.
                    LogTooLarge(length, max);
                    return new WebhookResult(WebhookStatus.TooLarge);
                }
            }

            return await HandleAsync(signature, timestamp, buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<WebhookResult> HandleAsync(string? signature, string? timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!Verify(signature, timestamp, body.Span))
        {
            LogRefused();
            return new WebhookResult(WebhookStatus.Unauthorized);
        }

        List<JsonElement> events;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new WebhookResult(WebhookStatus.Malformed);
            }

            events = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (JsonException)
        {
            return new WebhookResult(WebhookStatus.Malformed);
        }

        int applied = 0, duplicates = 0, ignored = 0;
        foreach (var e in events)
        {
            var id = Text(e, "sg_event_id");
            var kind = Text(e, "event");
            if (id is null || kind is null || Target(e, kind) is not { } to || ReaderOf(e) is not { } key)
            {
                ignored++;
                continue;
            }

            if (await log.SeenAsync(id, cancellationToken))
            {
                duplicates++;
                continue;
            }

            if (await subscriptions.ApplyFeedbackAsync(key, to, $"provider event {kind}", cancellationToken))
            {
                applied++;
                LogApplied(kind, key.Id, to);
            }

            var edition = Text(e, MeteredBulkMailSender.EditionArgument);
            metrics.Feedback(to, edition);
            await log.RecordAsync(new FeedbackEvent(id, kind, to, time.GetUtcNow(), edition, key.Id, FeedbackEvent.CleanReason(Text(e, "reason") ?? Text(e, "type"))), cancellationToken);
        }

        return new WebhookResult(WebhookStatus.Accepted, applied, duplicates, ignored);
    }

    /// <summary>The signature over the timestamp followed by the raw body, and a timestamp within <see cref="EventWebhookOptions.MaxAgeMinutes"/>.</summary>
    public bool Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (!HeadersValid(signature, timestamp))
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.Value.PublicKey), out _);
            var signed = new byte[Encoding.UTF8.GetByteCount(timestamp!) + body.Length];
            var written = Encoding.UTF8.GetBytes(timestamp, signed);
            body.CopyTo(signed.AsSpan(written));
            return key.VerifyData(signed, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>What can be checked before the body is read: a key to verify with, a signature, a recent timestamp.</summary>
    private bool HeadersValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? signature, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? timestamp)
    {
        if (string.IsNullOrWhiteSpace(options.Value.PublicKey) || string.IsNullOrWhiteSpace(signature) || signature.Length > 512
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        return age <= TimeSpan.FromMinutes(options.Value.MaxAgeMinutes) && age >= -TimeSpan.FromMinutes(options.Value.MaxAgeMinutes);
    }

    private static ReaderState? Target(JsonElement e, string kind) => kind switch
    {
        // "bounce" with type "blocked" is a soft (temporary) refusal: the address stays.
        "bounce" => Text(e, "type") is null or "bounce" ? ReaderState.Bounced : null,
        "dropped" => Text(e, "reason") is { } reason
                     && (reason.Contains("bounce", StringComparison.OrdinalIgnoreCase) || reason.Contains("invalid", StringComparison.OrdinalIgnoreCase))
            ? ReaderState.Bounced
            : null,
        "spamreport" => ReaderState.Complained,
        "unsubscribe" or "group_unsubscribe" => ReaderState.Unsubscribed,
        _ => null,
    };

    /// <summary>The reader id from our custom arguments; else the reader of the address.</summary>
    private ReaderKey? ReaderOf(JsonElement e)
    {
        if (ReaderKey.TryParse(Text(e, "reader_id"), out var key))
        {
            return key;
        }

        return EmailAddress.TryParse(Text(e, "email"), out var address, out _) && address is not null ? identity.For(address) : null;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(LogLevel.Warning, "Event webhook post refused: {Bytes} bytes or more, over the limit of {Max}")]
    private partial void LogTooLarge(long bytes, int max);

    [LoggerMessage(LogLevel.Warning, "Event webhook post refused: signature or timestamp not valid")]
    private partial void LogRefused();

    [LoggerMessage(LogLevel.Information, "Provider event {Kind} moved reader {ReaderId} to {State}")]
    private partial void LogApplied(string kind, string readerId, ReaderState state);
}
