using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Portal;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>GET /portal: the member's dashboard, for member contacts.</summary>
public sealed class PortalHome(PortalAccess access, PortalReleases releases, PortalSubmissions submissions, PageRenderer pages)
{
    [Function(nameof(PortalHome))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var recent = await releases.ListAsync(visit.Member, null, 1, cancellationToken);
        return await pages.PageAsync<DashboardPage, DashboardModel>(new DashboardModel(visit.Frame, recent, submissions.MaxUploadBytes));
    }
}

/// <summary>GET /portal/help: the release formats, what is extracted, the size limit and the rejection codes.</summary>
public sealed class PortalHelp(PortalAccess access, PortalSubmissions submissions, PageRenderer pages)
{
    [Function(nameof(PortalHelp))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/help")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        return visit is null ? refusal! : await pages.PageAsync<HelpPage, HelpModel>(new HelpModel(visit.Frame, submissions.MaxUploadBytes));
    }
}
