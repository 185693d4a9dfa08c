using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>
/// POST /portal/markdown with <c>body</c>: the release form's text as HTML, rendered by the pipeline ingestion uses, for the
/// form's live preview (<c>{"html": "...", "problem": null}</c>). A contact's session and its form token, as every portal post.
/// </summary>
public sealed class PortalRenderText(PortalAccess access, PortalSubmissions submissions)
{
    // The text at its longest, as UTF-8 (at most 3 bytes a character), and the token beside it.
    private const long MaxFormBytes = 3L * ReleaseFormWriter.MaxBody + 16 * 1024;

    [Function(nameof(PortalRenderText))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/markdown")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: false, cancellationToken, MaxFormBytes);
        if (visit is null)
        {
            return refusal!;
        }

        var rendered = submissions.RenderBody(visit.Member, PortalForms.Field(visit.Form!, "body"), cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new JsonResult(new { html = rendered.Html, problem = rendered.Problem }) { StatusCode = StatusCodes.Status200OK };
    }
}

/// <summary>GET /portal/live-preview.js: the live preview's script, served by the app under its own content security policy.</summary>
public sealed class PortalLivePreviewScript(PortalAccess access)
{
    [Function(nameof(PortalLivePreviewScript))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/live-preview.js")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        request.HttpContext.Response.Headers.CacheControl = "private, max-age=3600";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(PortalScripts.LivePreview, "text/javascript; charset=utf-8");
    }
}

/// <summary>The release form's page: it loads the live preview's script, so its policy allows the app's own script files.</summary>
internal static class ScriptedPages
{
    public static async Task<IActionResult> WithOwnScriptsAsync(this Task<HtmlPage> page)
    {
        var rendered = await page;
        return new HtmlPage(rendered.Html, rendered.StatusCode) { OwnScripts = true, RetryAfter = rendered.RetryAfter };
    }
}
