using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SendGrid;
using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The production bulk transport: one SendGrid v3 <c>mail/send</c> request per chunk, the rendering once
/// and a personalization per reader (address, substitutions, its own List-Unsubscribe headers, custom
/// arguments), the JSON body streamed by <see cref="SendGridMailContent"/>. Retries of "not taken" answers
/// (429, 5xx) and failed connects happen in the HTTP pipeline (<see cref="AddResilience"/>); 401/403 (a key problem) leave the chunk sendable; a timeout or a connection lost after the request went out is never
/// retried here but reported as <see cref="BulkSendStatus.Unknown"/>, so the ledger's policy decides and counts it.
/// </summary>
public sealed partial class SendGridBulkMailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options, ILogger<SendGridBulkMailSender> logger)
    : IBulkMailSender
{
    public const string HttpClientName = "SendGrid";

    /// <summary>The SDK's own User-Agent (its assembly version), so SendGrid sees the client it always saw.</summary>
    private static readonly string UserAgent = $"sendgrid/{typeof(SendGridClient).Assembly.GetName().Version} csharp";

    public async Task<BulkSendResult> SendAsync(BulkMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var clientOptions = new SendGridClientOptions
        {
            ApiKey = options.Value.ApiKey,
            Host = options.Value.Host,
        };
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), clientOptions);

        Response response;
        try
        {
            using var request = MailSendRequest(message, clientOptions);
            response = await client.MakeRequest(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError)
        {
            // Never connected (after the last attempt): nothing went out.
            return new BulkSendResult(BulkSendStatus.NotAccepted, $"connection failed: {ex.Message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or TaskCanceledException or IOException)
        {
            return new BulkSendResult(BulkSendStatus.Unknown, $"{ex.GetType().Name}: {ex.Message}");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return BulkSendResult.Accepted;
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var detail = string.Create(CultureInfo.InvariantCulture, $"{status} {Truncate(body)}");
        // 401/403 say our key is wrong or lacks the permission, not that the mail is: the chunk stays
        // sendable (the message ends in the poison queue, and 'digest send' sends it once the key is fixed).
        if (status is 429 or 401 or 403 || status >= 500)
        {
            LogNotAccepted(status, Truncate(body));
            return new BulkSendResult(BulkSendStatus.NotAccepted, detail);
        }

        LogRejected(status, Truncate(body));
        return new BulkSendResult(BulkSendStatus.Rejected, detail);
    }

    private static string Truncate(string body) => body.Length > 500 ? body[..500] : body;

    /// <summary>
    /// The request <c>SendGridClient.SendEmailAsync</c> would build (the same address, Authorization, Accept and
    /// User-Agent), with the body streamed by <see cref="SendGridMailContent"/> instead of serialized to a string.
    /// </summary>
    private static HttpRequestMessage MailSendRequest(BulkMessage message, SendGridClientOptions clientOptions)
    {
        var host = clientOptions.Host.EndsWith('/') ? clientOptions.Host : clientOptions.Host + "/";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(host), clientOptions.Version + "/mail/send"))
        {
            Content = new SendGridMailContent(message),
        };
        request.Headers.Authorization = clientOptions.Auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    /// <summary>
    /// The HTTP pipeline of the SendGrid client: each attempt has <see cref="SendGridOptions.TimeoutSeconds"/>;
    /// 429 waits for <c>Retry-After</c> or <c>X-RateLimit-Reset</c>; 5xx and failed connects back off
    /// exponentially with jitter. A timed-out attempt or a connection lost mid-request is not retried:
    /// SendGrid may have taken it.
    /// </summary>
    public static void AddResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SendGridOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
            MaxDelay = TimeSpan.FromSeconds(60),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Result: { } r } => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500,
                { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r ? RateLimitDelay(r.Headers, time) : null),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    /// <summary>How long SendGrid asks us to wait: <c>Retry-After</c>, else <c>X-RateLimit-Reset</c> (Unix seconds); at most a minute.</summary>
    public static TimeSpan? RateLimitDelay(HttpResponseHeaders headers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(time);
        TimeSpan? wait = null;
        if (headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow());
        }
        else if (headers.TryGetValues("X-RateLimit-Reset", out var values)
                 && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
        }

        if (wait is not { } w)
        {
            return null;
        }

        return w < TimeSpan.Zero ? TimeSpan.Zero : w > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : w;
    }

    [LoggerMessage(LogLevel.Warning, "SendGrid did not take the request after the last attempt: {Status} {Body}")]
    private partial void LogNotAccepted(int status, string body);

    [LoggerMessage(LogLevel.Error, "SendGrid rejected the request: {Status} {Body}")]
    private partial void LogRejected(int status, string body);
}
