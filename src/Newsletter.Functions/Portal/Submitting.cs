using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Media;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Portal;

/// <summary>GET /portal/submit[?draft=id]: the release form, empty or filled from a draft.</summary>
public sealed class PortalSubmitForm(PortalAccess access, PortalSubmissions submissions, DraftImages images, PageRenderer pages)
{
    [Function(nameof(PortalSubmitForm))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/submit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        string? draftId = request.Query["draft"];
        var form = new ReleaseForm();
        DraftImage? kept = null;
        if (draftId is not null)
        {
            var found = PortalReleases.IsValidId(draftId) ? await submissions.FormOfAsync(visit.Member, draftId, cancellationToken) : null;
            if (found is null)
            {
                return await access.NotFoundAsync();
            }

            form = found;
            kept = await images.GetAsync(visit.Member.Id, draftId, cancellationToken);
        }

        return await pages.PageAsync<ReleaseFormPage, ReleaseFormModel>(
            new ReleaseFormModel(visit.Frame, form, submissions.TopicsFor(visit.Member), [], DraftId: draftId, KeptImage: kept)).WithOwnScriptsAsync();
    }
}

/// <summary>
/// POST /portal/preview: a dropped file (<c>source=file</c>) or the form (<c>source=form</c>) becomes a draft to preview;
/// a rejection is shown at once with the API's code and message, and the form keeps its values.
/// </summary>
public sealed class PortalPreview(PortalAccess access, PortalSubmissions submissions, PortalReleases releases, DraftImages images, PageRenderer pages)
{
    [Function(nameof(PortalPreview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var fields = visit.Form!;
        if (fields["source"] == "file")
        {
            var file = fields.Files.GetFile("file");
            if (file is null || file.FileName.Length == 0)
            {
                return await DashboardAsync(visit, new Rejection(RejectionCodes.Empty, "Choose a release file first."), null, null, cancellationToken);
            }

            await using var content = file.OpenReadStream();
            var step = await submissions.PreviewFileAsync(visit.Person, visit.Member, file.FileName, file.ContentType, content, file.Length, cancellationToken);
            return step.Succeeded
                ? new SeeOther(PortalPaths.Draft(step.Draft!.Id))
                : await DashboardAsync(visit, step.Rejection!, file.FileName, step.ReleaseId, cancellationToken);
        }

        var form = PortalForms.ReadRelease(fields);
        string? draftId = fields["draft"];
        draftId = PortalReleases.IsValidId(draftId) ? draftId : null;
        var image = PortalForms.Image(fields);
        SubmissionStep result;
        await using (var chosen = image?.OpenReadStream())
        {
            result = await submissions.PreviewFormAsync(visit.Person, visit.Member, form, draftId, chosen, image?.Length ?? 0, cancellationToken);
        }

        if (result.Succeeded)
        {
            return new SeeOther(PortalPaths.Draft(result.Draft!.Id));
        }

        var kept = draftId is null ? null : await images.GetAsync(visit.Member.Id, draftId, cancellationToken);
        return await pages.PageAsync<ReleaseFormPage, ReleaseFormModel>(
            new ReleaseFormModel(visit.Frame, form, submissions.TopicsFor(visit.Member), result.Problems, result.Rejection, draftId, result.ReleaseId, kept, image is not null),
            result.Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity).WithOwnScriptsAsync();
    }

    private async Task<IActionResult> DashboardAsync(PortalVisit visit, Rejection rejection, string? fileName, string? releaseId, CancellationToken cancellationToken)
    {
        var recent = await releases.ListAsync(visit.Member, null, 1, cancellationToken);
        return await pages.PageAsync<DashboardPage, DashboardModel>(
            new DashboardModel(visit.Frame, recent, submissions.MaxUploadBytes, rejection, Path.GetFileName(fileName) is { Length: > 0 } name ? name : "The file", releaseId),
            StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>GET /portal/drafts/{draftId}: the draft as it will look, with every warning.</summary>
public sealed class PortalDraftPreview(PortalAccess access, PortalSubmissions submissions, PageRenderer pages)
{
    [Function(nameof(PortalDraftPreview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/drafts/{draftId}")] HttpRequest request,
        string draftId,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var preview = PortalReleases.IsValidId(draftId) ? await submissions.PreviewAsync(visit.Member, draftId, cancellationToken) : null;
        return preview is null
            ? await access.NotFoundAsync()
            : await pages.PageAsync<PreviewPage, PreviewModel>(new PreviewModel(visit.Frame, preview, visit.Member.AutoPublish));
    }
}

/// <summary>POST /portal/drafts/{draftId} with <c>action</c> submit, save or delete.</summary>
public sealed class PortalDraftAction(PortalAccess access, PortalSubmissions submissions, PageRenderer pages)
{
    [Function(nameof(PortalDraftAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/drafts/{draftId}")] HttpRequest request,
        string draftId,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.PostAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        if (!PortalReleases.IsValidId(draftId) || !await submissions.ExistsAsync(visit.Member, draftId, cancellationToken))
        {
            return await access.NotFoundAsync();
        }

        switch (visit.Form!["action"].ToString())
        {
            case "submit":
                var step = await submissions.SubmitAsync(visit.Person, visit.Member, draftId, cancellationToken);
                if (step is null)
                {
                    return await access.NotFoundAsync();
                }

                if (step.ReleaseId is { } releaseId)
                {
                    return new SeeOther(PortalPaths.Release(releaseId));
                }

                if (step.AlreadySubmitting)
                {
                    return new SeeOther(PortalPaths.Releases); // the other request's release is listed there
                }

                var preview = await submissions.PreviewAsync(visit.Member, draftId, cancellationToken);
                return preview is null
                    ? await access.NotFoundAsync()
                    : await pages.PageAsync<PreviewPage, PreviewModel>(new PreviewModel(visit.Frame, preview, visit.Member.AutoPublish, step.Rejection),
                        StatusCodes.Status503ServiceUnavailable);
            case "save":
                return await submissions.SaveAsync(visit.Member, draftId, cancellationToken)
                    ? new SeeOther(PortalPaths.List(PortalStatus.Draft, 1))
                    : await access.NotFoundAsync();
            case "delete":
                return await submissions.DeleteAsync(visit.Member, draftId, cancellationToken) ? new SeeOther(PortalPaths.Home) : await access.NotFoundAsync();
            default:
                return new BadRequestResult();
        }
    }
}

/// <summary>
/// GET /portal/drafts/{draftId}/image/{name}: one size of the image chosen for a draft, for its preview; only the member's
/// contacts see it, and no cache keeps it.
/// </summary>
public sealed class PortalDraftImage(PortalAccess access, DraftImages images)
{
    [Function(nameof(PortalDraftImage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/drafts/{draftId}/image/{name}")] HttpRequest request,
        string draftId,
        string name,
        CancellationToken cancellationToken)
    {
        var (visit, refusal) = await access.EnterAsync(request, admin: false, cancellationToken);
        if (visit is null)
        {
            return refusal!;
        }

        var content = PortalReleases.IsValidId(draftId) && draftId.StartsWith('d')
            ? await images.OpenAsync(visit.Member.Id, draftId, name, cancellationToken)
            : null;
        return content is null ? await access.NotFoundAsync() : new MediaResult(new MediaFile(content, Public: false));
    }
}
