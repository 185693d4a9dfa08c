using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Functions.Console;

/// <summary>GET /console: the editor console's landing page, for editors and admins.</summary>
public sealed class ConsoleHome(AccessGate gate, PageRenderer pages)
{
    [Function(nameof(ConsoleHome))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var check = await gate.EditorAsync(request, admin: false, cancellationToken);
        if (!check.Allowed)
        {
            return check.Refusal!;
        }

        var (person, token) = (check.SignedIn!.Person, check.SignedIn.AntiForgeryToken);
        return await pages.PageAsync<SignedInHomePage, SignedInHome>(new SignedInHome("Editor console", "Editor console",
            person.Address, person.RoleNames, token, "Reviewing releases and editions in the browser comes here next."));
    }
}
