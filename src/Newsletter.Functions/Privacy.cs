using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages;

namespace Newsletter.Functions;

/// <summary>GET /privacy: the built-in privacy notice, linked by the form unless <c>Subscriptions:PrivacyNoticeUrl</c> names another.</summary>
public sealed class Privacy(PageRenderer pages, IOptions<AppOptions> app, IOptions<SubscriptionOptions> subscriptions)
{
    [Function(nameof(Privacy))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest request) =>
        await pages.PageAsync<PrivacyPage, PrivacyNotice>(new PrivacyNotice(app.Value.NetworkName, subscriptions.Value.PrivacyNoticeVersion));
}
