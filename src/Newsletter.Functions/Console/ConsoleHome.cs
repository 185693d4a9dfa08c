using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console: the review queue, the console's first page, for editors and admins.</summary>
public sealed class ConsoleHome(ConsoleAccess access, ReviewDesk desk, EmbargoService embargoes, PageRenderer pages)
{
    [Function(nameof(ConsoleHome))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        return await pages.PageAsync<QueuePage, QueuePageModel>(new QueuePageModel(console.Console, await desk.QueueAsync(cancellationToken),
            Requested: await desk.RequestedAsync(cancellationToken), Lifting: await embargoes.PendingLiftsAsync(ListEmbargoes.FlagWithin, cancellationToken)));
    }
}
