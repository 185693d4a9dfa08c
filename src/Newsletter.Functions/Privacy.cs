using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages;

namespace Newsletter.Functions;

/// <summary>GET /privacy: the built-in privacy notice, linked by the form unless <c>Subscriptions:PrivacyNoticeUrl</c> names another.</summary>
public sealed class Privacy(PageRenderer pages, IOptions<AppOptions> app, IOptions<SubscriptionOptions> subscriptions, IOptions<BrandingOptions> branding, IOptions<DigestOptions> digest)
{
    [Function(nameof(Privacy))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "privacy")] HttpRequest request)
    {
        var who = branding.Value;
        return await pages.PageAsync<PrivacyPage, PrivacyNotice>(new PrivacyNotice(
            app.Value.NetworkName, subscriptions.Value.PrivacyNoticeVersion, who.Organisation, who.PrivacyContact, who.PrivacyContactHref, digest.Value.PostalAddress, who.RetentionMonths));
    }
}
