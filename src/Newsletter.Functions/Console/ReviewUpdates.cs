using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Updates;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;
using Newsletter.Web.Shared;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/updates?status=published: updates of one status, newest first.</summary>
public sealed class ConsoleUpdates(ConsoleAccess access, ReviewDesk desk, PageRenderer pages)
{
    [Function(nameof(ConsoleUpdates))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/updates")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var status = UpdateStatuses.Parse(request.Query["status"].ToString()) ?? UpdateStatus.Published;
        return await pages.PageAsync<UpdatesPage, UpdatesPageModel>(new UpdatesPageModel(console.Console, status, await desk.ListAsync(status, cancellationToken)));
    }
}

/// <summary>GET /console/updates/{updateId}: one update as its page will look, its origin, and the editor's forms.</summary>
public sealed class ConsoleUpdate(ConsoleAccess access, ReviewDesk desk, NetworkClock clock, PageRenderer pages)
{
    /// <summary>What a redirect after a post may announce; anything else in <c>?done=</c> is ignored.</summary>
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["edit"] = "The edit is saved; its revision is listed below.",
        ["approve"] = "Approved: the update is published and goes into the next edition.",
        ["reject"] = "Rejected: the reason is kept with the update.",
        ["withdraw"] = "Withdrawn: its page now says so, and no listing shows it.",
        ["correct"] = "The correction is published; the page says when it was corrected.",
        ["unchanged"] = "Nothing changed, so nothing was saved.",
        ["image"] = "The image has its caption, credit and licence: readers see it with the update once it is published.",
    };

    [Function(nameof(ConsoleUpdate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/updates/{updateId}")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var review = await desk.GetAsync(updateId, cancellationToken);
        if (review is null)
        {
            return await access.NotFoundAsync();
        }

        var done = request.Query["done"].ToString();
        Notices.TryGetValue(done, out var notice);
        if (done == "approve" && review.Update is { Status: UpdateStatus.Scheduled, Embargo: { } lift })
        {
            // Approved under an embargo, the update waits: it is published at the lift, not now.
            notice = $"Approved: scheduled; it is published at {clock.Describe(lift)}.";
        }

        return await pages.PageAsync<UpdateReviewPage, UpdatePageModel>(
            new UpdatePageModel(console.Console, review, UpdateEdit.Of(review.Update), new Dictionary<string, string>(), notice));
    }
}

/// <summary>GET /console/updates/{updateId}/original: the file the member sent, as a download (never shown inline).</summary>
public sealed class ConsoleUpdateOriginal(ConsoleAccess access, ReviewDesk desk)
{
    [Function(nameof(ConsoleUpdateOriginal))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/updates/{updateId}/original")] HttpRequest request,
        string updateId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var original = await desk.OriginalAsync(updateId, cancellationToken);
        if (original is null)
        {
            return await access.NotFoundAsync();
        }

        // A member's file may be HTML: served as an attachment of an opaque type, it never runs in the site's origin.
        request.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileStreamResult(original.Content, "application/octet-stream") { FileDownloadName = original.FileName };
    }
}

/// <summary>
/// POST /console/updates/{updateId}/{action}: edit, approve, reject, withdraw, correct, or image (the details of a candidate
/// image, an e-mail's picture). A done action answers 303 back to the update's page; a form with problems comes back with
/// them (400), a wrong status with why (409).
/// </summary>
public sealed class ConsoleUpdateAction(ConsoleAccess access, EditorialService editorial, ReviewDesk desk, ImageDetailsService images, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleUpdateAction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/updates/{updateId}/{action}")] HttpRequest request,
        string updateId,
        string action,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var form = console.Form;
        if (action == "image")
        {
            return await CompleteImageAsync(console, updateId, form, cancellationToken);
        }

        var edit = new UpdateEdit(form["title"].FirstOrDefault(), form["summary"].FirstOrDefault(), form["organisation"].FirstOrDefault(),
            form["topics"].Where(t => t is not null).Select(t => t!).ToArray());
        var reason = action == "withdraw" ? form["note"].FirstOrDefault() : form["reason"].FirstOrDefault();
        EditorialResult? result = action switch
        {
            "edit" => await editorial.EditAsync(updateId, console.Actor, edit, cancellationToken),
            "correct" => await editorial.CorrectAsync(updateId, console.Actor, edit, cancellationToken),
            "approve" => await editorial.ApproveAsync(updateId, console.Actor, cancellationToken),
            "reject" => await editorial.RejectAsync(updateId, console.Actor, reason, cancellationToken),
            "withdraw" => await editorial.WithdrawAsync(updateId, console.Actor, reason, cancellationToken),
            _ => null,
        };
        if (result is null || result.Outcome == EditorialOutcome.UnknownUpdate)
        {
            return await access.NotFoundAsync();
        }

        if (result.Outcome is EditorialOutcome.Done or EditorialOutcome.Unchanged)
        {
            var done = result.Outcome == EditorialOutcome.Unchanged ? "unchanged" : action;
            return new SeeOther($"{links.Update(updateId)}?done={done}");
        }

        var review = await desk.GetAsync(updateId, cancellationToken);
        if (review is null)
        {
            return await access.NotFoundAsync();
        }

        // The form comes back as the editor typed it, so nothing typed is lost.
        var typed = action is "edit" or "correct" ? edit : UpdateEdit.Of(review.Update);
        var invalid = result.Outcome == EditorialOutcome.Invalid;
        return await pages.PageAsync<UpdateReviewPage, UpdatePageModel>(
            new UpdatePageModel(console.Console, review, typed, result.FieldErrors, Warning: invalid ? "Nothing was changed: see the problem below." : result.Message, Reason: reason),
            invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
    }

    private async Task<IActionResult> CompleteImageAsync(ConsoleRequest console, string updateId, IFormCollection form, CancellationToken cancellationToken)
    {
        var typed = new CandidateImageForm(form["image-caption"].ToString(), form["image-credit"].ToString(), form["image-licence"].ToString(), form["image-alt"].ToString());
        var result = await images.CompleteAsync(updateId, ImageActor.Editor(console.Actor), typed.Caption, typed.Credit, typed.Licence, typed.Alt, cancellationToken);
        if (result.Outcome == ImageCompletionOutcome.Done)
        {
            return new SeeOther($"{links.Update(updateId)}?done=image");
        }

        var review = result.Outcome == ImageCompletionOutcome.UnknownUpdate ? null : await desk.GetAsync(updateId, cancellationToken);
        if (review is null)
        {
            return await access.NotFoundAsync();
        }

        var invalid = result.Outcome == ImageCompletionOutcome.Invalid;
        return await pages.PageAsync<UpdateReviewPage, UpdatePageModel>(
            new UpdatePageModel(console.Console, review, UpdateEdit.Of(review.Update), new Dictionary<string, string>(),
                Warning: invalid ? "The image was not changed: see the problem below." : "The update has no image waiting for its details.",
                Image: invalid ? typed with { Error = result.Refusal!.Message } : null),
            invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
    }
}
