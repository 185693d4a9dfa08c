using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Newsletter.Functions;

// Until pages moved to the root of the site they were served under /api, and mails already sent carry
// those links: a GET is sent on for good (308, the query kept), the one-click POST is answered in place.

/// <summary>GET /api/{page}: permanent redirect to the page's address at the root, with its query (tokens).</summary>
public sealed class LegacyPage
{
    [Function(nameof(LegacyPage))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/{page:regex(^(subscribe|confirm|preferences|unsubscribe|privacy|archive|feed.atom)$)}")] HttpRequest request,
        string page) => Moved(request, $"/{page}");

    internal static RedirectResult Moved(HttpRequest request, string path) =>
        new(path + request.QueryString.Value, permanent: true, preserveMethod: true);
}

/// <summary>GET /api/archive/{editionId} and /api/updates/{updateId}: permanent redirect to the page at the root.</summary>
public sealed class LegacyReadingPage
{
    [Function(nameof(LegacyReadingPage))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/{section:regex(^(archive|updates)$)}/{id}")] HttpRequest request,
        string section, string id) => LegacyPage.Moved(request, $"/{section}/{Uri.EscapeDataString(id)}");
}

/// <summary>
/// POST /api/unsubscribe?token=...: the RFC 8058 one-click unsubscribe of mails sent before the move,
/// served in place (mail clients do not follow a redirect for it).
/// </summary>
public sealed class LegacyOneClickUnsubscribe(Unsubscribe unsubscribe)
{
    [Function(nameof(LegacyOneClickUnsubscribe))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken) => unsubscribe.Run(request, cancellationToken);
}
