using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Newsletter.Functions;

// Until pages moved to the root of the site they were served under /api, and mails already sent carry
// those links: a GET is sent on for good (308, the query kept), the one-click POST is answered in place.
// A form of a page served before the move (a tab left open, a cached copy) still posts to /api: a 308 sends
// the browser on with the same method and body, so nothing typed is lost.

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

/// <summary>POST /api/subscribe, /api/confirm and /api/preferences: a form of an old page; 308 to the page at the root, body and query kept.</summary>
public sealed class LegacyFormPost
{
    [Function(nameof(LegacyFormPost))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/{page:regex(^(subscribe|confirm|preferences)$)}")] HttpRequest request,
        string page) => LegacyPage.Moved(request, $"/{page}");
}

/// <summary>POST /api/preferences/erase: the old erase form; 308 to /preferences/erase, body and query (the token) kept.</summary>
public sealed class LegacyErasePost
{
    [Function(nameof(LegacyErasePost))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/preferences/erase")] HttpRequest request) => LegacyPage.Moved(request, "/preferences/erase");
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
