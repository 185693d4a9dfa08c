using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>
/// GET /unsubscribe?token=...: checks the link and shows one button, or that the reader already left, or
/// why the link fails (link scanners that follow GETs change nothing). POST, as mail clients send for
/// RFC 8058 one-click (<c>List-Unsubscribe=One-Click</c>) and as the button sends: unsubscribes at once
/// and answers 200, never a redirect.
/// </summary>
public sealed class Unsubscribe(UnsubscribeService subscriptions, LinkCheck links, SubscriptionPages pages)
{
    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestReader.Token(request);
        return HttpMethods.IsGet(request.Method)
            ? await pages.UnsubscribeFormAsync(token, await links.UnsubscribeAsync(token, cancellationToken))
            : await pages.UnsubscribedAsync(await subscriptions.UnsubscribeAsync(token, cancellationToken));
    }
}
