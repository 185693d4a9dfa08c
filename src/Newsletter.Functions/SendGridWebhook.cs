using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Delivery;

namespace Newsletter.Functions;

/// <summary>
/// POST /api/webhooks/sendgrid: SendGrid's signed event webhook. Headers and the declared length are
/// checked before the body is read, and the signature before the events are; unsigned, forged or stale
/// posts get 401, oversized ones 413, and nothing changes.
/// </summary>
public sealed partial class SendGridWebhook(EventWebhook webhook, ILogger<SendGridWebhook> logger)
{
    [Function(nameof(SendGridWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/sendgrid")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WebhookResult result;
        try
        {
            result = await webhook.HandleAsync(
                request.Headers[EventWebhook.SignatureHeader].ToString(), request.Headers[EventWebhook.TimestampHeader].ToString(),
                request.ContentLength, request.Body, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            // The server refused the body (its own size limit, a broken upload): the client's error, not ours.
            LogBadBody(ex.StatusCode, ex.Message);
            return new StatusCodeResult(ex.StatusCode);
        }

        return result.Status switch
        {
            WebhookStatus.Unauthorized => new UnauthorizedResult(),
            WebhookStatus.Malformed => new BadRequestResult(),
            WebhookStatus.TooLarge => new StatusCodeResult(StatusCodes.Status413PayloadTooLarge),
            _ => new OkObjectResult(new { applied = result.Applied, duplicates = result.Duplicates, ignored = result.Ignored }),
        };
    }

    [LoggerMessage(LogLevel.Warning, "Event webhook body refused by the server ({Status}): {Reason}")]
    private partial void LogBadBody(int status, string reason);
}
