using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Media;
using Newsletter.Core.Portal;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;
using Newsletter.Web.Shared;

namespace Newsletter.Functions.Portal;

/// <summary>GET /portal/releases[?status=&amp;page=]: the member's releases with their status, newest first.</summary>
public sealed class PortalReleaseList(PortalAccess access, PortalReleases releases, PageRenderer pages)
{
    [Function(nameof(PortalReleaseList))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/releases")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        string? requested = request.Query["status"];
        var status = PortalStatuses.Parse(requested);
        if (requested is { Length: > 0 } && status is null)
        {
            return await access.NotFoundAsync();
        }

        var page = int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 100_000 ? n : 1;
        var list = await releases.ListAsync(visit.Member, status, page, cancellationToken);
        return await pages.PageAsync<ReleasesPage, ReleasesModel>(new ReleasesModel(visit.Frame, list));
    }
}

/// <summary>GET /portal/releases/{releaseId}: one release, its status and history, and what may still be done with it.</summary>
public sealed class PortalReleaseView(PortalAccess access, PortalReleases releases, PageRenderer pages)
{
    [Function(nameof(PortalReleaseView))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/releases/{releaseId}")] HttpRequest request,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var detail = await releases.GetAsync(visit.Member, releaseId, cancellationToken);
        return detail is null ? await access.NotFoundAsync() : await pages.PageAsync<ReleasePage, ReleaseModel>(new ReleaseModel(visit.Frame, detail));
    }
}

/// <summary>
/// POST /portal/releases/{releaseId} with <c>action</c> edit, withdraw, request (a correction or withdrawal of a published one),
/// or complete-image (the caption, credit and licence of the e-mail's picture, which is shown from then on; once editors
/// approved the update, only they change it, unless the member is auto-publish).
/// </summary>
public sealed class PortalReleaseAction(PortalAccess access, PortalReleases releases, ImageDetailsService images, PageRenderer pages)
{
    [Function(nameof(PortalReleaseAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/releases/{releaseId}")] HttpRequest request,
        string releaseId,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var form = visit.Form!;
        PortalActionOutcome outcome;
        string done;
        string? refused = null;
        switch (form["action"].ToString())
        {
            case "edit":
                var draftId = await releases.EditAsync(visit.Person, visit.Member, releaseId, cancellationToken);
                if (draftId is not null)
                {
                    return new SeeOther(PortalPaths.Edit(draftId));
                }

                outcome = await releases.GetAsync(visit.Member, releaseId, cancellationToken) is null ? PortalActionOutcome.NotFound : PortalActionOutcome.NotAllowed;
                refused = outcome == PortalActionOutcome.NotAllowed ? (await releases.RoomForDraftAsync(visit.Person, visit.Member, cancellationToken))?.Message : null;
                done = string.Empty;
                break;
            case "withdraw":
                outcome = await releases.WithdrawAsync(visit.Person, visit.Member, releaseId, cancellationToken);
                if (outcome == PortalActionOutcome.Done && await releases.GetAsync(visit.Member, releaseId, cancellationToken) is null)
                {
                    return new SeeOther(PortalPaths.Releases); // a draft: nothing is left to show
                }

                done = "The release is withdrawn: it will not be published.";
                break;
            case "complete-image":
                return await CompleteImageAsync(visit, releaseId, form, cancellationToken);
            case "request":
                var kind = form["kind"] == "withdrawal" ? ChangeRequestKind.Withdrawal : ChangeRequestKind.Correction;
                outcome = await releases.RequestChangeAsync(visit.Person, visit.Member, releaseId, kind, form["text"], cancellationToken);
                done = "Your request is recorded and sent to the editors; this page shows when they have answered it.";
                break;
            default:
                return new BadRequestResult();
        }

        if (outcome == PortalActionOutcome.NotFound)
        {
            return await access.NotFoundAsync();
        }

        var detail = await releases.GetAsync(visit.Member, releaseId, cancellationToken);
        if (detail is null)
        {
            return await access.NotFoundAsync();
        }

        var (message, status) = outcome switch
        {
            PortalActionOutcome.Done => (done, StatusCodes.Status200OK),
            PortalActionOutcome.TextRequired => ("Say what should change, and why.", StatusCodes.Status400BadRequest),
            _ => (refused ?? "That cannot be done with this release in its present state.", StatusCodes.Status409Conflict),
        };
        return await pages.PageAsync<ReleasePage, ReleaseModel>(new ReleaseModel(visit.Frame, detail, message, outcome != PortalActionOutcome.Done), status);
    }

    private async Task<IActionResult> CompleteImageAsync(PortalVisit visit, string releaseId, IFormCollection form, CancellationToken cancellationToken)
    {
        var detail = await releases.GetAsync(visit.Member, releaseId, cancellationToken);
        if (detail is null)
        {
            return await access.NotFoundAsync();
        }

        var typed = new CandidateImageForm(PortalForms.Field(form, "image-caption"), PortalForms.Field(form, "image-credit"), PortalForms.Field(form, "image-licence"),
            PortalForms.Field(form, "image-alt"));
        var result = detail.Update is { } update
            ? await images.CompleteAsync(update.Id, ImageActor.ForMember(visit.Person.Address, visit.Member), typed.Caption, typed.Credit, typed.Licence, typed.Alt, cancellationToken)
            : null;
        switch (result?.Outcome)
        {
            case ImageCompletionOutcome.Done:
                var after = await releases.GetAsync(visit.Member, releaseId, cancellationToken) ?? detail;
                return await pages.PageAsync<ReleasePage, ReleaseModel>(new ReleaseModel(visit.Frame, after,
                    "The image has its caption, credit and licence: readers see it with the release once it is published."));
            case ImageCompletionOutcome.Invalid:
                return await pages.PageAsync<ReleasePage, ReleaseModel>(
                    new ReleaseModel(visit.Frame, detail, "The image was not changed: see the problem below.", true, typed with { Error = result.Refusal!.Message }),
                    StatusCodes.Status400BadRequest);
            case ImageCompletionOutcome.Approved:
                return await pages.PageAsync<ReleasePage, ReleaseModel>(
                    new ReleaseModel(visit.Frame, detail, result.Refusal!.Message, true, typed with { Error = result.Refusal.Message }), StatusCodes.Status409Conflict);
            default:
                return await pages.PageAsync<ReleasePage, ReleaseModel>(
                    new ReleaseModel(visit.Frame, detail, "This release has no image waiting for its details.", true), StatusCodes.Status409Conflict);
        }
    }
}
