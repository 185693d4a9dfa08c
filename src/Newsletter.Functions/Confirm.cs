using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>
/// GET /confirm?token=...: the confirmation page, whose button the reader presses; opening it changes
/// nothing, so link scanners (even those that run scripts) confirm no one. POST (the button): activates
/// the pending reader and shows their preferences link.
/// </summary>
public sealed class Confirm(ConfirmationService subscriptions, LinkCheck links, SubscriptionPages pages, NewsletterMetrics metrics)
{
    [Function(nameof(Confirm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestReader.Token(request);
        if (HttpMethods.IsGet(request.Method))
        {
            return await pages.ConfirmFormAsync(token, await links.ConfirmationAsync(token, cancellationToken));
        }

        var result = await subscriptions.ConfirmAsync(token, cancellationToken);
        metrics.Confirmation(result);
        return await pages.ConfirmedAsync(result);
    }
}
