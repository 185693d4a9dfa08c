using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editions;
using Newsletter.Core.Editorial;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>
/// POST /console/editions/{editionId}/decide with <c>decision=approve</c> or <c>decision=skip</c>: an editor sends or skips an
/// edition held by <c>Digest:RequireApproval</c>. Done, it answers 303 to the editions page; an edition that is no longer held
/// comes back with why (409).
/// </summary>
public sealed class ConsoleEditionDecision(ConsoleAccess access, HeldEditions held, EditionDesk desk, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleEditionDecision))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/editions/{editionId}/decide")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (!Edition.IsWellFormedId(editionId))
        {
            return await access.NotFoundAsync();
        }

        var decision = console.Form["decision"].ToString();
        EditionDecisionResult? result = decision switch
        {
            "approve" => await held.ApproveAsync(editionId, console.Actor, cancellationToken),
            "skip" => await held.SkipAsync(editionId, console.Actor, cancellationToken),
            _ => null,
        };
        if (result is null)
        {
            return await pages.PageAsync<EditionsPage, EditionsPageModel>(
                new EditionsPageModel(console.Console, await desk.OverviewAsync(cancellationToken), Warning: "Choose to approve or to skip the edition. Nothing was changed."),
                StatusCodes.Status400BadRequest);
        }

        if (result.Outcome == EditionDecisionOutcome.UnknownEdition)
        {
            return await access.NotFoundAsync();
        }

        if (result.Outcome == EditionDecisionOutcome.NotHeld)
        {
            return await pages.PageAsync<EditionsPage, EditionsPageModel>(
                new EditionsPageModel(console.Console, await desk.OverviewAsync(cancellationToken), Warning: result.Message + " Nothing was changed."),
                StatusCodes.Status409Conflict);
        }

        var done = (decision, result.Already) switch
        {
            ("approve", false) => "approved",
            ("approve", true) => "already-approved",
            (_, false) => "skipped",
            _ => "already-skipped",
        };
        return new SeeOther($"{links.Editions}?{done}={Uri.EscapeDataString(result.Edition!.Id)}");
    }
}

/// <summary>GET /console/editions/{editionId}/preview?variant=key[&amp;format=text]: a stored edition's variant as its readers get it (HTML or text).</summary>
public sealed class ConsoleStoredEditionPreview(ConsoleAccess access, IEditionStore editions)
{
    [Function(nameof(ConsoleStoredEditionPreview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/editions/{editionId}/preview")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var variant = request.Query["variant"].ToString();
        if (!Edition.IsWellFormedId(editionId) || !Edition.IsWellFormedVariantKey(variant) || await editions.GetRenderingAsync(editionId, variant, cancellationToken) is not { } rendering)
        {
            return await access.NotFoundAsync();
        }

        return ConsoleEditionPreview.Answer(rendering, text: request.Query["format"] == "text");
    }
}
