using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /confirm?token=...: activates a pending reader and shows their preferences link.</summary>
public sealed class Confirm(SubscriptionService subscriptions, SubscriptionPages pages, NewsletterMetrics metrics)
{
    [Function(nameof(Confirm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.ConfirmAsync(RequestReader.Token(request), cancellationToken);
        metrics.Confirmation(result);
        return pages.Confirmed(result);
    }
}
