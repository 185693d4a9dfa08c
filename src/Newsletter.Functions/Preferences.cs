using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /preferences?token=...: the reader's choices. POST: save them, or unsubscribe.</summary>
public sealed class Preferences(SubscriptionService subscriptions, SubscriptionPages pages)
{
    [Function(nameof(Preferences))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "preferences")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = RequestReader.Token(request);
        if (HttpMethods.IsGet(request.Method))
        {
            return pages.Preferences(await subscriptions.GetPreferencesAsync(token, cancellationToken));
        }

        var form = await RequestReader.FormAsync(request, cancellationToken);
        if (string.Equals(form["action"].FirstOrDefault(), "unsubscribe", StringComparison.Ordinal))
        {
            return pages.Unsubscribed(await subscriptions.UnsubscribeAsync(token, cancellationToken, TokenPurpose.Preferences));
        }

        return pages.Preferences(await subscriptions.UpdatePreferencesAsync(token, RequestReader.Preferences(form), cancellationToken));
    }
}
