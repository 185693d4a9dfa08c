using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/delivery/{editionId}: one edition's delivery as the ledger and the provider's events have it.</summary>
public sealed class ConsoleDelivery(ConsoleAccess access, DeliveryDesk desk, PageRenderer pages)
{
    [Function(nameof(ConsoleDelivery))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/delivery/{editionId}")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (await desk.GetAsync(editionId, cancellationToken) is not { } report)
        {
            return await access.NotFoundAsync();
        }

        var notice = int.TryParse(request.Query["resent"].ToString(), out var messages) && messages > 0
            ? $"What was pending is on its way again ({Web.Shared.Words.Count(messages, "message")} back on the queue); refresh to follow it."
            : null;
        return await pages.PageAsync<DeliveryPage, DeliveryPageModel>(new DeliveryPageModel(console.Console, report, notice));
    }
}

/// <summary>POST /console/delivery/{editionId}/send-pending: an incomplete edition's given-up parts go back on the queue; answers 303 to its delivery page, or 409 saying why not.</summary>
public sealed class ConsoleDeliverySendPending(ConsoleAccess access, DeliveryDesk desk, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleDeliverySendPending))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/delivery/{editionId}/send-pending")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var (outcome, messages) = await desk.SendPendingAsync(editionId, console.Actor, cancellationToken);
        if (outcome == SendPendingOutcome.Enqueued)
        {
            return new SeeOther($"{links.Delivery(editionId)}?resent={messages}");
        }

        if (outcome == SendPendingOutcome.UnknownEdition || await desk.GetAsync(editionId, cancellationToken) is not { } report)
        {
            return await access.NotFoundAsync();
        }

        return await pages.PageAsync<DeliveryPage, DeliveryPageModel>(
            new DeliveryPageModel(console.Console, report, Warning: "Nothing was sent: this edition is not incomplete (no part of it was given up while readers wait)."),
            StatusCodes.Status409Conflict);
    }
}
