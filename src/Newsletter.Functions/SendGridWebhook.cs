using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Delivery;

namespace Newsletter.Functions;

/// <summary>
/// POST /api/webhooks/sendgrid: SendGrid's signed event webhook. The signature is checked before the
/// events are read; unsigned, forged or stale posts get 401 and change nothing.
/// </summary>
public sealed class SendGridWebhook(EventWebhook webhook)
{
    /// <summary>SendGrid batches events; a post far beyond this is not from it.</summary>
    private const int MaxBody = 4 * 1024 * 1024;

    [Function(nameof(SendGridWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/sendgrid")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var result = await webhook.HandleAsync(
            request.Headers[EventWebhook.SignatureHeader].ToString(), request.Headers[EventWebhook.TimestampHeader].ToString(),
            buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        return result.Status switch
        {
            WebhookStatus.Unauthorized => new UnauthorizedResult(),
            WebhookStatus.Malformed => new BadRequestResult(),
            _ => new OkObjectResult(new { applied = result.Applied, duplicates = result.Duplicates, ignored = result.Ignored }),
        };
    }
}
