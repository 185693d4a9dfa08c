using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Functions.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /api/privacy: the built-in privacy notice, linked by the form unless <c>Subscriptions:PrivacyNoticeUrl</c> names another.</summary>
public sealed class Privacy(SubscriptionPages pages)
{
    [Function(nameof(Privacy))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest request) => pages.Privacy();
}
