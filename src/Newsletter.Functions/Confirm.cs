using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /confirm?token=...: activates a pending reader and shows their preferences link.</summary>
public sealed class Confirm(SubscriptionService subscriptions, SubscriptionPages pages)
{
    [Function(nameof(Confirm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "confirm")] HttpRequest request,
        CancellationToken cancellationToken) =>
        pages.Confirmed(await subscriptions.ConfirmAsync(RequestReader.Token(request), cancellationToken));
}
